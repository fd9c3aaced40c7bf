/**
 * The one test suite every `LibraryStorage` backend must pass: call it from a backend's test file
 * with a factory.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { LibraryStorage } from './library-storage'
import { type NoticeStorage, UnknownNoticeError } from './storage'

/** A fresh, empty library storage beside the notice storage it belongs with. */
export type LibraryStorages = {
  notices: NoticeStorage
  library: LibraryStorage
  /** Closes both (and drops whatever the backend made for the test). */
  close(): Promise<void>
}

const newNotice = (id: string) => ({
  id,
  summary: { title: id, symbol: '', language: 'en' },
  state: Uint8Array.of(0, 0),
})

/** Registers the library storage contract tests for backend `name`. */
export function registerLibraryStorageContractTests(
  name: string,
  factory: () => Promise<LibraryStorages>,
): void {
  describe(`${name} library storage contract`, () => {
    let opened: LibraryStorages[] = []
    const open = async (): Promise<LibraryStorages> => {
      const storages = await factory()
      opened.push(storages)
      await storages.notices.createNotice(newNotice('n1'))
      await storages.notices.createNotice(newNotice('n2'))
      return storages
    }
    afterEach(async () => {
      for (const storages of opened) await storages.close()
      opened = []
    })

    it('has no entry for a notice nothing was written about', async () => {
      const { library } = await open()
      expect(await library.getEntry('n1')).toBeNull()
      expect(await library.listEntries()).toEqual([])
    })

    it('keeps the origin, the archive time and the index of a notice, each write leaving the others', async () => {
      const { library } = await open()
      await library.setOrigin('n2', { notice: 'n1', revision: 3 })
      await library.setArchived('n2', 5000)
      await library.putIndex('n2', {
        indexedAt: 7000,
        organisation: 'WTO',
        meetingDate: '2024-06-18',
        text: 'Ordre',
      })
      expect(await library.getEntry('n2')).toEqual({
        noticeId: 'n2',
        origin: { notice: 'n1', revision: 3 },
        archivedAt: 5000,
        index: { indexedAt: 7000, organisation: 'WTO', meetingDate: '2024-06-18', text: 'Ordre' },
      })
      await library.setArchived('n2', null)
      await library.putIndex('n2', { indexedAt: 8000, organisation: 'WIPO', meetingDate: '', text: 'autre' })
      expect(await library.getEntry('n2')).toEqual({
        noticeId: 'n2',
        origin: { notice: 'n1', revision: 3 },
        archivedAt: null,
        index: { indexedAt: 8000, organisation: 'WIPO', meetingDate: '', text: 'autre' },
      })
      await library.setOrigin('n1', { notice: 'n2', revision: null })
      const entries = await library.listEntries()
      expect(entries.map((entry) => entry.noticeId).sort()).toEqual(['n1', 'n2'])
      expect(entries.find((entry) => entry.noticeId === 'n1')).toEqual({
        noticeId: 'n1',
        origin: { notice: 'n2', revision: null },
        archivedAt: null,
        index: null,
      })
    })

    it('refuses to write about a notice that is not stored', async () => {
      const { library } = await open()
      await expect(library.setArchived('ghost', 1)).rejects.toBeInstanceOf(UnknownNoticeError)
      await expect(library.setOrigin('ghost', { notice: 'n1', revision: null })).rejects.toBeInstanceOf(
        UnknownNoticeError,
      )
      expect(await library.listEntries()).toEqual([])
    })

    it('forgets the entry of a deleted notice', async () => {
      const { notices, library } = await open()
      await library.setArchived('n1', 1)
      await library.setArchived('n2', 2)
      await notices.deleteNotice('n1')
      expect(await library.getEntry('n1')).toBeNull()
      expect((await library.listEntries()).map((entry) => entry.noticeId)).toEqual(['n2'])
    })
  })
}
