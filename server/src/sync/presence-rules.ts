/**
 * What presence a room relays: each awareness state a peer sends is cut down to the fields the
 * client uses (`user`, which the connection's policy then replaces with the server's identity,
 * and in a notice's text room `cursor`, y-tiptap's caret), a caret is kept only if both its ends
 * are relative positions that resolve in the notice's content (packages/schema
 * relative-position.ts), and a connection, and a room, speak for a bounded number of client ids.
 * A peer's hostile presence thus reaches nobody, and relayed presence stays small.
 */
import {
  CONTENT_FIELD,
  parseRelativePosition,
  RelativePositionError,
  relativePositionProblem,
} from '@convene/schema'
import type * as Y from 'yjs'

/** The caps on presence, from the configuration. */
export type PresenceLimits = {
  /** The most awareness client ids one connection may hold states for (a browser tab uses one). */
  maxIdsPerConnection: number
  /** The most presence states one room holds; a state beyond it is not relayed. */
  maxStates: number
}

/** How one room shapes and bounds presence. */
export type PresenceRules = PresenceLimits & {
  /** The state to relay for `state` as a peer sent it (before the policy signs it). */
  shape(state: Record<string, unknown>): Record<string, unknown>
}

/** Makes the presence rules of the room holding `doc`. */
export type PresenceRulesFactory = (doc: Y.Doc) => PresenceRules

/** A caret `{ anchor, head }` whose two ends resolve in `doc`'s content, normalised; else null. */
function caretIn(doc: Y.Doc, cursor: unknown): Record<string, unknown> | null {
  if (typeof cursor !== 'object' || cursor === null || Array.isArray(cursor)) return null
  const { anchor, head, ...rest } = cursor as Record<string, unknown>
  if (Object.keys(rest).length > 0) return null
  try {
    const ends = { anchor: parseRelativePosition(anchor), head: parseRelativePosition(head) }
    if (relativePositionProblem(doc, ends.anchor, CONTENT_FIELD)) return null
    if (relativePositionProblem(doc, ends.head, CONTENT_FIELD)) return null
    return ends
  } catch (error) {
    if (error instanceof RelativePositionError) return null
    throw error
  }
}

/** A note that the sender just restored revision `rev` (at `at`, ms since the epoch), for the others to be told. */
function isRestoreNote(value: unknown): value is { rev: number; at: number } {
  if (typeof value !== 'object' || value === null) return false
  const { rev, at, ...rest } = value as Record<string, unknown>
  return (
    Number.isSafeInteger(rev) && (rev as number) > 0 && Number.isFinite(at) && Object.keys(rest).length === 0
  )
}

/**
 * The presence of a notice's text room: `user`, `cursor` and a `restored` note only; a caret that is not two
 * positions resolving in the room's document is relayed as `cursor: null` (no caret), and the
 * sender stays connected, since a stock client's caret may overtake the text it sits in by one
 * batching window.
 */
export function noticePresenceRules(limits: PresenceLimits): PresenceRulesFactory {
  return (doc) => ({
    ...limits,
    shape: (state) => {
      const shaped: Record<string, unknown> = {}
      if ('user' in state) shaped.user = state.user
      if ('cursor' in state) shaped.cursor = caretIn(doc, state.cursor)
      if ('restored' in state && isRestoreNote(state.restored)) shaped.restored = state.restored
      return shaped
    },
  })
}

/** The presence of a comments room: `user` only (there is no caret in the comments). */
export function commentsPresenceRules(limits: PresenceLimits): PresenceRulesFactory {
  return () => ({
    ...limits,
    shape: (state) => ('user' in state ? { user: state.user } : {}),
  })
}
