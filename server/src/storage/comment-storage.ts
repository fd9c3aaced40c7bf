/**
 * The comments logs: each notice's comments document has its own update log (see update-log.ts),
 * beside (never inside) the notice's text log, and deleted with the notice. Every backend runs
 * `registerUpdateLogContractTests` on it.
 */
import type { UpdateLog } from './update-log'

/**
 * Durable storage of comments logs: an {@link UpdateLog} per notice (empty until someone
 * comments), whose seqs start at 1.
 */
export interface CommentStorage extends UpdateLog {
  /** Deletes a notice's comments log; resolves false when it had none. */
  deleteUpdates(noticeId: string): Promise<boolean>
  /** Releases the backend's resources. */
  close(): Promise<void>
}
