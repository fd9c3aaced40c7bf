/**
 * Comments logs held in process memory, beside a memory notice storage: nothing survives a
 * restart. A notice "exists" when the notice storage it was given holds it.
 */
import type { CommentStorage } from '../comment-storage'
import { type NoticeStorage, type StoredUpdate, UnknownNoticeError } from '../storage'
import type { UpdateAppend } from '../update-log'

/** Creates an empty in-memory {@link CommentStorage} for the notices of `notices`. */
export function createMemoryCommentStorage(notices: Pick<NoticeStorage, 'getNotice'>): CommentStorage {
  const logs = new Map<string, StoredUpdate[]>()
  const lastSeq = new Map<string, number>()
  let closed = false

  const open = (): void => {
    if (closed) throw new Error('The memory comment storage is closed')
  }
  const exists = async (noticeId: string): Promise<boolean> => (await notices.getNotice(noticeId)) !== null

  async function load(noticeId: string, afterSeq: number): Promise<StoredUpdate[] | null> {
    open()
    if (!(await exists(noticeId))) return null
    return (logs.get(noticeId) ?? [])
      .filter((row) => row.seq > afterSeq)
      .map((row) => ({ seq: row.seq, bytes: row.bytes.slice() }))
  }

  return {
    kind: 'memory',

    loadUpdates: (noticeId) => load(noticeId, 0),

    loadUpdatesAfter: load,

    async appendUpdates(batch: readonly UpdateAppend[]) {
      open()
      for (const entry of batch) {
        if (!(await exists(entry.noticeId))) throw new UnknownNoticeError(entry.noticeId)
      }
      return batch.map((entry) => {
        const seq = (lastSeq.get(entry.noticeId) ?? 0) + 1
        lastSeq.set(entry.noticeId, seq)
        const log = logs.get(entry.noticeId) ?? []
        log.push({ seq, bytes: entry.update.slice() })
        logs.set(entry.noticeId, log)
        return seq
      })
    },

    async compactUpdates(noticeId, throughSeq, state) {
      open()
      if (!(await exists(noticeId))) throw new UnknownNoticeError(noticeId)
      const log = logs.get(noticeId) ?? []
      if (!log.some((row) => row.seq === throughSeq)) {
        throw new RangeError(
          `The comments of notice "${noticeId}" have no update ${throughSeq} to compact through`,
        )
      }
      logs.set(noticeId, [
        { seq: throughSeq, bytes: state.slice() },
        ...log.filter((row) => row.seq > throughSeq),
      ])
    },

    async deleteUpdates(noticeId) {
      open()
      lastSeq.delete(noticeId)
      return logs.delete(noticeId)
    },

    async close() {
      closed = true
    },
  }
}
