/**
 * Rebuilding a notice's Yjs document from its stored update log. Shared by the rooms (which keep
 * the document live) and by reads and compaction (which throw it away afterwards).
 */
import { newNoticeYDoc } from '@convene/schema'
import * as Y from 'yjs'
import type { StoredUpdate, UpdateLog } from '../storage/update-log'
import { NoticeLoadError, NoticeNotFoundError } from './notice-errors'

/** A notice's document as loaded from storage, with the log it was built from. */
export type LoadedNoticeDoc = {
  doc: Y.Doc
  /** The number of rows in the log. */
  rows: number
  /** The seq of the last row. */
  lastSeq: number
}

/**
 * Applies the stored `log` to a fresh document (with its own fresh client id); an empty log (a
 * comments document nobody has written to yet) gives an empty document at seq 0. Throws
 * {@link NoticeLoadError} naming the first row that does not apply; the half-built document is
 * destroyed, never returned.
 */
export function docFromLog(noticeId: string, log: readonly StoredUpdate[]): LoadedNoticeDoc {
  const doc = newNoticeYDoc()
  let current: StoredUpdate | undefined
  try {
    doc.transact(() => {
      for (const row of log) {
        current = row
        Y.applyUpdate(doc, row.bytes)
      }
    })
  } catch (cause) {
    doc.destroy()
    throw new NoticeLoadError(noticeId, current?.seq, { cause })
  }
  return { doc, rows: log.length, lastSeq: log[log.length - 1]?.seq ?? 0 }
}

/**
 * Loads notice `noticeId` from `storage`. Throws {@link NoticeNotFoundError} if there is no such
 * notice and {@link NoticeLoadError} if its log does not load.
 */
export async function loadNoticeDoc(storage: UpdateLog, noticeId: string): Promise<LoadedNoticeDoc> {
  let log: StoredUpdate[] | null
  try {
    log = await storage.loadUpdates(noticeId)
  } catch (cause) {
    throw new NoticeLoadError(noticeId, undefined, { cause })
  }
  if (log === null) throw new NoticeNotFoundError(noticeId)
  return docFromLog(noticeId, log)
}
