/**
 * Revision storage held in process memory, next to the memory notice storage: nothing survives a
 * restart. It serves unit tests and shows the revision contract in its simplest form.
 */
import {
  DuplicateRevisionLabelError,
  FrozenRevisionError,
  type NewRevision,
  type RevisionRecord,
  type RevisionStorage,
  UnknownRevisionError,
} from '../revision-storage'
import { type NoticeStorage, UnknownNoticeError } from '../storage'

/** Options of {@link createMemoryRevisionStorage}. */
export type MemoryRevisionStorageOptions = {
  /** The notices the revisions belong to (asked whether a notice exists). */
  notices: Pick<NoticeStorage, 'getNotice'>
  /** The clock, in milliseconds since the epoch (defaults to `Date.now`). */
  now?: () => number
}

type MemoryNoticeRevisions = {
  lastRev: number
  revisions: RevisionRecord[]
  blobs: Map<string, Uint8Array>
}

/** Creates an empty in-memory {@link RevisionStorage}. */
export function createMemoryRevisionStorage(options: MemoryRevisionStorageOptions): RevisionStorage {
  const now = options.now ?? Date.now
  const byNotice = new Map<string, MemoryNoticeRevisions>()
  let closed = false

  const open = (): void => {
    if (closed) throw new Error('The memory revision storage is closed')
  }
  const copy = (record: RevisionRecord): RevisionRecord => ({ ...record })
  const find = (noticeId: string, rev: number): RevisionRecord | undefined =>
    byNotice.get(noticeId)?.revisions.find((record) => record.rev === rev)
  const existing = (noticeId: string, rev: number): RevisionRecord => {
    const record = find(noticeId, rev)
    if (!record) throw new UnknownRevisionError(noticeId, rev)
    return record
  }

  return {
    async addRevision(revision: NewRevision): Promise<RevisionRecord | null> {
      open()
      if (!(await options.notices.getNotice(revision.noticeId))) {
        throw new UnknownNoticeError(revision.noticeId)
      }
      const notice: MemoryNoticeRevisions = byNotice.get(revision.noticeId) ?? {
        lastRev: 0,
        revisions: [],
        blobs: new Map(),
      }
      const latest = notice.revisions.at(-1)
      if (revision.onlyIfChanged && latest?.hash === revision.hash) return null
      if (revision.frozen) {
        if (revision.label === null) throw new RangeError('A frozen revision needs a label')
        if (notice.revisions.some((record) => record.frozen && record.label === revision.label)) {
          throw new DuplicateRevisionLabelError(revision.noticeId, revision.label)
        }
      }
      if (!notice.blobs.has(revision.blobKey)) notice.blobs.set(revision.blobKey, revision.state.slice())
      notice.lastRev += 1
      const record: RevisionRecord = {
        noticeId: revision.noticeId,
        rev: notice.lastRev,
        kind: revision.kind,
        label: revision.label,
        frozen: revision.frozen,
        hash: revision.hash,
        blobKey: revision.blobKey,
        author: revision.author,
        createdAt: now(),
      }
      notice.revisions.push(record)
      byNotice.set(revision.noticeId, notice)
      return copy(record)
    },

    async listRevisions(noticeId: string): Promise<RevisionRecord[]> {
      open()
      return [...(byNotice.get(noticeId)?.revisions ?? [])].reverse().map(copy)
    },

    async getRevision(noticeId: string, rev: number): Promise<RevisionRecord | null> {
      open()
      const record = find(noticeId, rev)
      return record ? copy(record) : null
    },

    async latestRevision(noticeId: string): Promise<RevisionRecord | null> {
      open()
      const record = byNotice.get(noticeId)?.revisions.at(-1)
      return record ? copy(record) : null
    },

    async loadRevisionState(noticeId: string, rev: number): Promise<Uint8Array | null> {
      open()
      const record = find(noticeId, rev)
      const blob = record ? byNotice.get(noticeId)?.blobs.get(record.blobKey) : undefined
      return blob ? blob.slice() : null
    },

    async labelRevision(noticeId: string, rev: number, label: string | null): Promise<RevisionRecord> {
      open()
      const record = existing(noticeId, rev)
      if (record.frozen) throw new FrozenRevisionError(noticeId, rev)
      record.label = label
      return copy(record)
    },

    async freezeRevision(noticeId: string, rev: number, label: string): Promise<RevisionRecord> {
      open()
      const record = existing(noticeId, rev)
      if (record.frozen) throw new FrozenRevisionError(noticeId, rev)
      const revisions = byNotice.get(noticeId)?.revisions ?? []
      if (revisions.some((other) => other.frozen && other.label === label)) {
        throw new DuplicateRevisionLabelError(noticeId, label)
      }
      record.frozen = true
      record.label = label
      return copy(record)
    },

    async deleteRevision(noticeId: string, rev: number): Promise<boolean> {
      open()
      const notice = byNotice.get(noticeId)
      const record = find(noticeId, rev)
      if (!notice || !record) return false
      if (record.frozen) throw new FrozenRevisionError(noticeId, rev)
      notice.revisions = notice.revisions.filter((other) => other !== record)
      if (!notice.revisions.some((other) => other.blobKey === record.blobKey)) {
        notice.blobs.delete(record.blobKey)
      }
      return true
    },

    async countBlobs(noticeId: string): Promise<number> {
      open()
      return byNotice.get(noticeId)?.blobs.size ?? 0
    },

    async close(): Promise<void> {
      closed = true
    },
  }
}
