/**
 * Editing behaviour added to the schema's `agendaItem` node: the agenda commands, their keyboard
 * shortcuts, live numbering and id repair. The node itself (content, attributes, DOM) stays the
 * schema's: this only `.extend()`s it.
 */
import type { Node } from '@tiptap/core'
import {
  type AgendaCommand,
  addItemAfter,
  addSubItem,
  inAgendaTitle,
  indentItem,
  moveItemDown,
  moveItemUp,
  outdentItem,
  removeEmptyItem,
} from './agenda-commands'
import { agendaIdsPlugin } from './agenda-ids'
import { agendaNumberingPlugin } from './agenda-numbering'
import { agendaMoveCommand, type OnItemMoved } from './agenda-yjs-moves'

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    agendaItem: {
      /** Adds an agenda item after the current one (or at the start of the agenda). */
      addAgendaItem: () => ReturnType
      /** Adds a sub-item at the end of the current item. */
      addAgendaSubItem: () => ReturnType
      /** Makes the current item a sub-item of the one before it. */
      indentAgendaItem: () => ReturnType
      /** Moves the current item one level up, after its parent. */
      outdentAgendaItem: () => ReturnType
      /** Swaps the current item with the one before it. */
      moveAgendaItemUp: () => ReturnType
      /** Swaps the current item with the one after it. */
      moveAgendaItemDown: () => ReturnType
    }
  }
}

/** The keyboard shortcuts of the agenda commands, in ProseMirror key notation. */
export const AGENDA_SHORTCUTS = {
  addItem: 'Mod-Enter',
  addSubItem: 'Mod-Shift-Enter',
  indent: 'Tab',
  outdent: 'Shift-Tab',
  moveUp: 'Alt-Shift-ArrowUp',
  moveDown: 'Alt-Shift-ArrowDown',
} as const

const run =
  (command: AgendaCommand) =>
  () =>
  ({ tr, dispatch }: { tr: Parameters<AgendaCommand>[0]; dispatch?: unknown }) =>
    command(tr, dispatch !== undefined)

/**
 * Adds the agenda commands, shortcuts, numbering and id repair to the schema's agendaItem node;
 * `onMoved` hears every move made here (numbers before and after).
 */
export function withAgendaItemBehaviour<O, S>(
  agendaItem: Node<O, S>,
  onMoved: OnItemMoved = () => {},
): Node<O, S> {
  return agendaItem.extend({
    addCommands() {
      return {
        addAgendaItem: run(addItemAfter),
        addAgendaSubItem: run(addSubItem),
        indentAgendaItem: agendaMoveCommand('indent', indentItem, onMoved),
        outdentAgendaItem: agendaMoveCommand('outdent', outdentItem, onMoved),
        moveAgendaItemUp: agendaMoveCommand('up', moveItemUp, onMoved),
        moveAgendaItemDown: agendaMoveCommand('down', moveItemDown, onMoved),
      }
    },

    addKeyboardShortcuts() {
      // In a title, Tab and Shift-Tab always stay in the editor (even when the item cannot move
      // further), so a misjudged Tab never throws the focus out of the text being written. In
      // read-only text they move the focus as usual: nothing is being written there.
      const inTitle = () => this.editor.isEditable && inAgendaTitle(this.editor.state.tr)
      const removeIfEmpty = () =>
        this.editor.commands.command(({ tr, dispatch }) => removeEmptyItem(tr, dispatch !== undefined))
      return {
        [AGENDA_SHORTCUTS.addItem]: () => this.editor.commands.addAgendaItem(),
        [AGENDA_SHORTCUTS.addSubItem]: () => this.editor.commands.addAgendaSubItem(),
        [AGENDA_SHORTCUTS.indent]: () => inTitle() && (this.editor.commands.indentAgendaItem() || true),
        [AGENDA_SHORTCUTS.outdent]: () => inTitle() && (this.editor.commands.outdentAgendaItem() || true),
        [AGENDA_SHORTCUTS.moveUp]: () => this.editor.commands.moveAgendaItemUp(),
        [AGENDA_SHORTCUTS.moveDown]: () => this.editor.commands.moveAgendaItemDown(),
        Backspace: removeIfEmpty,
      }
    },

    addProseMirrorPlugins() {
      return [...(this.parent?.() ?? []), agendaNumberingPlugin(), agendaIdsPlugin()]
    },
  })
}
