/**
 * Stable ids for agenda items. Every item carries an `id` that comments, diffs and links refer
 * to: it is given when the item is created and never changes when the item moves. This plugin
 * gives an id to any item that lacks one and repairs duplicates (a paste of a copied item, say),
 * keeping the id on the item that had it first and giving the newcomer a fresh one.
 */
import { createAgendaItemId, NODE_NAMES } from '@convene/schema'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { type EditorState, Plugin, PluginKey, type Transaction } from '@tiptap/pm/state'
import { Mapping } from '@tiptap/pm/transform'

// The agenda item's id attribute (see the schema contract).
const ID = 'id'

/** Key of the id-repair plugin; its own transactions carry this key as meta. */
export const agendaIdsKey = new PluginKey('agendaIds')

type Placed = { node: ProseMirrorNode; pos: number }

/** Every agenda item of `doc` in document order (items only nest in the document and in items). */
export function agendaItems(doc: ProseMirrorNode): Placed[] {
  const items: Placed[] = []
  doc.descendants((node, pos) => {
    if (node.type.name !== NODE_NAMES.agendaItem) return false
    items.push({ node, pos })
    return true
  })
  return items
}

/**
 * The repairs `doc` needs: positions of items to give a fresh id. `existedBefore(pos, id)` tells
 * whether the item at `pos` already carried `id` before the change; that one keeps it.
 */
export function idRepairs(
  doc: ProseMirrorNode,
  existedBefore: (pos: number, id: string) => boolean,
): number[] {
  const byId = new Map<string, number[]>()
  const repairs: number[] = []
  for (const { node, pos } of agendaItems(doc)) {
    const id: unknown = node.attrs[ID]
    if (typeof id !== 'string' || id === '') {
      repairs.push(pos)
      continue
    }
    const group = byId.get(id)
    if (group) group.push(pos)
    else byId.set(id, [pos])
  }
  for (const [id, positions] of byId) {
    if (positions.length < 2) continue
    const keeper = positions.find((pos) => existedBefore(pos, id)) ?? positions[0]
    for (const pos of positions) if (pos !== keeper) repairs.push(pos)
  }
  return repairs.sort((a, b) => a - b)
}

/** Applies `repairs` (from `idRepairs`) to `tr`, with fresh ids. */
export function applyIdRepairs(
  tr: Transaction,
  repairs: number[],
  generate: () => string = createAgendaItemId,
): void {
  for (const pos of repairs) tr.setNodeAttribute(pos, ID, generate())
}

function changedLocally(transactions: readonly Transaction[]): boolean {
  return transactions.some((tr) => tr.docChanged && !tr.getMeta('y-sync$') && !tr.getMeta(agendaIdsKey))
}

/** The ProseMirror plugin that keeps agenda item ids present and unique after local edits. */
export function agendaIdsPlugin(): Plugin {
  return new Plugin({
    key: agendaIdsKey,
    appendTransaction(transactions, oldState: EditorState, newState: EditorState) {
      // Remote changes are repaired by the peer that made them; repairing them here too would
      // have every peer race to rename the same item.
      if (!changedLocally(transactions)) return null
      const mapping = new Mapping()
      for (const tr of transactions) mapping.appendMapping(tr.mapping)
      const back = mapping.invert()
      const existedBefore = (pos: number, id: string) => {
        const result = back.mapResult(pos, 1)
        if (result.deleted) return false
        return oldState.doc.nodeAt(result.pos)?.attrs[ID] === id
      }
      const repairs = idRepairs(newState.doc, existedBefore)
      if (repairs.length === 0) return null
      const tr = newState.tr
      applyIdRepairs(tr, repairs)
      tr.setMeta(agendaIdsKey, true)
      tr.setMeta('addToHistory', false)
      return tr
    },
  })
}
