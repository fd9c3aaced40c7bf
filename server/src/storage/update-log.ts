/**
 * What a room needs from storage: a document's append-only log of Yjs V1 updates, numbered
 * 1, 2, 3 ... and compacted in place. A notice's text and its comments each have one;
 * `registerUpdateLogContractTests` holds every backend's logs to this.
 */
import type { NoticeSummary } from './storage'

/** One row of a log: a Yjs V1 update and its position in the log (1, 2, 3 ...). */
export type StoredUpdate = {
  seq: number
  bytes: Uint8Array
}

/**
 * One update to append to a document's log. `summary` is given by the rooms of a notice's text
 * when the update changed the summary fields, so the notices list stays in step with the
 * document in the same transaction; a log that has no summary (the comments) ignores it.
 */
export type UpdateAppend = {
  noticeId: string
  update: Uint8Array
  summary?: NoticeSummary
}

/**
 * The update logs of a set of documents, one per notice id: a document exists exactly while its
 * notice does. A resolved write is durable, a rejected write wrote nothing.
 */
export interface UpdateLog {
  /** A short name of the backend for logs, e.g. `sqlite`. */
  readonly kind: string
  /**
   * A document's log in ascending `seq` order (empty when nothing was appended yet), or null
   * when there is no notice with this id.
   */
  loadUpdates(id: string): Promise<StoredUpdate[] | null>
  /**
   * The rows of a log with `seq > afterSeq`, ascending, or null when there is no notice with this
   * id: how a server instance catches up with updates other instances stored. A row merged by
   * compaction holds every update through its seq, so the rows returned always bring a document
   * that held everything through `afterSeq` up to the last row.
   */
  loadUpdatesAfter(id: string, afterSeq: number): Promise<StoredUpdate[] | null>
  /**
   * Appends every update of `batch` in ONE transaction (group commit), in batch order, each
   * getting the next `seq` of its log (never one used before, even after compaction); resolves
   * the seq given to each entry, in batch order. All or nothing: if any notice is unknown
   * (`UnknownNoticeError`) or the write fails, nothing of the batch is stored. Seqs become
   * visible to readers in order: a reader that sees seq n sees every seq before it.
   */
  appendUpdates(batch: readonly UpdateAppend[]): Promise<number[]>
  /**
   * Replaces the rows with `seq <= throughSeq` by one row (`seq = throughSeq`) holding `state`,
   * which must contain all of them; rows after `throughSeq` are left untouched. Atomic. Rejects
   * if the notice is unknown or its log has no row `throughSeq` (`RangeError`).
   */
  compactUpdates(id: string, throughSeq: number, state: Uint8Array): Promise<void>
}
