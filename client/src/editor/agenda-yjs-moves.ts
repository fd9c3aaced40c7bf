/**
 * The agenda move commands of a collaborative editor: they move the item in the Yjs document
 * itself (the schema's `moveAgendaItem`, which keeps what others type in the item meanwhile)
 * rather than through a ProseMirror delete and re-insert, then put the cursor back in the moved
 * item's title. Without a Yjs binding (a plain editor) the ProseMirror commands are used.
 */
import { type AgendaMove, canMoveAgendaItem, moveAgendaItem } from '@convene/schema'
import type { CommandProps } from '@tiptap/core'
import { TextSelection } from '@tiptap/pm/state'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import { type AgendaCommand, currentItem } from './agenda-commands'
import { agendaItems } from './agenda-ids'

/** The transaction origin of a move (not tracked by the undo history: see the report in agenda-move.ts). */
export const AGENDA_MOVE_ORIGIN = { name: 'agenda-move' }

/** A Tiptap command applying `move` to the current item, in Yjs when the editor is collaborative. */
export function agendaMoveCommand(move: AgendaMove, fallback: AgendaCommand) {
  return () =>
    ({ tr, state, dispatch, editor }: CommandProps): boolean => {
      const fragment = (ySyncPluginKey.getState(state) as { type?: Y.XmlFragment } | undefined)?.type
      if (!fragment) return fallback(tr, dispatch !== undefined)
      const at = currentItem(tr)
      const id = at ? String(at.node.attrs.id ?? '') : ''
      if (!id || !canMoveAgendaItem(fragment, id, move)) return false
      if (!dispatch) return true
      const offset = tr.selection.$from.parentOffset
      const inTitle = tr.selection.$from.parent === at?.node.firstChild
      // The change reaches ProseMirror from Yjs; this command's own transaction must not follow it.
      tr.setMeta('preventDispatch', true)
      moveAgendaItem(fragment, id, move, AGENDA_MOVE_ORIGIN)
      const moved = agendaItems(editor.state.doc).find((entry) => entry.node.attrs.id === id)
      if (moved) {
        const titleSize = moved.node.firstChild?.content.size ?? 0
        const pos = moved.pos + 2 + (inTitle ? Math.min(offset, titleSize) : titleSize)
        const next = editor.state.tr.setSelection(TextSelection.create(editor.state.doc, pos))
        editor.view.dispatch(next.scrollIntoView())
      }
      return true
    }
}
