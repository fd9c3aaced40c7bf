/**
 * The errors of opening a notice: it does not exist, or its stored log cannot be read. Both
 * name the notice; the HTTP layer and the websocket gateway map them to a status or close code.
 */

/** There is no notice with this id (never created, or deleted). */
export class NoticeNotFoundError extends Error {
  /** The id that was asked for. */
  readonly noticeId: string
  constructor(noticeId: string) {
    super(`There is no notice with id "${noticeId}"`)
    this.name = 'NoticeNotFoundError'
    this.noticeId = noticeId
  }
}

/**
 * A stored notice whose update log does not load (a corrupt row). The notice is left exactly as
 * stored: nothing is written over it, and it refuses edits until its storage is repaired.
 */
export class NoticeLoadError extends Error {
  /** The notice that failed to load. */
  readonly noticeId: string
  /** The log row that failed, when one is to blame. */
  readonly seq: number | undefined
  constructor(noticeId: string, seq: number | undefined, options: ErrorOptions) {
    super(
      seq === undefined
        ? `Notice "${noticeId}" could not be loaded from storage`
        : `Notice "${noticeId}" could not be loaded from storage: its stored update ${seq} is unreadable`,
      options,
    )
    this.name = 'NoticeLoadError'
    this.noticeId = noticeId
    this.seq = seq
  }
}
