/**
 * Yjs relative positions as peers send them (a comment's anchor, a caret in presence), checked for
 * what they are: {@link parseRelativePosition} reads the JSON form strictly, and
 * {@link relativePositionProblem} says whether it resolves in a document's content fragment. Yjs
 * itself throws on a position naming nothing (`{}`: "Unexpected case") and y-tiptap walks
 * whatever type a position names, so a hostile position relayed to an editor could stop it
 * rendering. Both checks cost O(1) plus the nesting depth of the item named, never the document.
 */
import * as Y from 'yjs'
import type { YType } from './agenda-move-record'

/** A Yjs id as it appears in the JSON form of a relative position. */
export type YIdJson = { client: number; clock: number }

/**
 * The JSON form of a Y.RelativePosition (`Y.relativePositionToJSON`): the `item` the position
 * sticks to, if any, and its type, as the id of a nested type (`type`) or a root's name (`tname`);
 * without an item, the position is at the start or end of that type.
 */
export type RelativePositionJson = { type?: YIdJson; tname?: string; item?: YIdJson; assoc?: number }

/** The longest root type name a position may carry. */
export const RELATIVE_POSITION_TNAME_MAX_LENGTH = 64

/** A value that is not the JSON form of a relative position. */
export class RelativePositionError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RelativePositionError'
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Yjs client ids are unsigned 32-bit integers; clocks are counts of items. */
const isClient = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff
const isClock = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0

function parseYId(value: unknown, field: string): YIdJson {
  if (!isRecord(value)) throw new RelativePositionError(`"${field}" must be { client, clock }`)
  const keys = Object.keys(value)
  const { client, clock } = value
  if (keys.length !== 2 || !isClient(client) || !isClock(clock)) {
    throw new RelativePositionError(
      `"${field}" must be { client, clock }: a 32-bit client id and a non-negative clock`,
    )
  }
  return { client, clock }
}

/**
 * Reads the JSON form of a relative position strictly: the fields `item`, `type`, `tname` and
 * `assoc` only (a field holding null counts as absent: that is how `JSON.stringify` writes a
 * Y.RelativePosition object, as y-tiptap's caret plugin sends it), an `item` or a type, and not a
 * type named both ways. Throws {@link RelativePositionError} naming what is wrong.
 */
export function parseRelativePosition(value: unknown): RelativePositionJson {
  if (!isRecord(value)) throw new RelativePositionError('a relative position must be an object')
  const position: RelativePositionJson = {}
  for (const [key, field] of Object.entries(value)) {
    if (field === null) continue
    if (key === 'item' || key === 'type') position[key] = parseYId(field, key)
    else if (key === 'tname') {
      if (typeof field !== 'string' || field === '' || field.length > RELATIVE_POSITION_TNAME_MAX_LENGTH) {
        throw new RelativePositionError(
          `"tname" must be a type name of 1 to ${RELATIVE_POSITION_TNAME_MAX_LENGTH} characters`,
        )
      }
      position.tname = field
    } else if (key === 'assoc') {
      if (!Number.isSafeInteger(field)) throw new RelativePositionError('"assoc" must be an integer')
      position.assoc = field as number
    } else throw new RelativePositionError(`unexpected field "${key}"`)
  }
  if (position.type !== undefined && position.tname !== undefined) {
    throw new RelativePositionError('a relative position names its type by "type" or by "tname", not both')
  }
  if (position.item === undefined && position.type === undefined && position.tname === undefined) {
    throw new RelativePositionError('a relative position names an "item", a "type" or a "tname"')
  }
  return position
}

/** Whether `type` is the root `root` or lies inside it (a walk up its parents: the nesting depth). */
function isWithin(type: YType, root: YType): boolean {
  let current: YType = type
  while (current !== root) {
    const item = current._item
    if (item === null || !(item.parent instanceof Y.AbstractType)) return false
    current = item.parent
  }
  return true
}

/**
 * Why `position` (read with {@link parseRelativePosition}) does not resolve in `doc`'s root type
 * `root` (the notice's content fragment), or null when it does: `tname` must name that root; an
 * `item` must be an item of a list inside it (not a map entry, nor one Yjs collected); a `type`,
 * a type inside it. An id the document has not received yet is not a problem: a comment or a
 * caret may overtake the text it points to (two sockets, or batching), and Yjs resolves such a
 * position to nothing (a client shows a detached comment, no caret) until that text arrives.
 */
export function relativePositionProblem(
  doc: Y.Doc,
  position: RelativePositionJson,
  root: string,
): string | null {
  if (position.item === undefined && position.tname !== undefined) {
    return position.tname === root ? null : `it names the type "${position.tname}", not "${root}"`
  }
  const id = (position.item ?? position.type) as YIdJson
  const field = position.item ? 'item' : 'type'
  if (id.clock >= Y.getState(doc.store, id.client)) return null
  const rootType = doc.share.get(root)
  if (!rootType) return `the document has no "${root}"`
  const struct = Y.getItem(doc.store, Y.createID(id.client, id.clock))
  if (!(struct instanceof Y.Item)) return `its ${field} ${id.client}:${id.clock} was garbage-collected`
  if (position.item) {
    if (struct.parentSub !== null) return `its item ${id.client}:${id.clock} is a map entry, not text`
    if (!(struct.parent instanceof Y.AbstractType) || !isWithin(struct.parent, rootType)) {
      return `its item ${id.client}:${id.clock} is not in "${root}"`
    }
    return null
  }
  if (!(struct.content instanceof Y.ContentType)) return `its type ${id.client}:${id.clock} is not a type`
  if (!isWithin(struct.content.type, rootType)) return `its type ${id.client}:${id.clock} is not in "${root}"`
  return null
}
