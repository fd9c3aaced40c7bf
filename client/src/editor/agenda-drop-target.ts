/**
 * Where a dragged agenda item would land, worked out from the outline alone (the numbered items in
 * reading order): a gap between two items and a level. The levels offered in a gap are those that
 * keep the reading order true (from the level of the item below to one deeper than the item
 * above), and the result names the new parent and previous sibling by id, for the schema's
 * recorded move (`dropAgendaItem`), and the number the item will have, for the drop indicator.
 */
import type { AgendaDropTarget, OutlineEntry } from '@convene/schema'

/** A place an item can be dropped: the target, the level and the number it would get. */
export type DropSpot = AgendaDropTarget & { level: number; number: string }

type Entry = Pick<OutlineEntry, 'id' | 'level'>

/** The outline without the dragged item and its sub-items (they move with it). */
export function withoutDragged<T extends Entry>(entries: readonly T[], draggedId: string): T[] {
  const start = entries.findIndex((entry) => entry.id === draggedId)
  if (start === -1) return [...entries]
  const level = (entries[start] as T).level
  let end = start + 1
  while (end < entries.length && (entries[end] as T).level > level) end++
  return [...entries.slice(0, start), ...entries.slice(end)]
}

/** The levels an item may take in gap `gap` of `rest` (before `rest[gap]`): [min, max]. */
export function dropLevels(rest: readonly Entry[], gap: number): [number, number] {
  const above = rest[gap - 1]
  const below = rest[gap]
  return [below ? below.level : 1, above ? above.level + 1 : 1]
}

/** The numbers the entries of `rest` have once the dragged item is gone ("3.1" becoming "2.1"). */
function renumbered(rest: readonly Entry[]): string[] {
  const path: number[] = []
  return rest.map((entry) => {
    path.length = entry.level
    path[entry.level - 1] = (path[entry.level - 1] ?? 0) + 1
    return path.map((n) => n ?? 1).join('.')
  })
}

/**
 * The drop spot in gap `gap` of `rest` (the outline without the dragged item) at the level nearest
 * to `level` that the gap allows.
 */
export function dropSpot(rest: readonly Entry[], gap: number, level: number): DropSpot {
  const [min, max] = dropLevels(rest, gap)
  const at = Math.min(max, Math.max(min, level))
  let parent: Entry | null = null
  let parentNumber = ''
  let after: Entry | null = null
  let siblingsBefore = 0
  for (let i = gap - 1; i >= 0; i--) {
    const entry = rest[i] as Entry
    if (entry.level < at) {
      parent = entry
      parentNumber = renumbered(rest)[i] ?? ''
      break
    }
    if (entry.level === at) {
      after ??= entry
      siblingsBefore++
    }
  }
  return {
    parentId: parent ? parent.id : null,
    afterId: after ? after.id : null,
    level: at,
    number: `${parent ? `${parentNumber}.` : ''}${siblingsBefore + 1}`,
  }
}
