/**
 * The move records of one notice Y.Doc, decoded once and looked up by the moved-away element, and
 * the garbage-collection rule that keeps a moved-away element's subtree: edits others make in it
 * without knowing of the move must still be readable (and re-applied) when they arrive.
 */
import * as Y from 'yjs'
import { decodeMoveRecord, idKey, MOVES_MAP, type MoveRecord, type YType } from './agenda-move-record'
import { type ConflictView, type Merge, resolveMerges } from './move-conflicts'
import { type Relocation, recordRelocation, replayClient } from './move-relocation'

type CopyRun = { newClock: number; length: number; oldClient: number; oldClock: number }

/** The decoded move records of a doc and the merges resolving their conflicts, kept up to date on demand (records are only ever added). */
export class MoveLedger implements ConflictView {
  private readonly byFrom = new Map<string, Relocation[]>()
  private readonly byKey = new Map<string, MoveRecord>()
  private merges = new Map<string, Merge>()
  private mergesByConflict = new Map<string, Merge[]>()
  private readonly arrived: Merge[] = []
  /** Every relocation key ever known here (merges included), for {@link origin} of replayed units. */
  private readonly keys = new Set<string>()
  private readonly copies = new Map<number, CopyRun[]>()
  private replaySources = new Map<number, { key: string; author: number }>()
  private replaySourcesBuilt = ''

  constructor(readonly doc: Y.Doc) {}

  /** Decodes records added to the map since the last call, and resolves conflicts anew. */
  sync(): void {
    const map = this.doc.getMap<unknown>(MOVES_MAP)
    if (map.size === this.byKey.size) return
    map.forEach((value, key) => {
      if (this.byKey.has(key)) return
      const record = decodeMoveRecord(key, value)
      this.byKey.set(key, record)
      this.keys.add(key)
      const fromKey = idKey(record.from)
      const list = this.byFrom.get(fromKey)
      if (list) {
        list.push(recordRelocation(record))
        list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      } else this.byFrom.set(fromKey, [recordRelocation(record)])
      let runs = this.copies.get(record.mover)
      if (!runs) {
        runs = []
        this.copies.set(record.mover, runs)
      }
      for (const run of record.runs) runs.push({ ...run })
      runs.sort((a, b) => a.newClock - b.newClock)
    })
    const previous = this.merges
    const merges = resolveMerges(this, Y.createID)
    for (const [fromKey, merge] of merges) {
      this.keys.add(merge.key)
      if (previous.get(fromKey)?.key !== merge.key) this.arrived.push(merge)
    }
  }

  adopt(merges: Map<string, Merge>): void {
    this.merges = merges
    this.mergesByConflict = new Map()
    for (const merge of merges.values()) {
      const conflictKey = idKey(merge.conflict)
      const list = this.mergesByConflict.get(conflictKey)
      if (list) list.push(merge)
      else this.mergesByConflict.set(conflictKey, [merge])
    }
  }

  innermostMerge(id: Y.ID): Merge | undefined {
    if (this.merges.size === 0 || !this.has(id)) return undefined
    let item: Y.Item | null = Y.getItem(this.doc.store, id) as Y.Item
    while (item instanceof Y.Item) {
      const merge = this.merges.get(idKey(item.id))
      if (merge) return merge
      item = ((item.parent as YType | null)?._item as Y.Item | null) ?? null
    }
    return undefined
  }

  /** The merges found since the last call (each to be applied once). */
  takeArrivedMerges(): Merge[] {
    this.sync()
    return this.arrived.splice(0)
  }

  /** The record stored under `key`, if any. */
  get(key: string): MoveRecord | undefined {
    this.sync()
    return this.byKey.get(key)
  }

  recordsByFrom(): Map<string, Relocation[]> {
    return this.byFrom
  }

  mergesOf(conflict: Y.ID): Merge[] {
    return this.mergesByConflict.get(idKey(conflict)) ?? []
  }

  /** The merge of the losing copy whose item has id `id`, if it lost. */
  mergeOf(id: Y.ID): Merge | undefined {
    return this.merges.get(idKey(id))
  }

  /** The relocations (move records and merge) that moved the element whose item has id `id` away. */
  movesOf(id: Y.ID): Relocation[] {
    const key = idKey(id)
    const merge = this.merges.get(key)
    const records = this.byFrom.get(key) ?? []
    return merge ? [...records, merge] : records
  }

  /** The relocations of every moved-away element enclosing `item` (innermost first). */
  enclosingMoves(item: Y.Item): Relocation[] {
    this.sync()
    if (this.byFrom.size === 0) return []
    return this.around(item, this.merges)
  }

  enclosing(id: Y.ID, merges: Map<string, Merge>): Relocation[] {
    if (!this.has(id)) return []
    return this.around(Y.getItem(this.doc.store, id) as Y.Item, merges)
  }

  private around(item: Y.Item, merges: Map<string, Merge>): Relocation[] {
    const found: Relocation[] = []
    let parent = item.parent as YType | null
    while (parent?._item) {
      const key = idKey(parent._item.id)
      const moves = this.byFrom.get(key)
      if (moves) found.push(...moves)
      const merge = merges.get(key)
      if (merge) found.push(merge)
      parent = parent._item.parent as YType | null
    }
    return found
  }

  private has(id: Y.ID): boolean {
    return Y.getState(this.doc.store, id.client) > id.clock
  }

  insideAny(id: Y.ID, elements: Map<string, unknown>): boolean {
    if (elements.size === 0 || !this.has(id)) return false
    let item: Y.Item | null = Y.getItem(this.doc.store, id) as Y.Item
    while (item instanceof Y.Item) {
      if (elements.has(idKey(item.id))) return true
      item = ((item.parent as YType | null)?._item as Y.Item | null) ?? null
    }
    return false
  }

  contains(element: Y.ID, id: Y.ID): boolean {
    if (!this.has(id)) return false
    let item: Y.Item | null = Y.getItem(this.doc.store, id) as Y.Item
    if (!(item instanceof Y.Item)) return false
    while (item) {
      if (item.id.client === element.client && item.id.clock === element.clock) return true
      item = ((item.parent as YType | null)?._item as Y.Item | null) ?? null
    }
    return false
  }

  origin(id: Y.ID): Y.ID | null {
    const runs = this.copies.get(id.client)
    if (runs) {
      let low = 0
      let high = runs.length - 1
      while (low <= high) {
        const mid = (low + high) >> 1
        const run = runs[mid] as CopyRun
        if (run.newClock + run.length <= id.clock) low = mid + 1
        else if (run.newClock > id.clock) high = mid - 1
        else return Y.createID(run.oldClient, run.oldClock + id.clock - run.newClock)
      }
    }
    let source = this.replaySources.get(id.client)
    const built = `${this.keys.size}/${this.doc.store.clients.size}`
    if (!source && built !== this.replaySourcesBuilt) {
      this.replaySourcesBuilt = built
      this.replaySources = new Map()
      for (const key of this.keys) {
        for (const author of this.doc.store.clients.keys()) {
          this.replaySources.set(replayClient(key, author), { key, author })
        }
      }
      source = this.replaySources.get(id.client)
    }
    return source ? Y.createID(source.author, id.clock) : null
  }

  /** Whether `item` is a moved-away element or lies inside one. */
  isMovedAway(item: Y.Item): boolean {
    this.sync()
    return this.movesOf(item.id).length > 0 || this.around(item, this.merges).length > 0
  }
}

const ledgers = new WeakMap<Y.Doc, MoveLedger>()

/** The ledger of `doc` (one per doc). */
export function moveLedger(doc: Y.Doc): MoveLedger {
  let ledger = ledgers.get(doc)
  if (!ledger) {
    ledger = new MoveLedger(doc)
    ledgers.set(doc, ledger)
  }
  return ledger
}

/**
 * A notice Y.Doc: garbage collection on, except for moved-away agenda items, whose subtree is kept
 * (its deleted text stays in the document, as Yjs keeps it with `gc: false`) so that late edits
 * made in it can be re-applied to the copy. Every peer and the server create notice docs with this.
 */
export function newNoticeYDoc(options: { guid?: string } = {}): Y.Doc {
  const doc: Y.Doc = new Y.Doc({ ...options, gcFilter: (item) => !moveLedger(doc).isMovedAway(item) })
  return doc
}
