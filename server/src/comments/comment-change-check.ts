/**
 * The server's check of every change a peer makes to a comments document, before anything of it
 * is applied: the update is applied to a scratch copy, the threads before and after are read
 * strictly (packages/schema `parseCommentsDoc`) and compared as plain data, and the change is
 * accepted only if it is one the connection's user may make. Identity comes from the session,
 * never from what the client claims.
 */
import {
  COMMENT_THREADS_MAP,
  type CommentData,
  CommentsDocError,
  type CommentThread,
  parseCommentsDoc,
} from '@convene/schema'
import * as Y from 'yjs'
import { CLOSE_CODES, ProtocolError } from '../sync/protocol'
import { updateChangesNothing } from '../sync/update-effect'

/** Who is changing the comments, as the server's session says. */
export type CommentActor = {
  userId: string
  /** The display name new comments must carry. */
  name: string
  /** Whether they may delete other people's comments (owners and administrators). */
  canModerate: boolean
}

/** JSON with object keys sorted, so two equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonical(field)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

function newCommentRefusal(comment: CommentData, actor: CommentActor, where: string): string | null {
  if (comment.authorId !== actor.userId || comment.authorName !== actor.name) {
    return `${where} must be written as yourself (${actor.name})`
  }
  if (comment.deleted || comment.editedAt !== null) return `${where} must start neither edited nor deleted`
  return null
}

function commentRefusal(
  before: CommentData,
  after: CommentData,
  actor: CommentActor,
  where: string,
): string | null {
  if (
    before.authorId !== after.authorId ||
    before.authorName !== after.authorName ||
    before.createdAt !== after.createdAt
  ) {
    return `the author and time of ${where} cannot change`
  }
  const own = before.authorId === actor.userId
  if (before.deleted !== after.deleted) {
    if (before.deleted) return `${where} is deleted and cannot be restored`
    if (!own && !actor.canModerate) return `${where} belongs to someone else: only an owner may delete it`
    if (before.editedAt !== after.editedAt) return `deleting ${where} cannot also edit it`
    return null
  }
  if (before.text !== after.text || before.editedAt !== after.editedAt) {
    if (!own) return `${where} belongs to someone else: only its author may edit it`
    if (after.deleted) return `${where} is deleted and cannot be edited`
    if (after.editedAt === null) return `an edit of ${where} must set editedAt`
  }
  return null
}

function threadRefusal(before: CommentThread, after: CommentThread, actor: CommentActor): string | null {
  const where = `thread ${before.id}`
  if (
    canonical(before.anchor) !== canonical(after.anchor) ||
    before.quote !== after.quote ||
    before.authorId !== after.authorId ||
    before.authorName !== after.authorName ||
    before.createdAt !== after.createdAt
  ) {
    return `the anchor, quote, author and time of ${where} cannot change`
  }
  const resolutionChanged =
    before.resolved !== after.resolved ||
    before.resolvedBy !== after.resolvedBy ||
    before.resolvedAt !== after.resolvedAt
  if (resolutionChanged && after.resolved && after.resolvedBy !== actor.userId) {
    return `${where} must be resolved as yourself`
  }
  const afterById = new Map(after.comments.map((comment, index) => [comment.id, { comment, index }]))
  let lastIndex = -1
  for (const old of before.comments) {
    const found = afterById.get(old.id)
    if (!found) return `comment ${old.id} of ${where} cannot be removed (delete it instead)`
    if (found.index < lastIndex) return `the comments of ${where} cannot be reordered`
    lastIndex = found.index
    const refusal = commentRefusal(old, found.comment, actor, `comment ${old.id}`)
    if (refusal) return refusal
  }
  const known = new Set(before.comments.map((comment) => comment.id))
  for (const comment of after.comments) {
    if (known.has(comment.id)) continue
    const refusal = newCommentRefusal(comment, actor, `new comment ${comment.id}`)
    if (refusal) return refusal
  }
  return null
}

/**
 * Why the change from `before` to `after` (both read with `parseCommentsDoc`) is not one `actor`
 * may make, or null when it is: new threads and comments carry the actor's own id and name; text
 * edits only of their own comments; deletions (tombstones) of their own, or of anyone's for a
 * moderator; resolving as themselves, reopening; nothing else changes and nothing is removed.
 */
export function commentChangeRefusal(
  before: readonly CommentThread[],
  after: readonly CommentThread[],
  actor: CommentActor,
): string | null {
  const afterById = new Map(after.map((thread) => [thread.id, thread]))
  for (const old of before) {
    const thread = afterById.get(old.id)
    if (!thread) return `thread ${old.id} cannot be removed`
    const refusal = threadRefusal(old, thread, actor)
    if (refusal) return refusal
  }
  const known = new Set(before.map((thread) => thread.id))
  for (const thread of after) {
    if (known.has(thread.id)) continue
    const where = `new thread ${thread.id}`
    if (thread.authorId !== actor.userId || thread.authorName !== actor.name) {
      return `${where} must be opened as yourself (${actor.name})`
    }
    if (thread.resolved) return `${where} cannot start resolved`
    for (const comment of thread.comments) {
      const refusal = newCommentRefusal(comment, actor, `comment ${comment.id} of ${where}`)
      if (refusal) return refusal
    }
  }
  return null
}

/** The Yjs identity of a shared type, `client:clock` of the item that holds it. */
const identity = (type: { _item: Y.Item | null }): string =>
  type._item ? `${type._item.id.client}:${type._item.id.clock}` : 'root'

/**
 * The identity of every thread map, comments array and comment map of a (parsed, hence
 * well-formed) comments document, by thread and comment id. A change that replaces one of them
 * with an equal-looking copy would orphan what others concurrently add to the original.
 */
function typeIdentities(doc: Y.Doc): Map<string, string> {
  const identities = new Map<string, string>()
  for (const [threadId, thread] of doc.getMap<Y.Map<unknown>>(COMMENT_THREADS_MAP)) {
    identities.set(threadId, identity(thread))
    const comments = thread.get('comments') as Y.Array<Y.Map<unknown>>
    identities.set(`${threadId}/comments`, identity(comments))
    for (const comment of comments)
      identities.set(`${threadId}/${String(comment.get('id'))}`, identity(comment))
  }
  return identities
}

const denied = (reason: string): ProtocolError =>
  new ProtocolError(CLOSE_CODES.PERMISSION_DENIED, `Permission denied: ${reason}`)

/**
 * Decides on an update to the comments document `doc` from `actor`: false when it changes nothing
 * (ignored), true when it is a change they may make, and otherwise throws a `ProtocolError`
 * (4403) saying why. Nothing is applied to `doc` here; the check works on a scratch copy.
 */
export function admitCommentsUpdate(doc: Y.Doc, update: Uint8Array, actor: CommentActor): boolean {
  if (updateChangesNothing(doc, update)) return false
  const scratch = new Y.Doc()
  try {
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc))
    const before = parseCommentsDoc(scratch)
    const identitiesBefore = typeIdentities(scratch)
    try {
      Y.applyUpdate(scratch, update)
    } catch (cause) {
      throw new ProtocolError(CLOSE_CODES.MALFORMED_MESSAGE, 'Malformed update: it could not be applied', {
        cause,
      })
    }
    if (scratch.store.pendingStructs !== null || scratch.store.pendingDs !== null) {
      throw denied('the change depends on changes the server does not have; resynchronise')
    }
    let after: CommentThread[]
    try {
      after = parseCommentsDoc(scratch)
    } catch (error) {
      if (error instanceof CommentsDocError) throw denied(error.message)
      throw error
    }
    const refusal = commentChangeRefusal(before, after, actor)
    if (refusal) throw denied(refusal)
    const identitiesAfter = typeIdentities(scratch)
    for (const [path, id] of identitiesBefore) {
      if (identitiesAfter.get(path) !== id) throw denied(`${path} cannot be replaced by a copy`)
    }
    return true
  } finally {
    scratch.destroy()
  }
}
