/**
 * The one narrow interface between Convene and its database. A notice is a row of summary
 * fields plus an append-only log of Yjs V1 updates; every backend (SQLite now, PostgreSQL later)
 * implements exactly this, and `registerStorageContractTests` holds each of them to it.
 */

/**
 * The fields the notices list shows, copied out of the notice's metadata whenever they change,
 * so that listing never has to load a document.
 */
export type NoticeSummary = {
  title: string
  symbol: string
  language: string
}

/** A stored notice without its content. Times are milliseconds since the Unix epoch. */
export type NoticeRecord = NoticeSummary & {
  id: string
  createdAt: number
  updatedAt: number
}

/** One row of a notice's update log: a Yjs V1 update and its position in the log (1, 2, 3 ...). */
export type StoredUpdate = {
  seq: number
  bytes: Uint8Array
}

/** A new notice: its id, its summary and its complete initial Yjs state (a V1 update). */
export type NewNotice = {
  id: string
  summary: NoticeSummary
  state: Uint8Array
}

/**
 * One update to append to a notice's log. `summary` is present when the update changed the
 * summary fields, so the list stays in step with the document in the same transaction.
 */
export type UpdateAppend = {
  noticeId: string
  update: Uint8Array
  summary?: NoticeSummary
}

/**
 * Durable storage of notices. Every method returns a Promise so that networked backends fit;
 * a resolved write is durable, a rejected write wrote nothing.
 */
export interface NoticeStorage {
  /** A short name of the backend for health checks and logs, e.g. `sqlite`. */
  readonly kind: string
  /** Stores a new notice with its initial state as update 1; rejects if the id is taken. */
  createNotice(notice: NewNotice): Promise<NoticeRecord>
  /** Every notice, most recently updated first. */
  listNotices(): Promise<NoticeRecord[]>
  /** One notice's record, or null when there is no notice with this id. */
  getNotice(id: string): Promise<NoticeRecord | null>
  /** A notice's update log in ascending `seq` order, or null when there is no notice with this id. */
  loadUpdates(id: string): Promise<StoredUpdate[] | null>
  /**
   * The rows of a notice's log with `seq > afterSeq`, ascending, or null when there is no notice
   * with this id: how a server instance catches up with updates other instances stored. A row
   * merged by compaction holds every update through its seq, so the rows returned always bring
   * a document that held everything through `afterSeq` up to the last row.
   */
  loadUpdatesAfter(id: string, afterSeq: number): Promise<StoredUpdate[] | null>
  /**
   * Appends every update of `batch` in ONE transaction (group commit), in batch order, each
   * getting the next `seq` of its notice, and bumps `updatedAt`; resolves the seq given to each
   * entry, in batch order. All or nothing: if any notice is unknown or the write fails, the
   * promise rejects and nothing of the batch is stored. Seqs become visible to readers in order:
   * a reader that sees seq n of a notice sees every seq before it.
   */
  appendUpdates(batch: readonly UpdateAppend[]): Promise<number[]>
  /**
   * Replaces the log rows with `seq <= throughSeq` by one row (`seq = throughSeq`) holding
   * `state`, which must contain all of them; rows after `throughSeq` are left untouched.
   * Atomic. Rejects if the notice is unknown or has no row `throughSeq`.
   */
  compactUpdates(id: string, throughSeq: number, state: Uint8Array): Promise<void>
  /** Deletes a notice and its log; resolves false when there was no such notice. */
  deleteNotice(id: string): Promise<boolean>
  /** Releases the backend's resources; pending writes have completed before it resolves. */
  close(): Promise<void>
}

/** A storage operation named a notice that the storage does not hold. */
export class UnknownNoticeError extends Error {
  /** The id that was not found. */
  readonly noticeId: string
  constructor(noticeId: string) {
    super(`There is no stored notice with id "${noticeId}"`)
    this.name = 'UnknownNoticeError'
    this.noticeId = noticeId
  }
}

/** `createNotice` was given an id that is already stored. */
export class DuplicateNoticeError extends Error {
  /** The id that is already taken. */
  readonly noticeId: string
  constructor(noticeId: string) {
    super(`A notice with id "${noticeId}" is already stored`)
    this.name = 'DuplicateNoticeError'
    this.noticeId = noticeId
  }
}
