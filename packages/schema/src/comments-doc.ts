/**
 * The comments document of a notice: review threads kept in a Y.Doc of their own, apart from the
 * text (DESIGN.md decision 4), anchored to the text with Yjs relative positions. The client writes
 * it with the helpers below; the server reads it with {@link parseCommentsDoc} to check every
 * change a peer sends before accepting it. Both use this one module, so the layout cannot drift.
 *
 * Layout of a comments Y.Doc (served as the room `<notice id>/comments`):
 *
 * ```
 * getMap('threads')            { [thread id]: thread }
 * thread   Y.Map  id          string (= its key in 'threads')
 *                 anchor      { start: RelativePositionJson, end: RelativePositionJson } (a plain value,
 *                             Y.relativePositionToJSON of positions in the notice's 'content' fragment)
 *                 quote       string (the text the thread was opened on, at most COMMENT_QUOTE_MAX_LENGTH)
 *                 authorId    string (user id)      authorName  string (display name)
 *                 createdAt   number (ms since the epoch)
 *                 resolved    boolean    resolvedBy  string | null (user id)    resolvedAt  number | null
 *                 comments    Y.Array<comment> (the first one opens the thread, the others reply)
 * comment  Y.Map  id          string    authorId  string    authorName  string
 *                 text        string (plain text, at most COMMENT_TEXT_MAX_LENGTH; '' once deleted)
 *                 createdAt   number    editedAt  number | null    deleted  boolean
 * ```
 *
 * Nothing else may be in the document: no other top-level type, no other key.
 */
import * as Y from 'yjs'
import { parseRelativePosition, RelativePositionError, type RelativePositionJson } from './relative-position'

export type { RelativePositionJson, YIdJson } from './relative-position'

/** Name of the top-level Y.Map holding the threads, keyed by thread id. */
export const COMMENT_THREADS_MAP = 'threads'

/** The longest comment text accepted, in UTF-16 code units. */
export const COMMENT_TEXT_MAX_LENGTH = 10_000

/** The longest quote (the commented text excerpt) accepted. */
export const COMMENT_QUOTE_MAX_LENGTH = 2_000

/** The longest author display name accepted. */
export const COMMENT_AUTHOR_NAME_MAX_LENGTH = 200

/** What thread and comment ids look like. */
export const COMMENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

/** The keys of a thread map, in layout order. */
export const THREAD_KEYS = [
  'id',
  'anchor',
  'quote',
  'authorId',
  'authorName',
  'createdAt',
  'resolved',
  'resolvedBy',
  'resolvedAt',
  'comments',
] as const

/** The keys of a comment map, in layout order. */
export const COMMENT_KEYS = [
  'id',
  'authorId',
  'authorName',
  'text',
  'createdAt',
  'editedAt',
  'deleted',
] as const

/** Where a thread sits in the text: a range between two relative positions. */
export type CommentAnchor = { start: RelativePositionJson; end: RelativePositionJson }

/** Who writes a comment: the user's id and display name (the server checks both against the session). */
export type CommentAuthor = { id: string; name: string }

/** One comment as plain data. */
export type CommentData = {
  id: string
  authorId: string
  authorName: string
  text: string
  createdAt: number
  editedAt: number | null
  deleted: boolean
}

/** One thread as plain data. */
export type CommentThread = {
  id: string
  anchor: CommentAnchor
  quote: string
  authorId: string
  authorName: string
  createdAt: number
  resolved: boolean
  resolvedBy: string | null
  resolvedAt: number | null
  comments: CommentData[]
}

/** A comments document that does not have the layout above, or a helper given bad input. */
export class CommentsDocError extends Error {
  /** Where the problem is, e.g. `threads.t1.comments[0].text`. */
  readonly path: string
  constructor(path: string, message: string) {
    super(`Invalid comments document at ${path}: ${message}`)
    this.name = 'CommentsDocError'
    this.path = path
  }
}

/** A fresh id for a thread or a comment. */
export function createCommentId(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto
  if (crypto?.randomUUID) return crypto.randomUUID()
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`
}

/** The anchor between two relative positions (from y-tiptap's `absolutePositionToRelativePosition`). */
export function anchorFromRelativePositions(
  start: Y.RelativePosition,
  end: Y.RelativePosition,
): CommentAnchor {
  return {
    start: Y.relativePositionToJSON(start) as RelativePositionJson,
    end: Y.relativePositionToJSON(end) as RelativePositionJson,
  }
}

/** The relative positions of an anchor, to resolve against the content document. */
export function anchorToRelativePositions(anchor: CommentAnchor): {
  start: Y.RelativePosition
  end: Y.RelativePosition
} {
  return {
    start: Y.createRelativePositionFromJSON(anchor.start),
    end: Y.createRelativePositionFromJSON(anchor.end),
  }
}

const threadsOf = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap<Y.Map<unknown>>(COMMENT_THREADS_MAP)

function checkText(text: string, path: string): void {
  if (typeof text !== 'string') throw new CommentsDocError(path, 'expected a string')
  if (text.trim() === '') throw new CommentsDocError(path, 'a comment cannot be empty')
  if (text.length > COMMENT_TEXT_MAX_LENGTH) {
    throw new CommentsDocError(path, `${text.length} characters, more than ${COMMENT_TEXT_MAX_LENGTH}`)
  }
}

function commentMap(id: string, author: CommentAuthor, text: string, now: number): Y.Map<unknown> {
  const comment = new Y.Map<unknown>()
  comment.set('id', id)
  comment.set('authorId', author.id)
  comment.set('authorName', author.name)
  comment.set('text', text)
  comment.set('createdAt', now)
  comment.set('editedAt', null)
  comment.set('deleted', false)
  return comment
}

function threadMap(doc: Y.Doc, threadId: string): Y.Map<unknown> {
  const thread = threadsOf(doc).get(threadId)
  if (!(thread instanceof Y.Map)) throw new CommentsDocError(`threads.${threadId}`, 'there is no such thread')
  return thread
}

function commentIn(doc: Y.Doc, threadId: string, commentId: string): Y.Map<unknown> {
  const comments = threadMap(doc, threadId).get('comments')
  if (comments instanceof Y.Array) {
    for (const comment of comments.toArray()) {
      if (comment instanceof Y.Map && comment.get('id') === commentId) return comment
    }
  }
  throw new CommentsDocError(`threads.${threadId}.comments`, `there is no comment "${commentId}"`)
}

/** What a new thread is made of. */
export type NewThread = {
  anchor: CommentAnchor
  /** The commented text excerpt (cut to {@link COMMENT_QUOTE_MAX_LENGTH}). */
  quote: string
  /** The first comment. */
  text: string
  author: CommentAuthor
  /** Defaults to a fresh id. */
  id?: string
  /** The id of the first comment; defaults to a fresh id. */
  commentId?: string
  /** Defaults to `Date.now()`. */
  now?: number
}

/** Opens a thread with its first comment, in one transaction; returns the thread id. */
export function createThread(doc: Y.Doc, input: NewThread): string {
  checkText(input.text, 'text')
  const id = input.id ?? createCommentId()
  const now = input.now ?? Date.now()
  doc.transact(() => {
    const thread = new Y.Map<unknown>()
    thread.set('id', id)
    thread.set('anchor', { start: input.anchor.start, end: input.anchor.end })
    thread.set('quote', input.quote.slice(0, COMMENT_QUOTE_MAX_LENGTH))
    thread.set('authorId', input.author.id)
    thread.set('authorName', input.author.name)
    thread.set('createdAt', now)
    thread.set('resolved', false)
    thread.set('resolvedBy', null)
    thread.set('resolvedAt', null)
    const comments = new Y.Array<Y.Map<unknown>>()
    comments.push([commentMap(input.commentId ?? createCommentId(), input.author, input.text, now)])
    thread.set('comments', comments)
    threadsOf(doc).set(id, thread)
  })
  return id
}

/** Adds a reply at the end of thread `threadId`; returns the new comment's id. */
export function addReply(
  doc: Y.Doc,
  threadId: string,
  reply: { text: string; author: CommentAuthor; id?: string; now?: number },
): string {
  checkText(reply.text, 'text')
  const comments = threadMap(doc, threadId).get('comments')
  if (!(comments instanceof Y.Array)) {
    throw new CommentsDocError(`threads.${threadId}.comments`, 'expected a Y.Array')
  }
  const id = reply.id ?? createCommentId()
  comments.push([commentMap(id, reply.author, reply.text, reply.now ?? Date.now())])
  return id
}

/** Replaces the text of one comment (its author's right) and stamps `editedAt`. */
export function editComment(
  doc: Y.Doc,
  threadId: string,
  commentId: string,
  text: string,
  now = Date.now(),
): void {
  checkText(text, 'text')
  const comment = commentIn(doc, threadId, commentId)
  if (comment.get('deleted') === true) {
    throw new CommentsDocError(`threads.${threadId}.comments`, `comment "${commentId}" is deleted`)
  }
  doc.transact(() => {
    comment.set('text', text)
    comment.set('editedAt', now)
  })
}

/** Deletes one comment: it stays as a tombstone (`deleted`, empty text) so the thread keeps its shape. */
export function deleteComment(doc: Y.Doc, threadId: string, commentId: string): void {
  const comment = commentIn(doc, threadId, commentId)
  doc.transact(() => {
    comment.set('deleted', true)
    comment.set('text', '')
  })
}

/** Resolves (`resolved` true, by user `byUserId`) or reopens a thread. */
export function setResolved(
  doc: Y.Doc,
  threadId: string,
  resolved: boolean,
  byUserId: string,
  now = Date.now(),
): void {
  const thread = threadMap(doc, threadId)
  doc.transact(() => {
    thread.set('resolved', resolved)
    thread.set('resolvedBy', resolved ? byUserId : null)
    thread.set('resolvedAt', resolved ? now : null)
  })
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Y.AbstractType)

const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0

function parsePosition(value: unknown, path: string): RelativePositionJson {
  try {
    return parseRelativePosition(value)
  } catch (error) {
    if (error instanceof RelativePositionError) throw new CommentsDocError(path, error.message)
    throw error
  }
}

function parseAnchor(value: unknown, path: string): CommentAnchor {
  if (!isRecord(value) || Object.keys(value).length !== 2 || !('start' in value) || !('end' in value)) {
    throw new CommentsDocError(path, 'expected { start, end }')
  }
  return {
    start: parsePosition(value.start, `${path}.start`),
    end: parsePosition(value.end, `${path}.end`),
  }
}

/**
 * Checks that a Y.Map holds exactly `keys` and nothing hidden: Yjs lets a hostile update put list
 * content into a map, which `toJSON` would not show.
 */
function checkMapKeys(map: Y.Map<unknown>, keys: readonly string[], path: string): void {
  if (map._start !== null) throw new CommentsDocError(path, 'holds list content')
  const present = [...map.keys()]
  const unknown = present.find((key) => !keys.includes(key))
  if (unknown !== undefined) throw new CommentsDocError(path, `unexpected key "${unknown}"`)
  const missing = keys.find((key) => !map.has(key))
  if (missing !== undefined) throw new CommentsDocError(path, `missing key "${missing}"`)
}

function parseString(value: unknown, path: string, maxLength: number, nonEmpty = false): string {
  if (typeof value !== 'string') throw new CommentsDocError(path, 'expected a string')
  if (value.length > maxLength) {
    throw new CommentsDocError(path, `${value.length} characters, more than ${maxLength}`)
  }
  if (nonEmpty && value === '') throw new CommentsDocError(path, 'expected a non-empty string')
  return value
}

function parseId(value: unknown, path: string): string {
  if (typeof value !== 'string' || !COMMENT_ID_PATTERN.test(value)) {
    throw new CommentsDocError(path, `expected an id matching ${COMMENT_ID_PATTERN.source}`)
  }
  return value
}

function parseTime(value: unknown, path: string): number {
  if (!isTime(value)) throw new CommentsDocError(path, 'expected a time in milliseconds')
  return value
}

function parseNullable<T>(value: unknown, parse: (value: unknown) => T): T | null {
  return value === null ? null : parse(value)
}

function parseComment(value: unknown, path: string): CommentData {
  if (!(value instanceof Y.Map)) throw new CommentsDocError(path, 'expected a Y.Map')
  const map = value as Y.Map<unknown>
  checkMapKeys(map, COMMENT_KEYS, path)
  const deleted = map.get('deleted')
  if (typeof deleted !== 'boolean') throw new CommentsDocError(`${path}.deleted`, 'expected a boolean')
  const text = parseString(map.get('text'), `${path}.text`, COMMENT_TEXT_MAX_LENGTH)
  if (deleted && text !== '') throw new CommentsDocError(`${path}.text`, 'a deleted comment keeps no text')
  if (!deleted && text.trim() === '') throw new CommentsDocError(`${path}.text`, 'a comment cannot be empty')
  return {
    id: parseId(map.get('id'), `${path}.id`),
    authorId: parseString(map.get('authorId'), `${path}.authorId`, 128, true),
    authorName: parseString(map.get('authorName'), `${path}.authorName`, COMMENT_AUTHOR_NAME_MAX_LENGTH),
    text,
    createdAt: parseTime(map.get('createdAt'), `${path}.createdAt`),
    editedAt: parseNullable(map.get('editedAt'), (v) => parseTime(v, `${path}.editedAt`)),
    deleted,
  }
}

function parseThread(key: string, value: unknown, path: string): CommentThread {
  if (!(value instanceof Y.Map)) throw new CommentsDocError(path, 'expected a Y.Map')
  const map = value as Y.Map<unknown>
  checkMapKeys(map, THREAD_KEYS, path)
  const id = parseId(map.get('id'), `${path}.id`)
  if (id !== key) throw new CommentsDocError(`${path}.id`, `"${id}" differs from its key "${key}"`)
  const resolved = map.get('resolved')
  if (typeof resolved !== 'boolean') throw new CommentsDocError(`${path}.resolved`, 'expected a boolean')
  const resolvedBy = parseNullable(map.get('resolvedBy'), (v) =>
    parseString(v, `${path}.resolvedBy`, 128, true),
  )
  const resolvedAt = parseNullable(map.get('resolvedAt'), (v) => parseTime(v, `${path}.resolvedAt`))
  if (resolved !== (resolvedBy !== null) || resolved !== (resolvedAt !== null)) {
    throw new CommentsDocError(`${path}.resolved`, 'resolvedBy and resolvedAt are set exactly when resolved')
  }
  const comments = map.get('comments')
  if (!(comments instanceof Y.Array)) throw new CommentsDocError(`${path}.comments`, 'expected a Y.Array')
  if (comments._map.size > 0) throw new CommentsDocError(`${path}.comments`, 'holds map content')
  const list = comments.toArray().map((comment, index) => parseComment(comment, `${path}.comments[${index}]`))
  if (list.length === 0) throw new CommentsDocError(`${path}.comments`, 'a thread has at least one comment')
  const ids = new Set(list.map((comment) => comment.id))
  if (ids.size !== list.length) throw new CommentsDocError(`${path}.comments`, 'two comments share an id')
  return {
    id,
    anchor: parseAnchor(map.get('anchor'), `${path}.anchor`),
    quote: parseString(map.get('quote'), `${path}.quote`, COMMENT_QUOTE_MAX_LENGTH),
    authorId: parseString(map.get('authorId'), `${path}.authorId`, 128, true),
    authorName: parseString(map.get('authorName'), `${path}.authorName`, COMMENT_AUTHOR_NAME_MAX_LENGTH),
    createdAt: parseTime(map.get('createdAt'), `${path}.createdAt`),
    resolved,
    resolvedBy,
    resolvedAt,
    comments: list,
  }
}

/**
 * Reads every thread of a comments document strictly, in creation order: throws
 * {@link CommentsDocError} naming the first thing that does not have the layout (another
 * top-level type, an unknown key, a value of the wrong type, a text over the limit).
 */
export function parseCommentsDoc(doc: Y.Doc): CommentThread[] {
  for (const [name, type] of doc.share) {
    if (name !== COMMENT_THREADS_MAP) throw new CommentsDocError(name, 'unexpected top-level type')
    if (type._start !== null) throw new CommentsDocError(name, 'holds list content')
  }
  const threads: CommentThread[] = []
  for (const [key, value] of threadsOf(doc).entries()) {
    threads.push(parseThread(key, value, `threads.${key}`))
  }
  return threads.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
}

/**
 * The thread under key `id` of a comments document, read strictly like {@link parseCommentsDoc}
 * does (throws {@link CommentsDocError}), or null when there is none: what the server reads of
 * each thread a change touches, so that checking a change costs that thread, not the document.
 */
export function parseCommentThread(doc: Y.Doc, id: string): CommentThread | null {
  const value = threadsOf(doc).get(id)
  return value === undefined ? null : parseThread(id, value, `threads.${id}`)
}

/**
 * Every well-formed thread of a comments document, in creation order, skipping any that does not
 * have the layout (for display: the server never accepts such a thread in the first place).
 */
export function readThreads(doc: Y.Doc): CommentThread[] {
  const threads: CommentThread[] = []
  for (const [key, value] of threadsOf(doc).entries()) {
    try {
      threads.push(parseThread(key, value, `threads.${key}`))
    } catch (error) {
      if (!(error instanceof CommentsDocError)) throw error
    }
  }
  return threads.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
}
