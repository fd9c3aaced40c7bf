/**
 * The agenda move commands of a collaborative editor: they move the item in the Yjs document
 * itself (the schema's `moveAgendaItem`, which keeps what others type in the item meanwhile)
 * rather than through a ProseMirror delete and re-insert, then put the cursor back in the moved
 * item's title. Without a Yjs binding (a plain editor) the ProseMirror commands are used.
 */
import {
  type AgendaDropTarget,
  type AgendaMove,
  agendaOutline,
  canDropAgendaItem,
  canMoveAgendaItem,
  dropAgendaItem,
  moveAgendaItem,
} from '@convene/schema'
import type { CommandProps, Editor } from '@tiptap/core'
import { TextSelection } from '@tiptap/pm/state'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import { type AgendaCommand, currentItem } from './agenda-commands'
import { agendaItems } from './agenda-ids'
import { asUndoableMove } from './agenda-move-undo'

/** The transaction origin of a move (this person's undo history tracks it: agenda-move-undo.ts). */
export const AGENDA_MOVE_ORIGIN = { name: 'agenda-move' }

/** Told after an item moved: its number before and after ("3.2", "4.1"), for screen readers. */
export type OnItemMoved = (from: string, to: string) => void

function numberOf(doc: Parameters<typeof agendaOutline>[0], id: string): string {
  return agendaOutline(doc).find((entry) => entry.id === id)?.number ?? ''
}

/**
 * A Tiptap command applying `move` to the current item, in Yjs when the editor is collaborative;
 * `onMoved` hears the item's number before and after.
 */
export function agendaMoveCommand(move: AgendaMove, fallback: AgendaCommand, onMoved: OnItemMoved) {
  return () =>
    ({ tr, state, dispatch, editor }: CommandProps): boolean => {
      const fragment = (ySyncPluginKey.getState(state) as { type?: Y.XmlFragment } | undefined)?.type
      const at = currentItem(tr)
      const id = at ? String(at.node.attrs.id ?? '') : ''
      if (!fragment) {
        const before = id && dispatch ? numberOf(tr.doc, id) : ''
        const done = fallback(tr, dispatch !== undefined)
        if (done && before) onMoved(before, numberOf(tr.doc, id))
        return done
      }
      if (!id || !canMoveAgendaItem(fragment, id, move)) return false
      if (!dispatch) return true
      const offset = tr.selection.$from.parentOffset
      const inTitle = tr.selection.$from.parent === at?.node.firstChild
      // The change reaches ProseMirror from Yjs; this command's own transaction must not follow it.
      tr.setMeta('preventDispatch', true)
      const before = numberOf(editor.state.doc, id)
      // An outdent carries what followed the item along: that undoes only as the binding's own undo.
      const $item = tr.doc.resolve(at?.pos ?? 0)
      const carries = move === 'outdent' && $item.index() < $item.parent.childCount - 1
      asUndoableMove(editor, carries ? [] : [id], AGENDA_MOVE_ORIGIN, () =>
        moveAgendaItem(fragment, id, move, AGENDA_MOVE_ORIGIN),
      )
      const moved = agendaItems(editor.state.doc).find((entry) => entry.node.attrs.id === id)
      if (moved) {
        const titleSize = moved.node.firstChild?.content.size ?? 0
        const pos = moved.pos + 2 + (inTitle ? Math.min(offset, titleSize) : titleSize)
        const next = editor.state.tr.setSelection(TextSelection.create(editor.state.doc, pos))
        editor.view.dispatch(next.scrollIntoView())
        onMoved(before, numberOf(editor.state.doc, id))
      }
      return true
    }
}

/**
 * Drops the item `id` at `target` (a drag in the outline or the editor) through the same recorded
 * move as the keyboard commands; `onMoved` hears its number before and after. Returns whether it moved.
 */
export function dropAgendaItemInEditor(
  editor: Editor,
  id: string,
  target: AgendaDropTarget,
  onMoved: OnItemMoved,
): boolean {
  const fragment = (ySyncPluginKey.getState(editor.state) as { type?: Y.XmlFragment } | undefined)?.type
  if (!fragment || !editor.isEditable || !canDropAgendaItem(fragment, id, target)) return false
  const before = numberOf(editor.state.doc, id)
  asUndoableMove(editor, [id], AGENDA_MOVE_ORIGIN, () =>
    dropAgendaItem(fragment, id, target, AGENDA_MOVE_ORIGIN),
  )
  onMoved(before, numberOf(editor.state.doc, id))
  return true
}
