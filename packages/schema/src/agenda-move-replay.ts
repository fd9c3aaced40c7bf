/**
 * Re-applies, in the copy a move made, the edits others made in the moved-away element without
 * having seen the move (typing, new paragraphs and sub-items, formatting, deletions), and merges
 * the losing copies of concurrent moves into the winning one (move-conflicts.ts). Every peer and
 * the server run it; what it adds is a pure function of the relocation and the lost structs (ids
 * on a client derived from relocation and author, the author's clocks, origins translated through
 * the relocation's unit images), so all of them produce identical structs and Yjs keeps one.
 */
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { MOVES_MAP, type MoveRecord, type YType } from './agenda-move-record'
import type { Merge } from './move-conflicts'
import { type MoveLedger, moveLedger } from './move-ledger'
import {
  GONE,
  imageId,
  NEW,
  type Relocation,
  recordRelocation,
  replayClient,
  replayedId,
} from './move-relocation'

export { replayClient }

/** Replays of replays deeper than this are not made (only concurrent moves forming a cycle get there). */
const MAX_REPLAY_DEPTH = 12

/** Units `start` to `end` (exclusive clocks) of `item`, to be replayed under `relocation`. */
type Part = { relocation: Relocation; item: Y.Item; start: number; end: number }

function sliceContent(content: Y.Item['content'], offset: number, length: number): Y.Item['content'] {
  if (offset === 0 && length === content.getLength()) return content.copy()
  const end = offset + length
  if (content instanceof Y.ContentString) return new Y.ContentString(content.str.slice(offset, end))
  if (content instanceof Y.ContentDeleted) return new Y.ContentDeleted(length)
  if (content instanceof Y.ContentAny) return new Y.ContentAny(content.arr.slice(offset, end))
  if (content instanceof Y.ContentJSON) return new Y.ContentJSON(content.arr.slice(offset, end))
  throw new Error(`A ${content.constructor.name} cannot be replayed from offset ${offset}`)
}

/** Computes the replay of one transaction: what the lost edits it revealed add to the document. */
class ReplayBuilder {
  private readonly parts = new Map<number, Map<number, Part>>()
  private readonly deletes = new Map<number, { clock: number; len: number }[]>()

  constructor(
    private readonly store: Y.Doc['store'],
    private readonly depth: Map<number, number>,
    private readonly ledger: MoveLedger,
  ) {}

  /** Notes the units of `item` new to `relocation`'s target: for a record, those its mover had not seen. */
  lost(relocation: Relocation, item: Y.Item): void {
    const end = item.id.clock + item.length
    if ('record' in relocation) {
      const record = relocation.record as MoveRecord
      const start = Math.max(item.id.clock, record.seen.get(item.id.client) ?? 0)
      if (start < end) this.addPart(relocation, item, start, end)
      return
    }
    let start = -1
    for (let clock = item.id.clock; clock <= end; clock++) {
      const isNew = clock < end && relocation.image(Y.createID(item.id.client, clock)) === NEW
      if (isNew && start === -1) start = clock
      else if (!isNew && start !== -1) {
        this.addPart(relocation, item, start, clock)
        start = -1
      }
    }
  }

  private addPart(relocation: Relocation, item: Y.Item, start: number, end: number): void {
    if ((this.depth.get(item.id.client) ?? 0) >= MAX_REPLAY_DEPTH) return
    const client = replayClient(relocation.key, item.id.client)
    let parts = this.parts.get(client)
    if (!parts) {
      parts = new Map()
      this.parts.set(client, parts)
      this.depth.set(client, (this.depth.get(item.id.client) ?? 0) + 1)
    }
    if (!parts.has(start)) parts.set(start, { relocation, item, start, end })
  }

  /** Notes that unit `id` (of the copy) must be deleted. */
  deleted(id: Y.ID): void {
    const list = this.deletes.get(id.client)
    if (list) list.push({ clock: id.clock, len: 1 })
    else this.deletes.set(id.client, [{ clock: id.clock, len: 1 }])
  }

  private translateLeft(relocation: Relocation, start: Y.ID | null): Y.ID | null {
    let id = start
    while (id) {
      const image = relocation.image(id)
      if (image === NEW) return replayedId(relocation.key, id)
      if (image !== GONE) return image
      const struct = Y.getItem(this.store, id)
      if (!(struct instanceof Y.Item)) return null
      id = id.clock > struct.id.clock ? Y.createID(id.client, id.clock - 1) : struct.origin
    }
    return null
  }

  private translateRight(relocation: Relocation, start: Y.ID | null): Y.ID | null {
    let id = start
    while (id) {
      const image = relocation.image(id)
      if (image === NEW) return replayedId(relocation.key, id)
      if (image !== GONE) return image
      const struct = Y.getItem(this.store, id)
      if (!(struct instanceof Y.Item)) return null
      id = struct.rightOrigin
    }
    return null
  }

  private translateParent(relocation: Relocation, parent: YType): Y.ID | null {
    const item = parent._item
    // A lost parent is replayed too; one the mover had seen deleted takes its content with it.
    return item ? imageId(relocation, item.id) : null
  }

  private struct(client: number, clock: number, part: Part): Y.Item | null {
    const { relocation, item } = part
    const parent = this.translateParent(relocation, item.parent as YType)
    if (!parent) return null
    const offset = clock - item.id.clock
    const origin = this.translateLeft(
      relocation,
      offset > 0 ? Y.createID(item.id.client, clock - 1) : item.origin,
    )
    const rightOrigin =
      part.end < item.id.clock + item.length
        ? this.translateRight(relocation, Y.createID(item.id.client, part.end))
        : this.translateRight(relocation, item.rightOrigin)
    const content = sliceContent(item.content, offset, part.end - clock)
    const struct = new Y.Item(
      Y.createID(client, clock),
      null,
      origin,
      null,
      rightOrigin,
      parent as unknown as YType,
      item.parentSub,
      content,
    )
    // Content garbage-collected before the move arrived was deleted by its author: so is the replay.
    // An element moved away on its own stands elsewhere: its replay is deleted too.
    if (
      item.content instanceof Y.ContentDeleted ||
      (item.content instanceof Y.ContentType && this.ledger.movesOf(item.id).length > 0)
    ) {
      this.deleted(Y.createID(client, clock))
    }
    return struct
  }

  /** The update adding every replay noted, or null if there is nothing to add. */
  update(): Uint8Array | null {
    const clients: { client: number; first: number; structs: (Y.Item | Y.GC)[] }[] = []
    for (const [client, parts] of this.parts) {
      const have = Y.getState(this.store, client)
      let cursor = have
      const structs: (Y.Item | Y.GC)[] = []
      for (const part of [...parts.values()].sort((a, b) => a.start - b.start)) {
        const end = part.end
        if (end <= cursor) continue
        const start = Math.max(part.start, cursor)
        if (start > cursor) structs.push(new Y.GC(Y.createID(client, cursor), start - cursor))
        const made = this.struct(client, start, part)
        structs.push(made ?? new Y.GC(Y.createID(client, start), end - start))
        cursor = end
      }
      if (structs.length > 0) clients.push({ client, first: have, structs })
    }
    const deletes = [...this.deletes]
    if (clients.length === 0 && deletes.length === 0) return null
    const encoder = new Y.UpdateEncoderV1()
    encoding.writeVarUint(encoder.restEncoder, clients.length)
    for (const { client, first, structs } of clients.sort((a, b) => b.client - a.client)) {
      encoding.writeVarUint(encoder.restEncoder, structs.length)
      encoder.writeClient(client)
      encoding.writeVarUint(encoder.restEncoder, first)
      for (const struct of structs) struct.write(encoder, 0)
    }
    encoding.writeVarUint(encoder.restEncoder, deletes.length)
    for (const [client, ranges] of deletes) {
      const merged: { clock: number; len: number }[] = []
      for (const range of ranges.sort((a, b) => a.clock - b.clock)) {
        const last = merged[merged.length - 1]
        if (last && last.clock + last.len >= range.clock) {
          last.len = Math.max(last.len, range.clock + range.len - last.clock)
        } else merged.push({ ...range })
      }
      encoder.resetDsCurVal()
      encoding.writeVarUint(encoder.restEncoder, client)
      encoding.writeVarUint(encoder.restEncoder, merged.length)
      for (const range of merged) {
        encoder.writeDsClock(range.clock)
        encoder.writeDsLen(range.len)
      }
    }
    return encoder.toUint8Array()
  }
}

/** Visits every item of `type`'s subtree, deleted ones included. */
function eachItem(type: YType, visit: (item: Y.Item) => void): void {
  type._map.forEach((item) => {
    for (let i: Y.Item | null = item; i !== null; i = i.left) visit(i)
  })
  for (let item = type._start; item !== null; item = item.right) {
    visit(item)
    if (item.content instanceof Y.ContentType) eachItem(item.content.type, visit)
  }
}

/** Notes what a record arriving in `transaction` reveals: lost edits already present, and deletions the mover had not seen. */
function recordArrived(
  store: Y.Doc['store'],
  transaction: Y.Transaction,
  record: MoveRecord,
  builder: ReplayBuilder,
  ledger: MoveLedger,
): void {
  const from = Y.getItem(store, record.from)
  if (!(from instanceof Y.Item) || !(from.content instanceof Y.ContentType)) return
  const relocation = recordRelocation(record)
  eachItem(from.content.type, (item) => builder.lost(relocation, item))
  for (const run of record.runs) {
    for (let i = 0; i < run.length; i++) {
      const id = Y.createID(run.oldClient, run.oldClock + i)
      const struct = Y.getItem(store, id)
      // Deleted before this transaction, by someone the mover had not heard from. A move away, of
      // the unit or of an element around it, is no deletion: the conflict between the moves is
      // resolved by a merge (move-conflicts.ts).
      if (
        struct.deleted &&
        !Y.isDeleted(transaction.deleteSet, id) &&
        ledger.movesOf(id).length === 0 &&
        ledger.enclosingMoves(struct).every((move) => move.key === record.key)
      ) {
        deleteThroughMoves(store, ledger, builder, Y.createID(record.mover, run.newClock + i))
      }
    }
  }
}

/** Deletes the losing copy of a merge, and notes what was typed in it to be replayed in the winner. */
function mergeArrived(store: Y.Doc['store'], merge: Merge, builder: ReplayBuilder): void {
  if (Y.getState(store, merge.from.client) <= merge.from.clock) return
  const from = Y.getItem(store, merge.from)
  if (!(from instanceof Y.Item) || !(from.content instanceof Y.ContentType)) return
  builder.deleted(merge.from)
  eachItem(from.content.type, (item) => builder.lost(merge, item))
}

/** Deletes unit `id` and its copies by later moves (a copy may itself have been moved on since). */
function deleteThroughMoves(
  store: Y.Doc['store'],
  ledger: MoveLedger,
  builder: ReplayBuilder,
  id: Y.ID,
): void {
  builder.deleted(id)
  const struct = Y.getItem(store, id)
  if (!(struct instanceof Y.Item)) return
  const moves = [...ledger.movesOf(struct.id), ...ledger.enclosingMoves(struct)]
  for (const move of moves) {
    if (!('record' in move)) continue
    const copy = move.image(id)
    if (copy !== NEW && copy !== GONE) deleteThroughMoves(store, ledger, builder, copy)
  }
}

/**
 * Starts re-applying lost edits in `doc`: after each transaction that reveals some, one
 * transaction with `origin` adds their replay. Returns the function that stops it.
 */
export function observeMoveReplays(doc: Y.Doc, origin: unknown): () => void {
  const ledger = moveLedger(doc)
  const pending = new Map<Y.Transaction, Uint8Array>()
  const depth = new Map<number, number>()
  const before = (transaction: Y.Transaction) => {
    ledger.sync()
    const changedKeys = transaction.changed.get(doc.getMap(MOVES_MAP) as YType)
    const builder = new ReplayBuilder(doc.store, depth, ledger)
    let any = false
    for (const key of changedKeys ?? []) {
      const record = key === null ? undefined : ledger.get(key)
      if (record && Y.getItem(doc.store, record.to)) {
        recordArrived(doc.store, transaction, record, builder, ledger)
        any = true
      }
    }
    for (const merge of ledger.takeArrivedMerges()) {
      mergeArrived(doc.store, merge, builder)
      any = true
    }
    transaction.afterState.forEach((after, client) => {
      const beforeClock = transaction.beforeState.get(client) ?? 0
      if (after <= beforeClock) return
      const structs = doc.store.clients.get(client)
      if (!structs) return
      for (let i = Y.findIndexSS(structs, beforeClock); i < structs.length; i++) {
        const struct = structs[i]
        if (!(struct instanceof Y.Item)) continue
        const merge = struct.content instanceof Y.ContentType ? ledger.mergeOf(struct.id) : undefined
        if (merge) {
          mergeArrived(doc.store, merge, builder)
          any = true
        }
        for (const record of ledger.enclosingMoves(struct)) {
          builder.lost(record, struct)
          any = true
        }
      }
    })
    if (!any) return
    const update = builder.update()
    if (update) pending.set(transaction, update)
  }
  const after = (transaction: Y.Transaction) => {
    const update = pending.get(transaction)
    if (!update) return
    pending.delete(transaction)
    Y.applyUpdate(doc, update, origin)
  }
  doc.on('beforeObserverCalls', before)
  doc.on('afterTransaction', after)
  return () => {
    doc.off('beforeObserverCalls', before)
    doc.off('afterTransaction', after)
  }
}
