/**
 * Notice storage held in process memory: nothing survives a restart. It serves unit tests and
 * shows the storage contract in its simplest form.
 */
import {
  DuplicateNoticeError,
  type NewNotice,
  type NoticeRecord,
  type NoticeStorage,
  type StoredUpdate,
  UnknownNoticeError,
  type UpdateAppend,
} from '../storage'

type MemoryNotice = { record: NoticeRecord; log: StoredUpdate[]; lastSeq: number }

/** Options of `createMemoryStorage`. */
export type MemoryStorageOptions = {
  /** The clock, in milliseconds since the epoch (defaults to `Date.now`). */
  now?: () => number
}

/** Creates an empty in-memory `NoticeStorage`. */
export function createMemoryStorage(options: MemoryStorageOptions = {}): NoticeStorage {
  const now = options.now ?? Date.now
  const notices = new Map<string, MemoryNotice>()
  let closed = false

  const open = (): void => {
    if (closed) throw new Error('The memory storage is closed')
  }
  const copy = (record: NoticeRecord): NoticeRecord => ({ ...record })

  return {
    kind: 'memory',

    async createNotice(notice: NewNotice): Promise<NoticeRecord> {
      open()
      if (notices.has(notice.id)) throw new DuplicateNoticeError(notice.id)
      const time = now()
      const record: NoticeRecord = { id: notice.id, ...notice.summary, createdAt: time, updatedAt: time }
      notices.set(notice.id, { record, log: [{ seq: 1, bytes: notice.state.slice() }], lastSeq: 1 })
      return copy(record)
    },

    async listNotices(): Promise<NoticeRecord[]> {
      open()
      return [...notices.values()]
        .map((notice) => copy(notice.record))
        .sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id))
    },

    async getNotice(id: string): Promise<NoticeRecord | null> {
      open()
      const notice = notices.get(id)
      return notice ? copy(notice.record) : null
    },

    async loadUpdates(id: string): Promise<StoredUpdate[] | null> {
      open()
      const notice = notices.get(id)
      return notice ? notice.log.map((row) => ({ seq: row.seq, bytes: row.bytes.slice() })) : null
    },

    async loadUpdatesAfter(id: string, afterSeq: number): Promise<StoredUpdate[] | null> {
      open()
      const notice = notices.get(id)
      if (!notice) return null
      return notice.log
        .filter((row) => row.seq > afterSeq)
        .map((row) => ({ seq: row.seq, bytes: row.bytes.slice() }))
    },

    async appendUpdates(batch: readonly UpdateAppend[]): Promise<number[]> {
      open()
      // All or nothing, like a transaction: check every notice before touching any.
      for (const entry of batch) {
        if (!notices.has(entry.noticeId)) throw new UnknownNoticeError(entry.noticeId)
      }
      const time = now()
      return batch.map((entry) => {
        const notice = notices.get(entry.noticeId) as MemoryNotice
        notice.lastSeq += 1
        notice.log.push({ seq: notice.lastSeq, bytes: entry.update.slice() })
        notice.record.updatedAt = Math.max(notice.record.updatedAt, time)
        if (entry.summary) Object.assign(notice.record, entry.summary)
        return notice.lastSeq
      })
    },

    async compactUpdates(id: string, throughSeq: number, state: Uint8Array): Promise<void> {
      open()
      const notice = notices.get(id)
      if (!notice) throw new UnknownNoticeError(id)
      if (!notice.log.some((row) => row.seq === throughSeq)) {
        throw new RangeError(`Notice "${id}" has no update ${throughSeq} to compact through`)
      }
      const later = notice.log.filter((row) => row.seq > throughSeq)
      notice.log = [{ seq: throughSeq, bytes: state.slice() }, ...later]
    },

    async deleteNotice(id: string): Promise<boolean> {
      open()
      return notices.delete(id)
    },

    async close(): Promise<void> {
      closed = true
    },
  }
}
