/**
 * The library's facts about notices held in process memory, beside a memory notice storage:
 * nothing survives a restart. An entry counts while the notice storage holds its notice.
 */
import type { LibraryEntry, LibraryStorage } from '../library-storage'
import { type NoticeStorage, UnknownNoticeError } from '../storage'

/** Creates an empty in-memory {@link LibraryStorage} for the notices of `notices`. */
export function createMemoryLibraryStorage(notices: Pick<NoticeStorage, 'getNotice'>): LibraryStorage {
  const entries = new Map<string, LibraryEntry>()
  let closed = false

  const open = (): void => {
    if (closed) throw new Error('The memory library storage is closed')
  }
  const copy = (entry: LibraryEntry): LibraryEntry => ({
    noticeId: entry.noticeId,
    origin: entry.origin ? { ...entry.origin } : null,
    archivedAt: entry.archivedAt,
    index: entry.index ? { ...entry.index } : null,
  })
  const live = async (noticeId: string): Promise<LibraryEntry | null> => {
    const entry = entries.get(noticeId)
    if (!entry) return null
    if ((await notices.getNotice(noticeId)) !== null) return entry
    entries.delete(noticeId)
    return null
  }
  const change = async (noticeId: string, write: (entry: LibraryEntry) => void): Promise<void> => {
    open()
    if ((await notices.getNotice(noticeId)) === null) throw new UnknownNoticeError(noticeId)
    const entry = (await live(noticeId)) ?? { noticeId, origin: null, archivedAt: null, index: null }
    write(entry)
    entries.set(noticeId, copy(entry))
  }

  return {
    setOrigin: (noticeId, origin) =>
      change(noticeId, (entry) => {
        entry.origin = { ...origin }
      }),
    setArchived: (noticeId, archivedAt) =>
      change(noticeId, (entry) => {
        entry.archivedAt = archivedAt
      }),
    putIndex: (noticeId, index) =>
      change(noticeId, (entry) => {
        entry.index = { ...index }
      }),
    async getEntry(noticeId) {
      open()
      const entry = await live(noticeId)
      return entry ? copy(entry) : null
    },
    async listEntries() {
      open()
      const found: LibraryEntry[] = []
      for (const noticeId of [...entries.keys()]) {
        const entry = await live(noticeId)
        if (entry) found.push(copy(entry))
      }
      return found
    },
    async close() {
      closed = true
    },
  }
}
