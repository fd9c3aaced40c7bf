/**
 * The comments documents seen through the `NoticeStorage` interface, so that the very same rooms,
 * writer, compaction and registry that serve a notice's text serve its comments: the log is the
 * notice's comments log, the "notice" exists exactly when the notice does. A notice nobody has
 * commented on yet has an empty log, read as one empty update (seq 0) so that it loads.
 */
import type { CommentStorage } from '../storage/comment-storage'
import type { NewNotice, NoticeRecord, NoticeStorage, StoredUpdate, UpdateAppend } from '../storage/storage'

/** A Yjs V1 update that changes nothing (no structs, empty delete set). */
const EMPTY_UPDATE = Uint8Array.of(0, 0)

const orEmpty = (log: StoredUpdate[] | null): StoredUpdate[] | null =>
  log === null ? null : log.length > 0 ? log : [{ seq: 0, bytes: EMPTY_UPDATE.slice() }]

/**
 * The comments logs of `comments` as a `NoticeStorage` whose notices are those of `notices`.
 * Notices are neither created nor listed through it, and closing it closes nothing (the server
 * closes both storages itself).
 */
export function commentsAsNoticeStorage(comments: CommentStorage, notices: NoticeStorage): NoticeStorage {
  const refuse = (operation: string): never => {
    throw new Error(`The comments storage does not ${operation}: use the notice storage`)
  }
  return {
    kind: `${comments.kind}-comments`,
    createNotice: async (_notice: NewNotice): Promise<NoticeRecord> => refuse('create notices'),
    listNotices: async (): Promise<NoticeRecord[]> => refuse('list notices'),
    getNotice: (id) => notices.getNotice(id),
    loadUpdates: async (id) => orEmpty(await comments.loadCommentUpdates(id)),
    loadUpdatesAfter: (id, afterSeq) => comments.loadCommentUpdatesAfter(id, afterSeq),
    appendUpdates: (batch: readonly UpdateAppend[]) =>
      comments.appendCommentUpdates(
        batch.map((entry) => ({ noticeId: entry.noticeId, update: entry.update })),
      ),
    compactUpdates: (id, throughSeq, state) => comments.compactCommentUpdates(id, throughSeq, state),
    deleteNotice: (id) => comments.deleteCommentUpdates(id),
    close: async () => {},
  }
}
