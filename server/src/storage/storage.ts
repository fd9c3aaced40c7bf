/**
 * The notice catalogue: a notice is a row of summary fields plus its text's update log (see
 * update-log.ts). Every backend implements exactly this, and `registerStorageContractTests`
 * holds each of them to it.
 */
import type { UpdateLog } from './update-log'

export type { StoredUpdate, UpdateAppend, UpdateLog } from './update-log'

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

/** A new notice: its id, its summary and its complete initial Yjs state (a V1 update). */
export type NewNotice = {
  id: string
  summary: NoticeSummary
  state: Uint8Array
}

/**
 * Durable storage of notices: the catalogue, and each notice's text log as an {@link UpdateLog}
 * (the log exists exactly while the notice does). Every method returns a Promise so that
 * networked backends fit; a resolved write is durable, a rejected write wrote nothing.
 */
export interface NoticeStorage extends UpdateLog {
  /** A short name of the backend for health checks and logs, e.g. `sqlite`. */
  readonly kind: string
  /** Stores a new notice with its initial state as update 1; rejects if the id is taken. */
  createNotice(notice: NewNotice): Promise<NoticeRecord>
  /** Every notice, most recently updated first. */
  listNotices(): Promise<NoticeRecord[]>
  /** One notice's record, or null when there is no notice with this id. */
  getNotice(id: string): Promise<NoticeRecord | null>
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
