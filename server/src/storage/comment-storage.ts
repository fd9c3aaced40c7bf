/**
 * The narrow interface behind each notice's comments document: its own append-only log of Yjs V1
 * updates, beside (never inside) the notice's text log, and deleted with the notice. Every backend
 * implements exactly this; `registerCommentStorageContractTests` holds each to it.
 */
import type { StoredUpdate } from './storage'

/** One update to append to a notice's comments log. */
export type CommentUpdateAppend = { noticeId: string; update: Uint8Array }

/** Durable storage of comments logs. A resolved write is durable; a rejected one wrote nothing. */
export interface CommentStorage {
  /** A short name of the backend, e.g. `sqlite`. */
  readonly kind: string
  /**
   * A notice's comments log in ascending `seq` order (empty when nobody has commented yet), or null
   * when there is no notice with this id.
   */
  loadCommentUpdates(noticeId: string): Promise<StoredUpdate[] | null>
  /** The rows with `seq > afterSeq`, in order; null when there is no notice with this id. */
  loadCommentUpdatesAfter(noticeId: string, afterSeq: number): Promise<StoredUpdate[] | null>
  /**
   * Appends every update of `batch` in one transaction, in order, each getting the next `seq` of
   * its notice's comments log (1, 2, 3 ...); resolves those seqs in batch order. All or nothing:
   * rejects with `UnknownNoticeError` if a notice does not exist, and nothing is stored.
   */
  appendCommentUpdates(batch: readonly CommentUpdateAppend[]): Promise<number[]>
  /**
   * Replaces the rows with `seq <= throughSeq` by one row `throughSeq` holding `state`. Atomic;
   * rejects if the notice is unknown or has no row `throughSeq`.
   */
  compactCommentUpdates(noticeId: string, throughSeq: number, state: Uint8Array): Promise<void>
  /** Deletes a notice's comments log; resolves false when it had none. */
  deleteCommentUpdates(noticeId: string): Promise<boolean>
  /** Releases the backend's resources. */
  close(): Promise<void>
}
