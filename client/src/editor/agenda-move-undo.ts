/**
 * Undo and redo of agenda moves, as moves. The collaboration binding's undo manager (local to this
 * person: it tracks only their own transactions) would undo a recorded move by deleting the moved
 * copy and restoring the old one, losing what others typed in the item since. Instead each move is
 * one stack item carrying where the items stood before; undoing it is a new recorded move back
 * there (and redo a move forward again), so concurrent edits are kept either way.
 */
import { type AgendaDropTarget, dropAgendaItem, NODE_NAMES } from '@convene/schema'
import type { Editor } from '@tiptap/core'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { ySyncPluginKey, yUndoPluginKey } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'

/** Where items stood: each id with its parent and previous sibling. */
type Placements = { id: string; at: AgendaDropTarget }[]

const META_KEY = 'agendaMove'

/** Where the item `id` stands in `doc`, or null when it is not there. */
export function placementIn(doc: ProseMirrorNode, id: string): AgendaDropTarget | null {
  let found: AgendaDropTarget | null = null
  doc.descendants((node, _pos, parent, index) => {
    if (found) return false
    if (node.type.name !== NODE_NAMES.agendaItem || node.attrs.id !== id || !parent) return true
    let afterId: string | null = null
    for (let i = index - 1; i >= 0 && afterId === null; i--) {
      const sibling = parent.child(i)
      if (sibling.type.name === NODE_NAMES.agendaItem) afterId = String(sibling.attrs.id)
    }
    found = { parentId: parent.type.name === NODE_NAMES.agendaItem ? String(parent.attrs.id) : null, afterId }
    return false
  })
  return found
}

type Installed = { pending: Placements | null }
const installed = new WeakMap<Y.UndoManager, Installed>()

function placements(editor: Editor, ids: readonly string[]): Placements {
  return ids.flatMap((id) => {
    const at = placementIn(editor.state.doc, id)
    return at ? [{ id, at }] : []
  })
}

/** Teaches `undoManager` to undo and redo the stack items of moves as moves (once per manager). */
function install(undoManager: Y.UndoManager, editor: Editor, origin: unknown): Installed {
  const existing = installed.get(undoManager)
  if (existing) return existing
  const state: Installed = { pending: null }
  installed.set(undoManager, state)
  undoManager.addTrackedOrigin(origin)
  undoManager.on('stack-item-added', ({ stackItem }: { stackItem: { meta: Map<string, unknown> } }) => {
    if (state.pending) stackItem.meta.set(META_KEY, state.pending)
  })
  const replay = (stack: 'undoStack' | 'redoStack', flag: 'undoing' | 'redoing', fallback: () => unknown) => {
    const top = undoManager[stack][undoManager[stack].length - 1]
    const back = top?.meta.get(META_KEY) as Placements | undefined
    const fragment = (ySyncPluginKey.getState(editor.state) as { type?: Y.XmlFragment } | undefined)?.type
    if (!back || !fragment?.doc) return fallback()
    undoManager[stack].pop()
    state.pending = placements(
      editor,
      back.map((entry) => entry.id),
    )
    undoManager[flag] = true
    try {
      fragment.doc.transact(() => {
        for (const { id, at } of back) dropAgendaItem(fragment, id, at, origin)
      }, origin)
    } finally {
      undoManager[flag] = false
      state.pending = null
    }
    return top
  }
  const undo = undoManager.undo.bind(undoManager)
  const redo = undoManager.redo.bind(undoManager)
  undoManager.undo = () => replay('undoStack', 'undoing', undo) as ReturnType<typeof undo>
  undoManager.redo = () => replay('redoStack', 'redoing', redo) as ReturnType<typeof redo>
  return state
}

/**
 * Runs `move` (a recorded move of the items `ids`, in a transaction with `origin`) as one undo
 * step of its own that undoes as a move. Without a collaboration undo manager it just runs.
 */
export function asUndoableMove(
  editor: Editor,
  ids: readonly string[],
  origin: unknown,
  move: () => void,
): void {
  const undoManager = (yUndoPluginKey.getState(editor.state) as { undoManager?: Y.UndoManager } | undefined)
    ?.undoManager
  if (!undoManager) {
    move()
    return
  }
  const state = install(undoManager, editor, origin)
  undoManager.stopCapturing()
  state.pending = ids.length > 0 ? placements(editor, ids) : null
  try {
    move()
  } finally {
    state.pending = null
    undoManager.stopCapturing()
  }
}
