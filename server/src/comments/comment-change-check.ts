/**
 * The rules of a change to a notice's comments, on plain data (threads read with packages/schema
 * `parseCommentThread` before and after the change): what the connection's user may change, and
 * which times the server accepts. comments-guard.ts applies them to each change a peer sends.
 * Identity comes from the session, never from what the client claims.
 */
import type { CommentData, CommentThread } from '@convene/schema'

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

/**
 * Why a time the change from `before` (null for a new thread) to `after` sets is not the server's
 * clock `now` give or take `skewMs`, or null: the `createdAt` of a new thread or comment, the
 * `editedAt` of an edit, the `resolvedAt` of a resolution. Times come from the client (it shows
 * them at once, offline too), so the server bounds them instead of writing them.
 */
export function commentTimesRefusal(
  before: CommentThread | null,
  after: CommentThread,
  now: number,
  skewMs: number,
): string | null {
  const off = (time: number, what: string): string | null =>
    Math.abs(time - now) > skewMs
      ? `${what} is ${Math.round((time - now) / 1000)} s from the server's clock (at most ${skewMs / 1000} s)`
      : null
  const where = `thread ${after.id}`
  if (!before) {
    const refusal = off(after.createdAt, `the createdAt of new ${where}`)
    if (refusal) return refusal
  }
  if (after.resolvedAt !== null && after.resolvedAt !== before?.resolvedAt) {
    const refusal = off(after.resolvedAt, `the resolvedAt of ${where}`)
    if (refusal) return refusal
  }
  const known = new Map(before?.comments.map((comment) => [comment.id, comment]) ?? [])
  for (const comment of after.comments) {
    const old = known.get(comment.id)
    const refusal = !old
      ? off(comment.createdAt, `the createdAt of new comment ${comment.id} of ${where}`)
      : comment.editedAt !== null && comment.editedAt !== old.editedAt
        ? off(comment.editedAt, `the editedAt of comment ${comment.id} of ${where}`)
        : null
    if (refusal) return refusal
  }
  return null
}
