/**
 * Re-applies, in the copy a move made, the edits others made in the moved-away element without
 * having seen the move (typing, new paragraphs and sub-items, formatting, deletions). Every peer
 * and the server run it; what it adds is a pure function of the move record and the lost structs
 * (ids on a client derived from record and author, the author's clocks, origins translated
 * through the record's unit pairs), so all of them produce identical structs and Yjs keeps one.
 */
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { MOVES_MAP, type MoveRecord, pairedUnit, unseenBy, type YType } from './agenda-move-record'
import { type MoveLedger, moveLedger } from './move-ledger'

/** Replays of replays deeper than this are not made (only concurrent moves forming a cycle get there). */
const MAX_REPLAY_DEPTH = 12

/** The client id under which `author`'s lost edits are replayed for the move `recordKey` (FNV-1a, 32 bits). */
export function replayClient(recordKey: string, author: number): number {
  const text = `${recordKey}>${author}`
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0 || 1
}

type Part = { record: MoveRecord; item: Y.Item; start: number }

function sliceContent(content: Y.Item['content'], offset: number): Y.Item['content'] {
  if (offset === 0) return content.copy()
  if (content instanceof Y.ContentString) return new Y.ContentString(content.str.slice(offset))
  if (content instanceof Y.ContentDeleted) return new Y.ContentDeleted(content.len - offset)
  if (content instanceof Y.ContentAny) return new Y.ContentAny(content.arr.slice(offset))
  if (content instanceof Y.ContentJSON) return new Y.ContentJSON(content.arr.slice(offset))
  throw new Error(`A ${content.constructor.name} cannot be replayed from offset ${offset}`)
}

/** Computes the replay of one transaction: what the lost edits it revealed add to the document. */
class ReplayBuilder {
  private readonly parts = new Map<number, Map<number, Part>>()
  private readonly deletes = new Map<number, { clock: number; len: number }[]>()

  constructor(
    private readonly store: Y.Doc['store'],
    private readonly depth: Map<number, number>,
  ) {}

  /** Notes the part of `item` created after `record`'s mover had seen its author's edits. */
  lost(record: MoveRecord, item: Y.Item): void {
    const seen = record.seen.get(item.id.client) ?? 0
    const start = Math.max(item.id.clock, seen)
    if (start >= item.id.clock + item.length) return
    if ((this.depth.get(item.id.client) ?? 0) >= MAX_REPLAY_DEPTH) return
    const client = replayClient(record.key, item.id.client)
    let parts = this.parts.get(client)
    if (!parts) {
      parts = new Map()
      this.parts.set(client, parts)
      this.depth.set(client, (this.depth.get(item.id.client) ?? 0) + 1)
    }
    if (!parts.has(start)) parts.set(start, { record, item, start })
  }

  /** Notes that unit `id` (of the copy) must be deleted. */
  deleted(id: Y.ID): void {
    const list = this.deletes.get(id.client)
    if (list) list.push({ clock: id.clock, len: 1 })
    else this.deletes.set(id.client, [{ clock: id.clock, len: 1 }])
  }

  private translateLeft(record: MoveRecord, start: Y.ID | null): Y.ID | null {
    let id = start
    while (id) {
      const paired = pairedUnit(record, id)
      if (paired) return paired
      if (unseenBy(record, id)) return Y.createID(replayClient(record.key, id.client), id.clock)
      const struct = Y.getItem(this.store, id)
      if (!(struct instanceof Y.Item)) return null
      id = id.clock > struct.id.clock ? Y.createID(id.client, id.clock - 1) : struct.origin
    }
    return null
  }

  private translateRight(record: MoveRecord, start: Y.ID | null): Y.ID | null {
    let id = start
    while (id) {
      const paired = pairedUnit(record, id)
      if (paired) return paired
      if (unseenBy(record, id)) return Y.createID(replayClient(record.key, id.client), id.clock)
      const struct = Y.getItem(this.store, id)
      if (!(struct instanceof Y.Item)) return null
      id = struct.rightOrigin
    }
    return null
  }

  private translateParent(record: MoveRecord, parent: YType): Y.ID | null {
    const item = parent._item
    if (!item) return null
    const paired = pairedUnit(record, item.id)
    if (paired) return paired
    // A lost parent is replayed too; one the mover had seen deleted takes its content with it.
    return unseenBy(record, item.id)
      ? Y.createID(replayClient(record.key, item.id.client), item.id.clock)
      : null
  }

  private struct(client: number, clock: number, part: Part): Y.Item | null {
    const { record, item } = part
    const parent = this.translateParent(record, item.parent as YType)
    if (!parent) return null
    const offset = clock - item.id.clock
    const origin = this.translateLeft(
      record,
      offset > 0 ? Y.createID(item.id.client, clock - 1) : item.origin,
    )
    const rightOrigin = this.translateRight(record, item.rightOrigin)
    const content = sliceContent(item.content, offset)
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
    if (item.content instanceof Y.ContentDeleted) this.deleted(Y.createID(client, clock))
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
        const end = part.item.id.clock + part.item.length
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
  eachItem(from.content.type, (item) => builder.lost(record, item))
  for (const run of record.runs) {
    for (let i = 0; i < run.length; i++) {
      const id = Y.createID(run.oldClient, run.oldClock + i)
      const struct = Y.getItem(store, id)
      // Deleted before this transaction, by someone the mover had not heard from.
      if (struct.deleted && !Y.isDeleted(transaction.deleteSet, id)) {
        deleteThroughMoves(store, ledger, builder, Y.createID(record.mover, run.newClock + i))
      }
    }
  }
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
    const copy = pairedUnit(move, id)
    if (copy) deleteThroughMoves(store, ledger, builder, copy)
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
    const builder = new ReplayBuilder(doc.store, depth)
    let any = false
    for (const key of changedKeys ?? []) {
      const record = key === null ? undefined : ledger.get(key)
      if (record && Y.getItem(doc.store, record.to)) {
        recordArrived(doc.store, transaction, record, builder, ledger)
        any = true
      }
    }
    transaction.afterState.forEach((after, client) => {
      const beforeClock = transaction.beforeState.get(client) ?? 0
      if (after <= beforeClock) return
      const structs = doc.store.clients.get(client)
      if (!structs) return
      for (let i = Y.findIndexSS(structs, beforeClock); i < structs.length; i++) {
        const struct = structs[i]
        if (!(struct instanceof Y.Item)) continue
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
