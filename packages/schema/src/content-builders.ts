/**
 * Small builders of notice content (Tiptap JSON), so that a document written in code reads like the
 * document: `agendaItem('id', 'TITLE', paragraph('text ', speaker({ … }), '.'))`. Plain strings are
 * scanned for document symbols, which become symbol nodes. Used by the sample notice and by tests.
 */
import type { JSONContent } from '@tiptap/core'
import { MARK_NAMES, NODE_NAMES } from './node-names'
import { SPEAKER_FIELDS, type SpeakerAttrs } from './speaker'
import { findSymbols, parseSymbol } from './symbol-grammar'

/** Inline content for the builders: a string (scanned for symbols) or an inline node / text node. */
export type InlineInput = string | JSONContent

/** A text node, with marks if given. */
export function text(value: string, marks?: JSONContent['marks']): JSONContent {
  return marks && marks.length > 0
    ? { type: NODE_NAMES.text, text: value, marks }
    : { type: NODE_NAMES.text, text: value }
}

/** A text node linked to `href`. */
export function link(value: string, href: string): JSONContent {
  return text(value, [{ type: MARK_NAMES.link, attrs: { href } }])
}

/** A bold text node. */
export function bold(value: string): JSONContent {
  return text(value, [{ type: MARK_NAMES.bold }])
}

/** An italic text node. */
export function italic(value: string): JSONContent {
  return text(value, [{ type: MARK_NAMES.italic }])
}

/** A symbol node; throws a SymbolError for a malformed symbol. */
export function symbol(value: string): JSONContent {
  parseSymbol(value)
  return { type: NODE_NAMES.symbol, attrs: { symbol: value } }
}

/** A speaker node; fields not given are ''. */
export function speaker(fields: Partial<SpeakerAttrs> & { name: string }): JSONContent {
  const attrs = Object.fromEntries(SPEAKER_FIELDS.map((field) => [field, fields[field] ?? '']))
  return { type: NODE_NAMES.speaker, attrs }
}

/** Inline nodes from builder input: strings become text, with each document symbol in them a symbol node. */
export function inline(...parts: InlineInput[]): JSONContent[] {
  const nodes: JSONContent[] = []
  for (const part of parts) {
    if (typeof part !== 'string') {
      nodes.push(part)
      continue
    }
    let at = 0
    for (const found of findSymbols(part)) {
      if (found.from > at) nodes.push(text(part.slice(at, found.from)))
      nodes.push(symbol(found.symbol))
      at = found.to
    }
    if (at < part.length) nodes.push(text(part.slice(at)))
  }
  return nodes
}

/** A paragraph of inline parts. */
export function paragraph(...parts: InlineInput[]): JSONContent {
  const content = inline(...parts)
  return content.length > 0 ? { type: NODE_NAMES.paragraph, content } : { type: NODE_NAMES.paragraph }
}

/** A bullet list, one list item (holding one paragraph) per entry. */
export function bulletList(...items: (InlineInput | InlineInput[])[]): JSONContent {
  return {
    type: NODE_NAMES.bulletList,
    content: items.map((item) => ({
      type: NODE_NAMES.listItem,
      content: [paragraph(...(Array.isArray(item) ? item : [item]))],
    })),
  }
}

/** An agenda item with its stable id, its title, then body blocks and sub-items (in that order). */
export function agendaItem(
  id: string,
  title: InlineInput | InlineInput[],
  ...children: JSONContent[]
): JSONContent {
  const titleContent = inline(...(Array.isArray(title) ? title : [title]))
  return {
    type: NODE_NAMES.agendaItem,
    attrs: { id },
    content: [
      titleContent.length > 0
        ? { type: NODE_NAMES.agendaTitle, content: titleContent }
        : { type: NODE_NAMES.agendaTitle },
      ...children,
    ],
  }
}

/** `item` (an {@link agendaItem}) marked recurring: the notice for the next meeting keeps it. */
export function recurring(item: JSONContent): JSONContent {
  return { ...item, attrs: { ...item.attrs, recurring: true } }
}

/** A notice document: preamble blocks, then agenda items. */
export function doc(...children: JSONContent[]): JSONContent {
  return { type: NODE_NAMES.doc, content: children }
}
