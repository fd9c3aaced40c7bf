/**
 * Concurrent moves of one agenda item resolved the same way on every peer: of the copies standing
 * for a moved-away element (one per move of it, and one per move of an element around it), the
 * copy of the winning move is kept and every other copy is merged into it: deleted, and what was
 * typed in it replayed into the winner (design note in agenda-move.ts).
 */
import type * as Y from 'yjs'
import { idKey } from './agenda-move-record'
import { GONE, imageId, NEW, type Relocation, replayedId, type UnitImage } from './move-relocation'

/** A losing copy (`from`) merged into the copy of the winning relocation of element `conflict`. */
export type Merge = Relocation & { conflict: Y.ID; winner: Relocation }

/** What the resolution reads of the ledger. */
export type ConflictView = {
  /** The moved-away elements, by id key, with the move records of each (sorted by key). */
  recordsByFrom(): Map<string, Relocation[]>
  /** Ids of the elements around `id` that relocations in `merges` or records moved away. */
  enclosing(id: Y.ID, merges: Map<string, Merge>): Relocation[]
  /** Whether unit `id` is one of the elements keyed in `elements` or lies inside one. */
  insideAny(id: Y.ID, elements: Map<string, unknown>): boolean
  /** Whether unit `id` is element `element` or lies inside it. */
  contains(element: Y.ID, id: Y.ID): boolean
  /** The unit `id` was copied or replayed from, or null if it was typed where it is. */
  origin(id: Y.ID): Y.ID | null
  /** The merges of the element `conflict` (current resolution). */
  mergesOf(conflict: Y.ID): Merge[]
  /** The merge of the losing copy nearest around unit `id` (itself included), in the current resolution. */
  innermostMerge(id: Y.ID): Merge | undefined
  /** Makes `merges` the current resolution. */
  adopt(merges: Map<string, Merge>): void
}

/** Resolution passes at most (each nesting of losing copies takes one). */
const MAX_RESOLUTION_PASSES = 16

/** Walks the copies back from a unit, at most this far (a chain longer than this is not followed). */
const MAX_ORIGIN_STEPS = 64

function parseId(key: string, create: (client: number, clock: number) => Y.ID): Y.ID {
  const [client, clock] = key.split(':')
  return create(Number(client), Number(clock))
}

/**
 * The merge of the losing copy `from` into the winner of `conflict`. A unit of `from` derived
 * from a unit of `conflict` maps to that unit's image under the winner; one typed in a losing copy
 * maps to its replay by that copy's merge, so a unit reached through several losing copies is
 * replayed once.
 */
function merge(view: ConflictView, from: Y.ID, conflict: Y.ID, winner: Relocation): Merge {
  const key = `m${from.client}.${from.clock}>${winner.key}`
  const image = (id: Y.ID): UnitImage => {
    let deepest: { merge: Merge; id: Y.ID; step: number } | null = null
    let current: Y.ID | null = id
    for (let step = 0; current && step < MAX_ORIGIN_STEPS; step++) {
      // A unit of a losing copy nested in this one goes where that copy's merge puts it.
      const nested = view.innermostMerge(current)
      if (nested && nested.key !== key && view.contains(from, nested.from)) {
        const image = nested.image(current)
        return image === NEW ? replayedId(nested.key, current) : image
      }
      if (view.contains(conflict, current)) {
        const image = winner.image(current)
        return image === NEW ? replayedId(winner.key, current) : image
      }
      for (const sibling of view.mergesOf(conflict)) {
        if (view.contains(sibling.from, current)) {
          deepest = { merge: sibling, id: current, step }
          break
        }
      }
      current = view.origin(current)
    }
    if (!deepest) return GONE
    if (deepest.merge.key === key && deepest.step === 0) return NEW
    return replayedId(deepest.merge.key, deepest.id)
  }
  return { key, from, to: winner.to, conflict, winner, image }
}

/** One resolution pass, given the losing copies `previous` found (a pass changes nothing once stable). */
function resolveOnce(
  view: ConflictView,
  create: (client: number, clock: number) => Y.ID,
  previous: Map<string, Merge>,
): Map<string, Merge> {
  const merges = new Map<string, Merge>()
  const byFrom = view.recordsByFrom()
  for (const elementKey of [...new Set([...byFrom.keys(), ...previous.keys()])].sort()) {
    const records = byFrom.get(elementKey) ?? []
    const own = previous.get(elementKey)
    if (records.length === 0 && !own) continue
    const element = parseId(elementKey, create)
    const around = view.enclosing(element, previous)
    // A move made inside a losing copy, to a place inside it, loses with it.
    let winner: Relocation | undefined = own ?? records.find((record) => !view.insideAny(record.to, previous))
    if (!winner) {
      const outer = around.find((relocation) => 'conflict' in relocation)
      const to = outer && imageId(outer, element)
      if (outer && to) winner = { key: outer.key, from: element, to, image: outer.image }
    }
    winner ??= records[0] as Relocation
    const losers = records.filter((record) => record !== winner).map((record) => record.to)
    for (const relocation of around) {
      const copy = imageId(relocation, element)
      if (copy) losers.push(copy)
    }
    for (const loser of losers) {
      const loserKey = idKey(loser)
      if (loserKey === elementKey || merges.has(loserKey) || idKey(winner.to) === loserKey) continue
      merges.set(loserKey, merge(view, loser, element, winner))
    }
  }
  return merges
}

function sameMerges(a: Map<string, Merge>, b: Map<string, Merge>): boolean {
  if (a.size !== b.size) return false
  for (const [key, merge] of a) if (b.get(key)?.key !== merge.key) return false
  return true
}

/**
 * Resolves every conflict among `view`'s move records: for each moved-away element with a move
 * of its own, the winner is its merge if it lost itself, else its move record with the smallest
 * key whose copy is not inside a losing copy, else the copy an enclosing merge makes of it; every
 * other copy of it loses. Passes repeat until the losers found are stable. Returns the merges by
 * losing copy (a pure function of the records and the document's tree: every peer finds the same).
 */
export function resolveMerges(
  view: ConflictView,
  create: (client: number, clock: number) => Y.ID,
): Map<string, Merge> {
  let merges = new Map<string, Merge>()
  for (let pass = 0; pass < MAX_RESOLUTION_PASSES; pass++) {
    view.adopt(merges)
    const next = resolveOnce(view, create, merges)
    if (sameMerges(next, merges)) break
    merges = next
  }
  view.adopt(merges)
  return merges
}
