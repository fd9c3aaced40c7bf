/**
 * The record a move of an agenda item leaves in the notice: which element was moved away, which
 * element replaced it, what the mover had seen of it, and which unit of the new copy stands for
 * which unit of the old one. Every peer reads the same record to re-apply, identically, the edits
 * others made in the old copy without having seen the move (see agenda-move-replay.ts).
 *
 * Wire format (Y.Map {@link MOVES_MAP}, key `"<mover client>:<clock>"`, value a Uint8Array, lib0
 * varUint encoding throughout):
 *   fromClient fromClock     the Yjs id of the moved-away Y.XmlElement (deleted by the move)
 *   toClock                  the clock of its copy (client = mover client, from the key)
 *   n (client clock)*n       the mover's state vector, restricted to clients with items in the old subtree
 *   m (oldClient oldClock newClock length)*m
 *                            runs of units (characters, child types, attribute values) of the old subtree
 *                            and their copies (new ids all of the mover client), in document order
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

/** Any Yjs shared type (Yjs types are invariant in their event type, so `unknown` does not fit). */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type YType = Y.AbstractType<any>

/** Name of the Y.Map holding the move records of a notice. */
export const MOVES_MAP = 'agendaMoves'

/** One run of paired units: `length` consecutive ids of `oldClient` from `oldClock`, copied as mover ids from `newClock`. */
export type UnitRun = { oldClient: number; oldClock: number; newClock: number; length: number }

/** A decoded move record. */
export type MoveRecord = {
  /** The key of the record in {@link MOVES_MAP}: `"<mover client>:<clock before the move>"`. */
  key: string
  mover: number
  /** Id of the moved-away element. */
  from: Y.ID
  /** Id of the copy that replaced it. */
  to: Y.ID
  /** The mover's state vector when it moved (clients absent: 0). */
  seen: Map<number, number>
  /** Paired units, sorted by (oldClient, oldClock). */
  runs: UnitRun[]
}

/** The string form of a Yjs id, used as a lookup key. */
export function idKey(id: Y.ID): string {
  return `${id.client}:${id.clock}`
}

/** Encodes a record's value (everything but its key). */
export function encodeMoveRecord(record: Omit<MoveRecord, 'key'>): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, record.from.client)
  encoding.writeVarUint(encoder, record.from.clock)
  encoding.writeVarUint(encoder, record.to.clock)
  encoding.writeVarUint(encoder, record.seen.size)
  for (const [client, clock] of record.seen) {
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, clock)
  }
  encoding.writeVarUint(encoder, record.runs.length)
  for (const run of record.runs) {
    encoding.writeVarUint(encoder, run.oldClient)
    encoding.writeVarUint(encoder, run.oldClock)
    encoding.writeVarUint(encoder, run.newClock)
    encoding.writeVarUint(encoder, run.length)
  }
  return encoding.toUint8Array(encoder)
}

/** Decodes the record stored under `key`; throws naming the key if the value is not a record. */
export function decodeMoveRecord(key: string, value: unknown): MoveRecord {
  const match = /^(\d+):(\d+)$/.exec(key)
  if (!match || !(value instanceof Uint8Array)) {
    throw new Error(`The move record "${key}" in "${MOVES_MAP}" is not a move record`)
  }
  const mover = Number(match[1])
  const decoder = decoding.createDecoder(value)
  const from = Y.createID(decoding.readVarUint(decoder), decoding.readVarUint(decoder))
  const to = Y.createID(mover, decoding.readVarUint(decoder))
  const seen = new Map<number, number>()
  for (let n = decoding.readVarUint(decoder); n > 0; n--) {
    seen.set(decoding.readVarUint(decoder), decoding.readVarUint(decoder))
  }
  const runs: UnitRun[] = []
  for (let n = decoding.readVarUint(decoder); n > 0; n--) {
    runs.push({
      oldClient: decoding.readVarUint(decoder),
      oldClock: decoding.readVarUint(decoder),
      newClock: decoding.readVarUint(decoder),
      length: decoding.readVarUint(decoder),
    })
  }
  return { key, mover, from, to, seen, runs }
}

/** The copy of old unit `id` under `record`, or null if the mover did not copy it. */
export function pairedUnit(record: MoveRecord, id: Y.ID): Y.ID | null {
  const { runs } = record
  let low = 0
  let high = runs.length - 1
  while (low <= high) {
    const mid = (low + high) >> 1
    const run = runs[mid] as UnitRun
    if (run.oldClient < id.client || (run.oldClient === id.client && run.oldClock + run.length <= id.clock)) {
      low = mid + 1
    } else if (run.oldClient > id.client || run.oldClock > id.clock) {
      high = mid - 1
    } else {
      return Y.createID(record.mover, run.newClock + id.clock - run.oldClock)
    }
  }
  return null
}

/** Whether unit `id` was created after the mover's state: an edit made without knowing of the move. */
export function unseenBy(record: MoveRecord, id: Y.ID): boolean {
  return id.clock >= (record.seen.get(id.client) ?? 0)
}
