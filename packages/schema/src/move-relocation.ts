/**
 * What a move record or a merge of concurrent moves (move-conflicts.ts) does to the units of the
 * element it moved away: each unit has an image in the element that stands for it now, is new
 * there (to be replayed under a client derived from the relocation and the author), or is gone.
 * The replay (agenda-move-replay.ts) reads every relocation through this one interface.
 */
import * as Y from 'yjs'
import { type MoveRecord, pairedUnit, unseenBy } from './agenda-move-record'

/** The unit is not in the target yet: it is replayed there. */
export const NEW = 'new'
/** The unit has no image: it was deleted before the relocation, or its content is gone. */
export const GONE = 'gone'

/** The image of a unit under a relocation. */
export type UnitImage = Y.ID | typeof NEW | typeof GONE

/** A move record or a merge: an element moved away (`from`) and the element standing for it (`to`). */
export type Relocation = {
  /** Record key, or merge key (`m<client>.<clock>><winner key>`). */
  key: string
  from: Y.ID
  to: Y.ID
  /** The image of unit `id` of `from`'s subtree. */
  image(id: Y.ID): UnitImage
}

/** The client id under which `author`'s lost edits are replayed for the relocation `key` (FNV-1a, 32 bits). */
export function replayClient(key: string, author: number): number {
  const text = `${key}>${author}`
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0 || 1
}

/** The id unit `id` is replayed under for the relocation `key`. */
export function replayedId(key: string, id: Y.ID): Y.ID {
  return Y.createID(replayClient(key, id.client), id.clock)
}

/** The id standing for unit `id` under `relocation` (its image, or its replay), or null if gone. */
export function imageId(relocation: Relocation, id: Y.ID): Y.ID | null {
  const image = relocation.image(id)
  if (image === GONE) return null
  return image === NEW ? replayedId(relocation.key, id) : image
}

/** A move record as a relocation: copied units pair with their copies, units it had not seen are new. */
export function recordRelocation(record: MoveRecord): Relocation & { record: MoveRecord } {
  return {
    record,
    key: record.key,
    from: record.from,
    to: record.to,
    image: (id) => pairedUnit(record, id) ?? (unseenBy(record, id) ? NEW : GONE),
  }
}
