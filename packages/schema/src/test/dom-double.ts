/**
 * Test doubles for the DOM side of node specs, so that render -> parse round trips can be checked in
 * Node without a browser: a fake element built from a `toDOM` output, and the parse rule's attributes.
 */
import type { DOMOutputSpec, NodeType } from '@tiptap/pm/model'
import type { ParsedElement } from '../parsed-element'

/** The tag, attributes and text of a `toDOM` array output (children flattened to their text). */
export function renderedElement(spec: DOMOutputSpec): {
  tag: string
  attrs: Record<string, string>
  text: string
} {
  if (!Array.isArray(spec)) throw new Error(`expected an array DOM output spec, got ${JSON.stringify(spec)}`)
  const [tag, second, ...rest] = spec as unknown[]
  const hasAttrs = typeof second === 'object' && second !== null && !Array.isArray(second)
  const children = hasAttrs ? rest : [second, ...rest]
  const textOf = (child: unknown): string =>
    typeof child === 'string'
      ? child
      : Array.isArray(child)
        ? renderedElement(child as DOMOutputSpec).text
        : ''
  return {
    tag: String(tag),
    attrs: hasAttrs ? (second as Record<string, string>) : {},
    text: children.map(textOf).join(''),
  }
}

/** A fake element with these attributes and text, enough for the nodes' parseHTML rules. */
export function fakeElement(attrs: Readonly<Record<string, string>>, text = ''): ParsedElement {
  return { getAttribute: (name) => attrs[name] ?? null, textContent: text }
}

/** The attributes the first parse rule of `type` reads from `element` (false if the rule rejects it). */
export function parseAttrs(
  type: NodeType | undefined,
  element: ParsedElement,
): Record<string, unknown> | false {
  const rule = type?.spec.parseDOM?.[0]
  if (!rule || !('getAttrs' in rule) || !rule.getAttrs)
    throw new Error(`no parse rule with getAttrs on ${type?.name}`)
  const attrs = (rule.getAttrs as (element: ParsedElement) => Record<string, unknown> | false | null)(element)
  return attrs === null ? {} : attrs
}
