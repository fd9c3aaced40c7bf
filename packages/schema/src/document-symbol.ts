/**
 * The document-symbol node: an inline atom holding one document symbol of an organisation, rendered
 * as one link per joint part to that organisation's repository in the notice's language. A symbol
 * is a node, not text, so that it is validated once and cannot be half-edited.
 */
import { mergeAttributes, Node } from '@tiptap/core'
import type { DOMOutputSpec } from '@tiptap/pm/model'
import { NODE_NAMES } from './node-names'
import type { NoticeLanguage } from './notice-language'
import { DEFAULT_ORGANISATION, type Organisation, organisationNamed } from './organisations'
import type { ParsedElement } from './parsed-element'
import { isValidSymbol } from './symbol-grammar'
import { symbolLinks } from './symbol-links'

/** Options of the {@link DocumentSymbol} node: the language of its links. */
export type DocumentSymbolOptions = { language: NoticeLanguage; HTMLAttributes: Record<string, unknown> }

/**
 * The organisation a symbol node's attributes name (a WTO notice may cite `A/RES/70/1` of the UN),
 * the default organisation when they name none or one we do not know.
 */
export function symbolOrganisation(attrs: Record<string, unknown>): Organisation {
  const named = typeof attrs.organisation === 'string' ? organisationNamed(attrs.organisation) : undefined
  return named ?? DEFAULT_ORGANISATION
}

/**
 * Node `symbol`: inline atom with attributes `symbol` and `organisation` ('': the WTO); DOM
 * `<span data-type="document-symbol" data-symbol="…" data-organisation="…"><a href="…">part</a>-…</span>`.
 * A malformed symbol (from a peer or an old document) renders as plain text marked `data-invalid`,
 * never as a broken link and never as an exception; a part without a stable URL is plain text.
 */
export const DocumentSymbol = Node.create<DocumentSymbolOptions>({
  name: NODE_NAMES.symbol,
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,

  addOptions() {
    return { language: 'en', HTMLAttributes: {} }
  },

  addAttributes() {
    return {
      symbol: {
        default: '',
        parseHTML: (element: ParsedElement) =>
          element.getAttribute('data-symbol') ?? element.textContent ?? '',
        renderHTML: (attributes: Record<string, unknown>) => ({ 'data-symbol': attributes.symbol }),
      },
      organisation: {
        default: '',
        parseHTML: (element: ParsedElement) =>
          organisationNamed(element.getAttribute('data-organisation') ?? '') ?? '',
        renderHTML: (attributes: Record<string, unknown>) =>
          attributes.organisation ? { 'data-organisation': attributes.organisation } : {},
      },
    }
  },

  parseHTML() {
    return [{ tag: 'span[data-type="document-symbol"]' }]
  },

  renderHTML({ node, HTMLAttributes }) {
    const symbol = String(node.attrs.symbol ?? '')
    const organisation = symbolOrganisation(node.attrs)
    const base = mergeAttributes(
      { 'data-type': 'document-symbol' },
      this.options.HTMLAttributes,
      HTMLAttributes,
    )
    if (!isValidSymbol(symbol, organisation)) return ['span', { ...base, 'data-invalid': 'true' }, symbol]
    const children: (string | DOMOutputSpec)[] = []
    for (const [index, link] of symbolLinks(symbol, this.options.language, organisation).entries()) {
      if (index > 0) children.push('-')
      children.push(link.href === undefined ? link.text : ['a', { href: link.href }, link.text])
    }
    return ['span', base, ...children]
  },

  renderText({ node }) {
    return String(node.attrs.symbol ?? '')
  },
})
