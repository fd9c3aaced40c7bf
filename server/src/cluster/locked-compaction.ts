/**
 * Compaction when several instances hold the same notice: each counts only the rows it wrote,
 * so several may decide to compact at once. A Redis lock (`SET NX PX`) lets one of them do it
 * and the others skip instead of racing (the database's row lock would keep a race correct, but
 * the loser would have read and merged the whole log for nothing). Compaction never disturbs a
 * catch-up: the merged row keeps the seq of the last row it holds.
 */
import type { Logger } from 'pino'
import type { UpdateLog } from '../storage/update-log'
import { compactNoticeLog } from '../sync/compaction'
import type { RedisBus } from './redis-bus'

/** Options of {@link lockedCompaction}. */
export type LockedCompactionOptions = {
  bus: Pick<RedisBus, 'tryLock' | 'unlock'>
  storage: UpdateLog
  /** The Redis key prefix; the lock of notice `n` is `<prefix>:compact:<n>`. */
  prefix: string
  /** A log with no more rows than this was compacted by someone else meanwhile: left alone. */
  compactAfterRows: number
  logger: Logger
  /** How long a lock lives if its holder dies before releasing it (default 60 s). */
  lockTtlMs?: number
  /** How long a notice is not tried again after a skip (default 30 s). */
  retryAfterMs?: number
}

/**
 * A `compact` function for the room registry: merges a notice's log under the notice's Redis
 * lock, and resolves the rows merged, or 0 when it skipped (lock held elsewhere, Redis down, or
 * the log compacted meanwhile). A skipped notice is not tried again for `retryAfterMs`, so a room
 * that keeps counting rows another instance already merged costs nothing per write.
 */
export function lockedCompaction(options: LockedCompactionOptions): (noticeId: string) => Promise<number> {
  const { bus, storage, prefix, compactAfterRows } = options
  const lockTtlMs = options.lockTtlMs ?? 60_000
  const retryAfterMs = options.retryAfterMs ?? 30_000
  const notBefore = new Map<string, number>()

  const skip = (noticeId: string, why: string): number => {
    const now = Date.now()
    notBefore.set(noticeId, now + retryAfterMs)
    // Forget old entries now and then, so notices long gone do not pile up.
    if (notBefore.size > 1000) for (const [id, until] of notBefore) if (until < now) notBefore.delete(id)
    options.logger.debug({ noticeId, why }, 'compaction skipped')
    return 0
  }

  return async (noticeId) => {
    if ((notBefore.get(noticeId) ?? 0) > Date.now()) return 0
    const key = `${prefix}:compact:${noticeId}`
    const token = await bus.tryLock(key, lockTtlMs)
    if (token === null) return skip(noticeId, 'the lock is held elsewhere, or Redis is unavailable')
    try {
      const result = await compactNoticeLog(storage, noticeId, { minRows: compactAfterRows + 1 })
      if (result === null) return skip(noticeId, 'the log is short: another instance compacted it')
      notBefore.delete(noticeId)
      return result.mergedRows
    } finally {
      await bus.unlock(key, token)
    }
  }
}
