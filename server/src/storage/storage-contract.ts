/**
 * The one test suite every `NoticeStorage` backend must pass (tldraw's
 * `registerStorageContractTests`): call it from a backend's test file with a factory.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DuplicateNoticeError, type NoticeStorage, type NoticeSummary, UnknownNoticeError } from './storage'

/** A controllable clock handed to the backend under test. */
export type TestClock = { now: () => number; advance: (ms: number) => void }

/** Makes a fresh, empty storage reading time from `clock`. */
export type StorageFactory = (clock: TestClock) => Promise<NoticeStorage>

const summary = (title: string): NoticeSummary => ({ title, symbol: 'INF/MSME/4', language: 'fr' })
const bytes = (...values: number[]): Uint8Array => new Uint8Array(values)

/** Registers the storage contract tests for the backend `name`, built by `factory`. */
export function registerStorageContractTests(name: string, factory: StorageFactory): void {
  describe(`${name} storage contract`, () => {
    let opened: NoticeStorage[] = []
    let time = 1_700_000_000_000
    const clock: TestClock = {
      now: () => time,
      advance: (ms) => {
        time += ms
      },
    }
    const open = async (): Promise<NoticeStorage> => {
      const storage = await factory(clock)
      opened.push(storage)
      return storage
    }

    afterEach(async () => {
      for (const storage of opened) await storage.close()
      opened = []
    })

    it('stores a new notice with its summary and its initial state as update 1', async () => {
      const storage = await open()
      const record = await storage.createNotice({
        id: 'n1',
        summary: summary('Réunion'),
        state: bytes(1, 2, 3),
      })
      expect(record).toEqual({
        id: 'n1',
        title: 'Réunion',
        symbol: 'INF/MSME/4',
        language: 'fr',
        createdAt: time,
        updatedAt: time,
      })
      expect(await storage.getNotice('n1')).toEqual(record)
      expect(await storage.loadUpdates('n1')).toEqual([{ seq: 1, bytes: bytes(1, 2, 3) }])
    })

    it('refuses a second notice with the same id and keeps the first one unchanged', async () => {
      const storage = await open()
      await storage.createNotice({ id: 'n1', summary: summary('First'), state: bytes(1) })
      await expect(
        storage.createNotice({ id: 'n1', summary: summary('Second'), state: bytes(2) }),
      ).rejects.toBeInstanceOf(DuplicateNoticeError)
      expect((await storage.getNotice('n1'))?.title).toBe('First')
      expect(await storage.loadUpdates('n1')).toEqual([{ seq: 1, bytes: bytes(1) }])
    })

    it('answers null for a notice it does not hold', async () => {
      const storage = await open()
      expect(await storage.getNotice('missing')).toBeNull()
      expect(await storage.loadUpdates('missing')).toBeNull()
    })

    it('appends a batch spanning notices in order, numbering each notice’s log on from its last update', async () => {
      const storage = await open()
      await storage.createNotice({ id: 'a', summary: summary('A'), state: bytes(10) })
      await storage.createNotice({ id: 'b', summary: summary('B'), state: bytes(20) })
      await storage.appendUpdates([
        { noticeId: 'a', update: bytes(11) },
        { noticeId: 'b', update: bytes(21) },
        { noticeId: 'a', update: bytes(12) },
      ])
      await storage.appendUpdates([{ noticeId: 'a', update: bytes(13) }])
      expect(await storage.loadUpdates('a')).toEqual([
        { seq: 1, bytes: bytes(10) },
        { seq: 2, bytes: bytes(11) },
        { seq: 3, bytes: bytes(12) },
        { seq: 4, bytes: bytes(13) },
      ])
      expect(await storage.loadUpdates('b')).toEqual([
        { seq: 1, bytes: bytes(20) },
        { seq: 2, bytes: bytes(21) },
      ])
    })

    it('resolves the seq it gave each entry of a batch, in batch order', async () => {
      const storage = await open()
      await storage.createNotice({ id: 'a', summary: summary('A'), state: bytes(10) })
      await storage.createNotice({ id: 'b', summary: summary('B'), state: bytes(20) })
      expect(
        await storage.appendUpdates([
          { noticeId: 'a', update: bytes(11) },
          { noticeId: 'b', update: bytes(21) },
          { noticeId: 'a', update: bytes(12) },
        ]),
      ).toEqual([2, 2, 3])
      expect(await storage.appendUpdates([{ noticeId: 'a', update: bytes(13) }])).toEqual([4])
      expect(await storage.appendUpdates([])).toEqual([])
    })

    it('loads the rows after a seq, none when it is the last, and null for an unknown notice', async () => {
      const storage = await open()
      await storage.createNotice({ id: 'a', summary: summary('A'), state: bytes(10) })
      await storage.appendUpdates([
        { noticeId: 'a', update: bytes(11) },
        { noticeId: 'a', update: bytes(12) },
      ])
      expect(await storage.loadUpdatesAfter('a', 1)).toEqual([
        { seq: 2, bytes: bytes(11) },
        { seq: 3, bytes: bytes(12) },
      ])
      expect(await storage.loadUpdatesAfter('a', 0)).toEqual(await storage.loadUpdates('a'))
      expect(await storage.loadUpdatesAfter('a', 3)).toEqual([])
      expect(await storage.loadUpdatesAfter('ghost', 0)).toBeNull()
    })

    it('answers a catch-up across a compaction with the merged row, which holds what came before', async () => {
      const storage = await open()
      await storage.createNotice({ id: 'a', summary: summary('A'), state: bytes(1) })
      await storage.appendUpdates([
        { noticeId: 'a', update: bytes(2) },
        { noticeId: 'a', update: bytes(3) },
        { noticeId: 'a', update: bytes(4) },
      ])
      await storage.compactUpdates('a', 3, bytes(1, 2, 3))
      expect(await storage.loadUpdatesAfter('a', 1)).toEqual([
        { seq: 3, bytes: bytes(1, 2, 3) },
        { seq: 4, bytes: bytes(4) },
      ])
      expect(await storage.loadUpdatesAfter('a', 3)).toEqual([{ seq: 4, bytes: bytes(4) }])
    })

    it('stores nothing of a batch that names an unknown notice', async () => {
      const storage = await open()
      await storage.createNotice({ id: 'a', summary: summary('A'), state: bytes(10) })
      const before = await storage.getNotice('a')
      clock.advance(1000)
      await expect(
        storage.appendUpdates([
          { noticeId: 'a', update: bytes(11), summary: summary('Changed') },
          { noticeId: 'ghost', update: bytes(99) },
        ]),
      ).rejects.toBeInstanceOf(UnknownNoticeError)
      expect(await storage.loadUpdates('a')).toEqual([{ seq: 1, bytes: bytes(10) }])
      expect(await storage.getNotice('a')).toEqual(before)
      expect(await storage.getNotice('ghost')).toBeNull()
    })

    it('resolves an empty batch without changing anything', async () => {
      const storage = await open()
      await storage.createNotice({ id: 'a', summary: summary('A'), state: bytes(10) })
      await storage.appendUpdates([])
      expect(await storage.loadUpdates('a')).toHaveLength(1)
    })

    it('moves updatedAt forward on append and copies a changed summary into the record', async () => {
      const storage = await open()
      const created = await storage.createNotice({ id: 'a', summary: summary('Old'), state: bytes(1) })
      clock.advance(5000)
      await storage.appendUpdates([{ noticeId: 'a', update: bytes(2) }])
      const touched = await storage.getNotice('a')
      expect(touched?.updatedAt).toBe(created.updatedAt + 5000)
      expect(touched?.title).toBe('Old')
      clock.advance(5000)
      await storage.appendUpdates([
        {
          noticeId: 'a',
          update: bytes(3),
          summary: { title: 'New', symbol: 'WT/MIN(24)/9', language: 'en' },
        },
      ])
      expect(await storage.getNotice('a')).toEqual({
        id: 'a',
        title: 'New',
        symbol: 'WT/MIN(24)/9',
        language: 'en',
        createdAt: created.createdAt,
        updatedAt: created.updatedAt + 10_000,
      })
    })

    it('lists notices most recently updated first', async () => {
      const storage = await open()
      await storage.createNotice({ id: 'old', summary: summary('Old'), state: bytes(1) })
      clock.advance(10)
      await storage.createNotice({ id: 'new', summary: summary('New'), state: bytes(1) })
      expect((await storage.listNotices()).map((record) => record.id)).toEqual(['new', 'old'])
      clock.advance(10)
      await storage.appendUpdates([{ noticeId: 'old', update: bytes(2) }])
      const list = await storage.listNotices()
      expect(list.map((record) => record.id)).toEqual(['old', 'new'])
      expect(list[0]?.title).toBe('Old')
    })

    it('replaces the log through a seq by one merged row and keeps the updates after it', async () => {
      const storage = await open()
      await storage.createNotice({ id: 'a', summary: summary('A'), state: bytes(1) })
      await storage.appendUpdates([
        { noticeId: 'a', update: bytes(2) },
        { noticeId: 'a', update: bytes(3) },
        { noticeId: 'a', update: bytes(4) },
      ])
      await storage.compactUpdates('a', 3, bytes(1, 2, 3))
      expect(await storage.loadUpdates('a')).toEqual([
        { seq: 3, bytes: bytes(1, 2, 3) },
        { seq: 4, bytes: bytes(4) },
      ])
      await storage.appendUpdates([{ noticeId: 'a', update: bytes(5) }])
      expect((await storage.loadUpdates('a'))?.map((row) => row.seq)).toEqual([3, 4, 5])
    })

    it('refuses to compact through a seq that is not in the log and leaves the log as it was', async () => {
      const storage = await open()
      await storage.createNotice({ id: 'a', summary: summary('A'), state: bytes(1) })
      await storage.appendUpdates([{ noticeId: 'a', update: bytes(2) }])
      await expect(storage.compactUpdates('a', 7, bytes(9))).rejects.toThrow(/no update 7/)
      await expect(storage.compactUpdates('ghost', 1, bytes(9))).rejects.toBeInstanceOf(UnknownNoticeError)
      expect(await storage.loadUpdates('a')).toEqual([
        { seq: 1, bytes: bytes(1) },
        { seq: 2, bytes: bytes(2) },
      ])
    })

    it('deletes a notice with its log and reports whether there was one', async () => {
      const storage = await open()
      await storage.createNotice({ id: 'a', summary: summary('A'), state: bytes(1) })
      await storage.createNotice({ id: 'b', summary: summary('B'), state: bytes(1) })
      expect(await storage.deleteNotice('a')).toBe(true)
      expect(await storage.deleteNotice('a')).toBe(false)
      expect(await storage.getNotice('a')).toBeNull()
      expect(await storage.loadUpdates('a')).toBeNull()
      expect((await storage.listNotices()).map((record) => record.id)).toEqual(['b'])
      await expect(storage.appendUpdates([{ noticeId: 'a', update: bytes(2) }])).rejects.toBeInstanceOf(
        UnknownNoticeError,
      )
    })

    it('lets a deleted id be used again for a new notice that starts at update 1', async () => {
      const storage = await open()
      await storage.createNotice({ id: 'a', summary: summary('A'), state: bytes(1) })
      await storage.appendUpdates([{ noticeId: 'a', update: bytes(2) }])
      await storage.deleteNotice('a')
      await storage.createNotice({ id: 'a', summary: summary('A2'), state: bytes(7) })
      expect(await storage.loadUpdates('a')).toEqual([{ seq: 1, bytes: bytes(7) }])
    })

    it('keeps its own copy of the bytes it is given and hands out copies', async () => {
      const storage = await open()
      const state = bytes(1, 2)
      await storage.createNotice({ id: 'a', summary: summary('A'), state })
      const update = bytes(3)
      await storage.appendUpdates([{ noticeId: 'a', update }])
      state[0] = 99
      update[0] = 99
      const loaded = await storage.loadUpdates('a')
      expect(loaded).toEqual([
        { seq: 1, bytes: bytes(1, 2) },
        { seq: 2, bytes: bytes(3) },
      ])
      ;(loaded?.[0]?.bytes as Uint8Array)[0] = 42
      expect((await storage.loadUpdates('a'))?.[0]?.bytes).toEqual(bytes(1, 2))
    })
  })
}
