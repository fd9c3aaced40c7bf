/**
 * Editing commands on the agenda tree: add an item or a sub-item, indent, outdent, move up or
 * down, remove an empty item. Each works on a transaction (`apply` false only asks whether the
 * command is possible), keeps each item's id, and leaves the cursor in the moved item's title.
 * The numbers are not touched: they are derived from the tree (see agenda-numbering.ts).
 */
import { createAgendaItemId, NODE_NAMES } from '@convene/schema'
import { Fragment, type Node as ProseMirrorNode, type ResolvedPos } from '@tiptap/pm/model'
import { NodeSelection, Selection, TextSelection, type Transaction } from '@tiptap/pm/state'

/** A command on the agenda: returns whether it applies; changes `tr` only when `apply` is true. */
export type AgendaCommand = (tr: Transaction, apply: boolean) => boolean

/** Where an agenda item sits: the node, its position, and its depth in the tree of `$pos`. */
export type ItemAt = { node: ProseMirrorNode; pos: number; depth: number; $pos: ResolvedPos }

/** The innermost agenda item holding the selection (or selected as a node), if any. */
export function currentItem(tr: Transaction): ItemAt | null {
  const { selection } = tr
  if (selection instanceof NodeSelection && selection.node.type.name === NODE_NAMES.agendaItem) {
    const $pos = tr.doc.resolve(selection.from + 1)
    return { node: selection.node, pos: selection.from, depth: $pos.depth, $pos }
  }
  const $from = selection.$from
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth)
    if (node.type.name === NODE_NAMES.agendaItem)
      return { node, pos: $from.before(depth), depth, $pos: $from }
  }
  return null
}

/** Whether the cursor is inside an agenda item's title. */
export function inAgendaTitle(tr: Transaction): boolean {
  return tr.selection.$from.parent.type.name === NODE_NAMES.agendaTitle
}

function newItem(tr: Transaction): ProseMirrorNode {
  const { schema } = tr.doc.type
  const item = schema.nodes[NODE_NAMES.agendaItem]
  const title = schema.nodes[NODE_NAMES.agendaTitle]
  if (!item || !title)
    throw new Error(`The schema has no ${NODE_NAMES.agendaItem} or ${NODE_NAMES.agendaTitle} node`)
  return item.create({ id: createAgendaItemId() }, title.create())
}

/** Places the cursor in the title of the item that starts at `itemPos`, `offset` characters in. */
function cursorInTitle(tr: Transaction, itemPos: number, offset = 0): void {
  tr.setSelection(TextSelection.create(tr.doc, itemPos + 2 + offset))
}

/** Keeps the cursor at the same place inside an item that moved from `oldPos` to `newPos`. */
function followItem(tr: Transaction, oldSelection: Selection, oldPos: number, newPos: number): void {
  const delta = newPos - oldPos
  if (oldSelection instanceof NodeSelection) {
    tr.setSelection(NodeSelection.create(tr.doc, oldSelection.from + delta))
    return
  }
  const anchor = tr.doc.resolve(oldSelection.anchor + delta)
  const head = tr.doc.resolve(oldSelection.head + delta)
  tr.setSelection(TextSelection.between(anchor, head))
}

function insertItemAt(tr: Transaction, pos: number, apply: boolean): boolean {
  const item = newItem(tr)
  const $pos = tr.doc.resolve(pos)
  const index = $pos.index()
  if (!$pos.parent.canReplace(index, index, Fragment.from(item))) return false
  if (apply) {
    tr.insert(pos, item)
    cursorInTitle(tr, pos)
    tr.scrollIntoView()
  }
  return true
}

/**
 * Adds an item after the current one, at the same level. Outside the agenda (in the preamble),
 * adds an item at the start of the agenda.
 */
export const addItemAfter: AgendaCommand = (tr, apply) => {
  const at = currentItem(tr)
  if (at) return insertItemAt(tr, at.pos + at.node.nodeSize, apply)
  // In the preamble: the agenda starts after the last preamble block.
  let pos = 0
  tr.doc.forEach((child, offset) => {
    if (child.type.name !== NODE_NAMES.agendaItem) pos = offset + child.nodeSize
  })
  return insertItemAt(tr, pos, apply)
}

/** Adds a sub-item as the last child of the current item. */
export const addSubItem: AgendaCommand = (tr, apply) => {
  const at = currentItem(tr)
  if (!at) return false
  return insertItemAt(tr, at.pos + at.node.nodeSize - 1, apply)
}

/** Makes the current item the last sub-item of the item before it (3.2 becomes 3.1.1). */
export const indentItem: AgendaCommand = (tr, apply) => {
  const at = currentItem(tr)
  if (!at) return false
  const $item = tr.doc.resolve(at.pos)
  const index = $item.index()
  if (index === 0) return false
  const previous = $item.parent.child(index - 1)
  if (previous.type.name !== NODE_NAMES.agendaItem) return false
  const previousPos = at.pos - previous.nodeSize
  const merged = previous.type.createChecked(
    previous.attrs,
    previous.content.addToEnd(at.node),
    previous.marks,
  )
  if (apply) {
    const before = tr.selection
    tr.replaceWith(previousPos, at.pos + at.node.nodeSize, merged)
    followItem(tr, before, at.pos, at.pos - 1)
    tr.scrollIntoView()
  }
  return true
}

/**
 * Makes the current item a sibling following its parent (3.1 becomes 4). The items that followed
 * it under the same parent become its sub-items, so the reading order does not change.
 */
export const outdentItem: AgendaCommand = (tr, apply) => {
  const at = currentItem(tr)
  if (!at || at.depth < 2) return false
  const $item = tr.doc.resolve(at.pos)
  const parent = $item.parent
  if (parent.type.name !== NODE_NAMES.agendaItem) return false
  const parentPos = $item.before()
  const index = $item.index()
  const kept: ProseMirrorNode[] = []
  const following: ProseMirrorNode[] = []
  parent.forEach((child, _offset, i) => {
    if (i < index) kept.push(child)
    else if (i > index) following.push(child)
  })
  const newParent = parent.type.createChecked(parent.attrs, kept, parent.marks)
  const moved = at.node.type.createChecked(
    at.node.attrs,
    at.node.content.append(Fragment.from(following)),
    at.node.marks,
  )
  const $parent = tr.doc.resolve(parentPos)
  const parentIndex = $parent.index()
  if (!$parent.parent.canReplace(parentIndex, parentIndex + 1, Fragment.from([newParent, moved])))
    return false
  if (apply) {
    const before = tr.selection
    tr.replaceWith(parentPos, parentPos + parent.nodeSize, [newParent, moved])
    followItem(tr, before, at.pos, parentPos + newParent.nodeSize)
    tr.scrollIntoView()
  }
  return true
}

function swapWithSibling(direction: -1 | 1): AgendaCommand {
  return (tr, apply) => {
    const at = currentItem(tr)
    if (!at) return false
    const $item = tr.doc.resolve(at.pos)
    const index = $item.index()
    const siblingIndex = index + direction
    if (siblingIndex < 0 || siblingIndex >= $item.parent.childCount) return false
    const sibling = $item.parent.child(siblingIndex)
    if (sibling.type.name !== NODE_NAMES.agendaItem) return false
    if (apply) {
      const before = tr.selection
      if (direction < 0) {
        const from = at.pos - sibling.nodeSize
        tr.replaceWith(from, at.pos + at.node.nodeSize, [at.node, sibling])
        followItem(tr, before, at.pos, from)
      } else {
        const to = at.pos + at.node.nodeSize + sibling.nodeSize
        tr.replaceWith(at.pos, to, [sibling, at.node])
        followItem(tr, before, at.pos, at.pos + sibling.nodeSize)
      }
      tr.scrollIntoView()
    }
    return true
  }
}

/** Swaps the current item with the item before it at the same level (numbers follow). */
export const moveItemUp: AgendaCommand = swapWithSibling(-1)

/** Swaps the current item with the item after it at the same level (numbers follow). */
export const moveItemDown: AgendaCommand = swapWithSibling(1)

/**
 * Removes the current item when it holds nothing but an empty title (Backspace at its start),
 * since items are isolating and would otherwise never go away from the keyboard.
 */
export const removeEmptyItem: AgendaCommand = (tr, apply) => {
  const { selection } = tr
  if (!selection.empty || !inAgendaTitle(tr) || selection.$from.parentOffset !== 0) return false
  const at = currentItem(tr)
  if (at?.node.childCount !== 1 || at.node.firstChild?.childCount) return false
  // Keep at least one block: an empty document would leave nowhere to type.
  if (at.depth === 1 && tr.doc.childCount === 1) return false
  if (apply) {
    tr.delete(at.pos, at.pos + at.node.nodeSize)
    const $pos = tr.doc.resolve(Math.min(at.pos, tr.doc.content.size))
    tr.setSelection(Selection.near($pos, -1))
    tr.scrollIntoView()
  }
  return true
}
