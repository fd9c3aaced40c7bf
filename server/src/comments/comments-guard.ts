/**
 * The guard of a notice's comments room: a peer's change reaches the comments document, storage
 * and the other peers only if every thread it touches still has the layout of comments-doc.ts,
 * is a change the connection's user may make (comment-change-check.ts), carries times near the
 * server's clock, anchors new threads on relative positions that resolve in the notice's text,
 * and stays within the caps (comments-ledger.ts) and the user's writes per minute.
 *
 * Like the notice guard, it tries each update on a shadow copy first (sync/shadow-doc.ts), and
 * reads only the threads the update's transaction changed, in the shadow (after) and in the room's
 * document (before): a check costs the threads touched, never the whole document. Refusals:
 * 4403 for what the user may not do, 4422 for what would leave the comments invalid (layout,
 * anchor, time), 4413 over a cap, 4429 over the writes per minute.
 */
import {
  COMMENT_THREADS_MAP,
  CONTENT_FIELD,
  CommentsDocError,
  type CommentThread,
  parseCommentThread,
  relativePositionProblem,
} from '@convene/schema'
import * as Y from 'yjs'
import { TokenBucket } from '../sync/connection-limits'
import type { UpdateGuard, UpdateGuardFactory } from '../sync/notice-guard'
import type { Peer } from '../sync/peer'
import { CLOSE_CODES, type CloseCode, ProtocolError } from '../sync/protocol'
import { ShadowDoc } from '../sync/shadow-doc'
import { type CommentActor, commentChangeRefusal, commentTimesRefusal } from './comment-change-check'
import { type CommentLimits, CommentsLedger, type Totals } from './comments-ledger'

/**
 * How many of one user's changes may be refused after being tried, per minute (a burst of as many):
 * a tried refusal rebuilds the shadow (the document's size), so a user cannot make the server do
 * that in a loop; beyond it their changes are refused with 4429, untried.
 */
export const TRIED_REFUSALS_PER_MINUTE = 10

/** The notice's text, held open while its comments room is: `doc()` is its live document. */
export type ContentHandle = { doc: () => Y.Doc; release: () => void }

/** Options of {@link commentsUpdateGuard}. */
export type CommentsGuardOptions = {
  limits: CommentLimits
  /** Opens the text of notice `noticeId` (throws as the text room's registry does for an unknown notice). */
  openContent: (noticeId: string) => Promise<ContentHandle>
  /** The server's clock, in milliseconds (default `Date.now`). */
  now?: () => number
}

const refused = (code: CloseCode, reason: string): ProtocolError =>
  new ProtocolError(
    code,
    code === CLOSE_CODES.PERMISSION_DENIED
      ? `Permission denied: ${reason}`
      : `Refused comment change: ${reason}`,
  )

/** A fresh doc holding what `doc` holds (pending structs included). */
function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

/**
 * The ids of the threads `transaction` changed (found by walking up from each changed type, at most
 * three levels), or a layout problem: a top-level type other than the threads map, or list
 * content in it.
 */
function touchedThreads(transaction: Y.Transaction, into: Set<string>): string | null {
  const threads = transaction.doc.share.get(COMMENT_THREADS_MAP)
  for (const [type, keys] of transaction.changed) {
    let current = type
    if (current._item === null) {
      if (current !== threads) return `${Y.findRootTypeKey(current)}: unexpected top-level type`
      for (const key of keys) {
        if (key === null) return `${COMMENT_THREADS_MAP}: holds list content`
        into.add(key)
      }
      continue
    }
    while (current._item !== null && current._item.parent !== threads) {
      current = current._item.parent as typeof type
    }
    const key = current._item?.parentSub
    if (current._item === null || key === null || key === undefined) {
      return `${Y.findRootTypeKey(current)}: unexpected top-level type`
    }
    into.add(key)
  }
  return null
}

/**
 * The threads and comments `update` adds to `doc`, counted from its new structs without applying
 * it: in the layout of comments-doc.ts each new thread brings one Y.Array (its comments) and each
 * comment, first ones included, one Y.Map besides the thread's own. Exact for any update the
 * checks after the trial accept; lets the caps refuse a flood before it costs a trial.
 */
function addedBy(doc: Y.Doc, update: Uint8Array): Totals {
  let arrays = 0
  let maps = 0
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentType)) continue
    if (struct.id.clock < Y.getState(doc.store, struct.id.client)) continue
    if (struct.content.type instanceof Y.Array) arrays += 1
    else if (struct.content.type instanceof Y.Map) maps += 1
  }
  return { threads: arrays, comments: Math.max(0, maps - arrays) }
}

/** The Yjs identity of a shared type, `client:clock` of the item that holds it. */
const identity = (type: { _item: Y.Item | null }): string =>
  type._item ? `${type._item.id.client}:${type._item.id.clock}` : 'root'

/**
 * The identity of the thread map, comments array and comment maps of thread `threadId` (read
 * already, hence well-formed). A change that replaces one of them with an equal-looking copy
 * would orphan what others concurrently add to the original.
 */
function typeIdentities(doc: Y.Doc, threadId: string, into: Map<string, string>): void {
  const thread = doc.getMap<Y.Map<unknown>>(COMMENT_THREADS_MAP).get(threadId)
  if (!thread) return
  into.set(threadId, identity(thread))
  const comments = thread.get('comments') as Y.Array<Y.Map<unknown>>
  into.set(`${threadId}/comments`, identity(comments))
  for (const comment of comments) into.set(`${threadId}/${String(comment.get('id'))}`, identity(comment))
}

/** Reads thread `id` of `doc` strictly; a layout problem is refused as an invalid change (4422). */
function threadIn(doc: Y.Doc, id: string, when: 'before' | 'after'): CommentThread | null {
  try {
    return parseCommentThread(doc, id)
  } catch (error) {
    if (!(error instanceof CommentsDocError)) throw error
    const reason =
      when === 'after' ? error.message : `${error.message} (stored before this check; it cannot change)`
    throw refused(CLOSE_CODES.INVALID_CHANGE, reason)
  }
}

/** Makes the guard of each comments room; it holds the notice's text open while the room is. */
export function commentsUpdateGuard(options: CommentsGuardOptions): UpdateGuardFactory {
  const { limits } = options
  const now = options.now ?? Date.now
  return async (doc, noticeId) => {
    const content = await options.openContent(noticeId)
    const ledger = new CommentsLedger(doc)
    // What others change (another instance, a catch-up) is counted too, from the threads it touched.
    const onMirrored = (transaction: Y.Transaction): void => {
      const touched = new Set<string>()
      touchedThreads(transaction, touched)
      const changed = new Map<string, CommentThread | null>()
      for (const id of touched) {
        try {
          changed.set(id, parseCommentThread(transaction.doc, id))
        } catch {
          changed.set(id, null)
        }
      }
      ledger.commit(changed, 0)
    }
    const shadow = new ShadowDoc(doc, copyOf, onMirrored)
    const writes = new Map<string, TokenBucket>()
    const writeBucket = (userId: string): TokenBucket => {
      let bucket = writes.get(userId)
      if (!bucket) {
        bucket = new TokenBucket(limits.maxWritesPerMinute / 60, limits.maxWritesPerMinute)
        writes.set(userId, bucket)
      }
      return bucket
    }

    const check = (update: Uint8Array, actor: CommentActor | null): Map<string, CommentThread | null> => {
      const touched = new Set<string>()
      let layout: string | null = null
      shadow.trial(update, (transaction) => {
        layout ??= touchedThreads(transaction, touched)
      })
      const after = shadow.current
      if (layout) throw refused(CLOSE_CODES.INVALID_CHANGE, `Invalid comments document at ${layout}`)
      if (after.store.pendingStructs !== null || after.store.pendingDs !== null) {
        throw refused(
          CLOSE_CODES.PERMISSION_DENIED,
          'the change depends on changes the server does not have; resynchronise',
        )
      }
      const before: CommentThread[] = []
      const changed = new Map<string, CommentThread | null>()
      for (const id of touched) {
        const old = threadIn(doc, id, 'before')
        if (old) before.push(old)
        changed.set(id, threadIn(after, id, 'after'))
      }
      const afterList = [...changed.values()].filter((thread) => thread !== null)
      if (actor) {
        const refusal = commentChangeRefusal(before, afterList, actor)
        if (refusal) throw refused(CLOSE_CODES.PERMISSION_DENIED, refusal)
      }
      const text = content.doc()
      const clock = now()
      const beforeById = new Map(before.map((thread) => [thread.id, thread]))
      for (const thread of afterList) {
        const old = beforeById.get(thread.id) ?? null
        const times = commentTimesRefusal(old, thread, clock, limits.clockSkewMs)
        if (times) throw refused(CLOSE_CODES.INVALID_CHANGE, times)
        if (old) continue
        for (const end of ['start', 'end'] as const) {
          const problem = relativePositionProblem(text, thread.anchor[end], CONTENT_FIELD)
          if (problem) {
            throw refused(
              CLOSE_CODES.INVALID_CHANGE,
              `the anchor ${end} of thread ${thread.id} does not resolve in the notice's text: ${problem}`,
            )
          }
        }
      }
      const identitiesBefore = new Map<string, string>()
      const identitiesAfter = new Map<string, string>()
      for (const thread of before) {
        typeIdentities(doc, thread.id, identitiesBefore)
        typeIdentities(after, thread.id, identitiesAfter)
      }
      for (const [path, id] of identitiesBefore) {
        if (identitiesAfter.get(path) !== id) {
          throw refused(CLOSE_CODES.PERMISSION_DENIED, `${path} cannot be replaced by a copy`)
        }
      }
      const over = ledger.overLimit(changed, update.length, limits)
      if (over) throw refused(CLOSE_CODES.MESSAGE_TOO_LARGE, over)
      return changed
    }

    const refusals = new Map<string, TokenBucket>()
    const refusalBucket = (userId: string): TokenBucket => {
      let bucket = refusals.get(userId)
      if (!bucket) {
        bucket = new TokenBucket(TRIED_REFUSALS_PER_MINUTE / 60, TRIED_REFUSALS_PER_MINUTE, now)
        refusals.set(userId, bucket)
      }
      return bucket
    }
    const guard: UpdateGuard = {
      admit(update, origin, apply) {
        const actor = (origin as Partial<Peer> | null)?.policy?.commentActor ?? null
        const userId = actor?.userId ?? ''
        if (!refusalBucket(userId).hasToken()) {
          throw refused(
            CLOSE_CODES.TOO_MANY_MESSAGES,
            `more than ${TRIED_REFUSALS_PER_MINUTE} of your comment changes were refused within a minute; wait before the next`,
          )
        }
        if (actor && !writeBucket(userId).take()) {
          throw refused(
            CLOSE_CODES.TOO_MANY_MESSAGES,
            `more than ${limits.maxWritesPerMinute} comment changes per minute (MAX_COMMENT_WRITES_PER_MINUTE)`,
          )
        }
        const over = ledger.overLimitAdding(userId, addedBy(doc, update), update.length, limits)
        if (over) throw refused(CLOSE_CODES.MESSAGE_TOO_LARGE, over)
        let changed: Map<string, CommentThread | null>
        try {
          changed = check(update, actor)
        } catch (error) {
          // The shadow took what the room's document will not: it must not differ.
          const malformed =
            error instanceof ProtocolError && error.closeCode === CLOSE_CODES.MALFORMED_MESSAGE
          if (!malformed) shadow.rebuild()
          refusalBucket(userId).take()
          throw error
        }
        shadow.commit(origin, apply)
        ledger.commit(changed, update.length)
      },
      destroy() {
        shadow.destroy()
        content.release()
      },
    }
    return guard
  }
}
