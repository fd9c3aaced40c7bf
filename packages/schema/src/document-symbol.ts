/**
 * The document-symbol node: an inline atom holding one WTO document symbol, rendered as one link per
 * joint part to the WTO Documents Online search in the notice's language. A symbol is a node, not
 * text, so that it is validated once and cannot be half-edited.
 */
import { mergeAttributes, Node } from '@tiptap/core'
import type { DOMOutputSpec } from '@tiptap/pm/model'
import type { NoticeLanguage } from './notice-language'
import type { ParsedElement } from './parsed-element'
import { isValidSymbol } from './symbol-grammar'
import { symbolLinks } from './symbol-links'

/** Options of the {@link DocumentSymbol} node: the language of its links. */
export type DocumentSymbolOptions = { language: NoticeLanguage; HTMLAttributes: Record<string, unknown> }

/**
 * Node `symbol`: inline atom with attribute `symbol`; DOM
 * `<span data-type="document-symbol" data-symbol="…"><a href="…">part</a>-<a href="…">part</a></span>`.
 * A malformed symbol (from a peer or an old document) renders as plain text marked `data-invalid`,
 * never as a broken link and never as an exception.
 */
export const DocumentSymbol = Node.create<DocumentSymbolOptions>({
  name: 'symbol',
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
    }
  },

  parseHTML() {
    return [{ tag: 'span[data-type="document-symbol"]' }]
  },

  renderHTML({ node, HTMLAttributes }) {
    const symbol = String(node.attrs.symbol ?? '')
    const base = mergeAttributes(
      { 'data-type': 'document-symbol' },
      this.options.HTMLAttributes,
      HTMLAttributes,
    )
    if (!isValidSymbol(symbol)) return ['span', { ...base, 'data-invalid': 'true' }, symbol]
    const children: (string | DOMOutputSpec)[] = []
    for (const [index, link] of symbolLinks(symbol, this.options.language).entries()) {
      if (index > 0) children.push('-')
      children.push(['a', { href: link.href }, link.text])
    }
    return ['span', base, ...children]
  },

  renderText({ node }) {
    return String(node.attrs.symbol ?? '')
  },
})
