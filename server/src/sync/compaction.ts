/**
 * Compaction of a notice's update log: the rows read at one moment are merged into one state
 * row, in one transaction that leaves every row appended meanwhile untouched. A log that does
 * not load is left as it is.
 */
import * as Y from 'yjs'
import type { UpdateLog } from '../storage/update-log'
import { docFromLog } from './notice-doc'

/** What one compaction did. */
export type CompactionResult = {
  /** The rows merged into one. */
  mergedRows: number
  /** The seq of the merged row (the last row that was merged). */
  throughSeq: number
}

/**
 * Merges notice `noticeId`'s whole current log into one row. Resolves null when there is nothing
 * to merge (fewer than two rows, or fewer than `minRows`, or the notice is gone); throws, having
 * written nothing, when the log does not load.
 */
export async function compactNoticeLog(
  storage: UpdateLog,
  noticeId: string,
  options: { minRows?: number } = {},
): Promise<CompactionResult | null> {
  const log = await storage.loadUpdates(noticeId)
  if (log === null || log.length < Math.max(2, options.minRows ?? 0)) return null
  const { doc, lastSeq } = docFromLog(noticeId, log)
  let state: Uint8Array
  try {
    state = Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
  await storage.compactUpdates(noticeId, lastSeq, state)
  return { mergedRows: log.length, throughSeq: lastSeq }
}
