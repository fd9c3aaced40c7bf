/**
 * The agenda moves (up, down, indent, outdent) as operations on the notice's Yjs tree, found by
 * agenda id: the editor's commands and the convergence tests run these same functions, and each
 * move goes through {@link moveAgendaElement}, so concurrent edits inside the item are kept.
 */
import * as Y from 'yjs'
import { moveAgendaElement } from './agenda-move'
import { NODE_NAMES } from './node-names'

/** The agenda moves, by name. */
export const AGENDA_MOVES = ['up', 'down', 'indent', 'outdent'] as const

/** One of {@link AGENDA_MOVES}. */
export type AgendaMove = (typeof AGENDA_MOVES)[number]

function isAgendaItem(node: unknown): node is Y.XmlElement {
  return node instanceof Y.XmlElement && node.nodeName === NODE_NAMES.agendaItem
}

/** The live agenda item element with agenda id `id` in `fragment`, if any. */
export function findAgendaElement(fragment: Y.XmlFragment | Y.XmlElement, id: string): Y.XmlElement | null {
  for (const child of fragment.toArray()) {
    if (!isAgendaItem(child)) continue
    if (child.getAttribute('id') === id) return child
    const inner = findAgendaElement(child, id)
    if (inner) return inner
  }
  return null
}

type Placement = { parent: Y.XmlElement | Y.XmlFragment; index: number }

function placement(element: Y.XmlElement, move: AgendaMove): Placement | null {
  const parent = element.parent as Y.XmlElement | Y.XmlFragment
  const siblings = parent.toArray()
  const index = siblings.indexOf(element)
  if (move === 'up') return isAgendaItem(siblings[index - 1]) ? { parent, index: index - 1 } : null
  if (move === 'down') return isAgendaItem(siblings[index + 1]) ? { parent, index: index + 2 } : null
  if (move === 'indent') {
    const previous = siblings[index - 1]
    return isAgendaItem(previous) ? { parent: previous, index: previous.length } : null
  }
  if (!isAgendaItem(parent)) return null
  const grandParent = parent.parent as Y.XmlElement | Y.XmlFragment
  return { parent: grandParent, index: grandParent.toArray().indexOf(parent) + 1 }
}

/** Whether `move` applies to the item `id` of `fragment`. */
export function canMoveAgendaItem(fragment: Y.XmlFragment, id: string, move: AgendaMove): boolean {
  const element = findAgendaElement(fragment, id)
  return element !== null && placement(element, move) !== null
}

/**
 * Applies `move` to the item `id` in one transaction with `origin`; returns whether it applied.
 * An outdented item takes the items that followed it under its parent as its last sub-items, so
 * the reading order does not change.
 */
export function moveAgendaItem(
  fragment: Y.XmlFragment,
  id: string,
  move: AgendaMove,
  origin: unknown,
): boolean {
  const doc = fragment.doc
  const element = findAgendaElement(fragment, id)
  const where = element && placement(element, move)
  if (!doc || !element || !where) return false
  doc.transact(() => {
    const siblings = (element.parent as Y.XmlElement | Y.XmlFragment).toArray()
    const following = move === 'outdent' ? siblings.slice(siblings.indexOf(element) + 1) : []
    const copy = moveAgendaElement(element, where.parent, where.index)
    // Whatever followed it (sub-items, body blocks) moves the same way, keeping concurrent edits.
    for (const sibling of following) {
      if (sibling instanceof Y.XmlElement) moveAgendaElement(sibling, copy, copy.length)
    }
  }, origin)
  return true
}

/**
 * Where a dragged item goes: under the item `parentId` (null: the top level of the agenda), right
 * after its sub-item `afterId` (null: before its first sub-item, after its own text).
 */
export type AgendaDropTarget = { parentId: string | null; afterId: string | null }

function dropPlacement(
  fragment: Y.XmlFragment,
  element: Y.XmlElement,
  target: AgendaDropTarget,
): Placement | null {
  const parent = target.parentId === null ? fragment : findAgendaElement(fragment, target.parentId)
  if (!parent || parent === element) return null
  for (let up = parent.parent; up; up = up.parent) if (up === element) return null
  const children = parent.toArray()
  if (target.afterId === null) {
    const first = children.findIndex(isAgendaItem)
    const index = first === -1 ? children.length : first
    return children[index] === element ? null : { parent, index }
  }
  const after = children.findIndex(
    (child) => isAgendaItem(child) && child.getAttribute('id') === target.afterId,
  )
  if (after === -1 || children[after] === element || children[after + 1] === element) return null
  return { parent, index: after + 1 }
}

/** Whether the item `id` can be dropped at `target` (not into itself, and not where it already is). */
export function canDropAgendaItem(fragment: Y.XmlFragment, id: string, target: AgendaDropTarget): boolean {
  const element = findAgendaElement(fragment, id)
  return element !== null && dropPlacement(fragment, element, target) !== null
}

/**
 * Moves the item `id` (with its sub-items) to `target` in one transaction with `origin`, keeping
 * what others type in it meanwhile; returns whether it moved.
 */
export function dropAgendaItem(
  fragment: Y.XmlFragment,
  id: string,
  target: AgendaDropTarget,
  origin: unknown,
): boolean {
  const element = findAgendaElement(fragment, id)
  const where = element && dropPlacement(fragment, element, target)
  if (!fragment.doc || !element || !where) return false
  moveAgendaElement(element, where.parent, where.index, origin)
  return true
}
