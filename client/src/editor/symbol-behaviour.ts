/**
 * Editing behaviour added to the schema's `symbol` node: typing or pasting a valid document
 * symbol turns it into a symbol node (input and paste rules over the schema's grammar), a node
 * view renders it as links to its organisation's repository in the notice's language, and a command
 * inserts one from the symbol form.
 */
import { isValidSymbol, type NoticeLanguage, symbolLinks, symbolOrganisation } from '@convene/schema'
import { InputRule, type Node, PasteRule } from '@tiptap/core'
import { pastedSymbols, typedSymbol } from './symbol-detection'

/** Options the client adds to the symbol node. */
export type SymbolBehaviourOptions = {
  /** Opens the form to insert a symbol. */
  onOpenForm: () => void
  /** The tooltip of a symbol link. */
  describe: (symbol: string) => string
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    symbol: {
      /** Inserts a document symbol at the selection (refused when the symbol is not valid). */
      insertSymbol: (symbol: string) => ReturnType
      /** Opens the form to insert a document symbol. */
      openSymbolForm: () => ReturnType
    }
  }
}

/** Shortcut that opens the symbol form. */
export const SYMBOL_SHORTCUT = 'Alt-Shift-d'

function renderSymbol(
  dom: HTMLElement,
  attrs: Record<string, unknown>,
  language: NoticeLanguage,
  describe: (s: string) => string,
) {
  const symbol = String(attrs.symbol ?? '')
  const organisation = symbolOrganisation(attrs)
  dom.replaceChildren()
  dom.dataset.symbol = symbol
  dom.dataset.organisation = organisation
  if (!isValidSymbol(symbol, organisation)) {
    // A malformed symbol from an old document or a peer: shown as text, flagged, never a broken link.
    dom.dataset.invalid = 'true'
    dom.textContent = symbol
    return
  }
  delete dom.dataset.invalid
  for (const [index, link] of symbolLinks(symbol, language, organisation).entries()) {
    if (index > 0) dom.append('-')
    if (link.href === undefined) {
      // The organisation publishes no stable address for this document: its symbol is plain text.
      dom.append(link.text)
      continue
    }
    const a = document.createElement('a')
    a.href = link.href
    a.target = '_blank'
    a.rel = 'noopener noreferrer'
    a.textContent = link.text
    a.title = describe(link.text)
    dom.append(a)
  }
}

/** Adds input and paste rules, a link node view and commands to the schema's symbol node. */
export function withSymbolBehaviour<O extends { language: NoticeLanguage }, S>(
  symbolNode: Node<O, S>,
  behaviour: SymbolBehaviourOptions,
): Node<O & SymbolBehaviourOptions, S> {
  return symbolNode.extend<O & SymbolBehaviourOptions, S>({
    addOptions() {
      return { ...(this.parent?.() as O), ...behaviour }
    },

    addNodeView() {
      return ({ node }) => {
        const dom = document.createElement('span')
        dom.className = 'document-symbol'
        dom.dataset.type = 'document-symbol'
        const render = (attrs: Record<string, unknown>) =>
          renderSymbol(dom, attrs, this.options.language, this.options.describe)
        render(node.attrs)
        // A plain click selects the symbol like any other word; Ctrl/Cmd-click or middle-click opens it.
        const onClick = (event: MouseEvent) => {
          if (event.target instanceof HTMLAnchorElement && !(event.ctrlKey || event.metaKey))
            event.preventDefault()
        }
        dom.addEventListener('click', onClick)
        return {
          dom,
          update: (updated) => {
            if (updated.type.name !== this.name) return false
            const organisation = symbolOrganisation(updated.attrs)
            if (updated.attrs.symbol !== dom.dataset.symbol || organisation !== dom.dataset.organisation) {
              render(updated.attrs)
            }
            return true
          },
          selectNode: () => dom.classList.add('is-selected'),
          deselectNode: () => dom.classList.remove('is-selected'),
          destroy: () => dom.removeEventListener('click', onClick),
          ignoreMutation: () => true,
        }
      }
    },

    addInputRules() {
      return [
        new InputRule({
          find: (text) => {
            const typed = typedSymbol(text)
            return typed ? { index: typed.index, text: text.slice(typed.index), data: typed } : null
          },
          handler: ({ state, range, match }) => {
            const typed = match.data as ReturnType<typeof typedSymbol>
            const type = state.schema.nodes[this.name]
            if (!typed || !type) return null
            const marks = state.doc.resolve(range.from).marks()
            state.tr.replaceWith(range.from, range.to, [
              type.create({ symbol: typed.symbol }),
              state.schema.text(typed.terminator, marks),
            ])
          },
        }),
      ]
    },

    addPasteRules() {
      return [
        new PasteRule({
          find: (text) => pastedSymbols(text),
          handler: ({ state, range, match }) => {
            const symbol = (match.data as { symbol?: string } | undefined)?.symbol
            const type = state.schema.nodes[this.name]
            if (!symbol || !type) return null
            state.tr.replaceWith(range.from, range.to, type.create({ symbol }))
          },
        }),
      ]
    },

    addCommands() {
      return {
        insertSymbol:
          (symbol) =>
          ({ commands }) =>
            isValidSymbol(symbol) && commands.insertContent({ type: this.name, attrs: { symbol } }),
        openSymbolForm: () => () => {
          this.options.onOpenForm()
          return true
        },
      }
    },

    addKeyboardShortcuts() {
      return { [SYMBOL_SHORTCUT]: () => this.editor.commands.openSymbolForm() }
    },
  })
}
