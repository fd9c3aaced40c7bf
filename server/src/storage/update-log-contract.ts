/**
 * The one test suite every `UpdateLog` must pass, whatever document it logs (a notice's text or
 * its comments) and whatever the backend: call it from a backend's test file with a factory.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { Database } from './database'
import { UnknownNoticeError } from './storage'
import type { StoredUpdate, UpdateLog } from './update-log'

/** A fresh log under test, with the notices it belongs to. */
export type UpdateLogFixture = {
  log: UpdateLog
  /** Creates the notice `id`, so that its document exists (its log may start with rows). */
  createNotice(id: string): Promise<void>
  /** Deletes the notice `id` from the catalogue. */
  deleteNotice(id: string): Promise<void>
  /** Closes everything the fixture opened (and drops whatever the backend made for the test). */
  close(): Promise<void>
}

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values)

/** The seq after which `rows` ends: 0 for an empty log. */
const lastSeqOf = (rows: readonly StoredUpdate[]): number => rows[rows.length - 1]?.seq ?? 0

/**
 * The fixture of one log of `database`: the notices' text logs or their comments logs, over the
 * database's own notice catalogue. `close` closes the database unless another is given.
 */
export function databaseLogFixture(
  database: Database,
  which: 'notices' | 'comments',
  close: () => Promise<void> = () => database.close(),
): UpdateLogFixture {
  return {
    log: database[which],
    async createNotice(id) {
      await database.notices.createNotice({
        id,
        summary: { title: id, symbol: '', language: 'fr' },
        state: bytes(0, 0),
      })
    },
    async deleteNotice(id) {
      await database.notices.deleteNotice(id)
    },
    close,
  }
}

/** Registers the update log contract tests for `name`, built by `factory`. */
export function registerUpdateLogContractTests(name: string, factory: () => Promise<UpdateLogFixture>): void {
  describe(`${name} update log contract`, () => {
    let opened: UpdateLogFixture[] = []
    /** A fixture whose notices `a` and `b` exist, and the logs they start with. */
    const open = async () => {
      const fixture = await factory()
      opened.push(fixture)
      await fixture.createNotice('a')
      await fixture.createNotice('b')
      const initialA = (await fixture.log.loadUpdates('a')) ?? []
      const initialB = (await fixture.log.loadUpdates('b')) ?? []
      return { ...fixture, initialA, initialB, lastA: lastSeqOf(initialA), lastB: lastSeqOf(initialB) }
    }
    afterEach(async () => {
      for (const fixture of opened) await fixture.close()
      opened = []
    })

    it('answers null for a notice that does not exist, and for one deleted since', async () => {
      const { log, deleteNotice, initialA } = await open()
      expect(initialA).not.toBeNull()
      expect(await log.loadUpdates('ghost')).toBeNull()
      expect(await log.loadUpdatesAfter('ghost', 0)).toBeNull()
      await log.appendUpdates([{ noticeId: 'a', update: bytes(1) }])
      await deleteNotice('a')
      expect(await log.loadUpdates('a')).toBeNull()
      expect(await log.loadUpdatesAfter('a', 0)).toBeNull()
    })

    it('numbers each appended update on from the last seq of its log, across notices, in batch order', async () => {
      const { log, initialA, initialB, lastA, lastB } = await open()
      const seqs = await log.appendUpdates([
        { noticeId: 'a', update: bytes(1) },
        { noticeId: 'b', update: bytes(2) },
        { noticeId: 'a', update: bytes(3) },
      ])
      expect(seqs).toEqual([lastA + 1, lastB + 1, lastA + 2])
      expect(await log.loadUpdates('a')).toEqual([
        ...initialA,
        { seq: lastA + 1, bytes: bytes(1) },
        { seq: lastA + 2, bytes: bytes(3) },
      ])
      expect(await log.loadUpdates('b')).toEqual([...initialB, { seq: lastB + 1, bytes: bytes(2) }])
    })

    it('loads the rows after a seq, and none after the last one', async () => {
      const { log, lastA } = await open()
      await log.appendUpdates([1, 2, 3].map((value) => ({ noticeId: 'a', update: bytes(value) })))
      expect(await log.loadUpdatesAfter('a', lastA + 1)).toEqual([
        { seq: lastA + 2, bytes: bytes(2) },
        { seq: lastA + 3, bytes: bytes(3) },
      ])
      expect(await log.loadUpdatesAfter('a', lastA + 3)).toEqual([])
    })

    it('stores nothing of a batch that names an unknown notice', async () => {
      const { log, initialA } = await open()
      await expect(
        log.appendUpdates([
          { noticeId: 'a', update: bytes(1) },
          { noticeId: 'ghost', update: bytes(2) },
        ]),
      ).rejects.toBeInstanceOf(UnknownNoticeError)
      expect(await log.loadUpdates('a')).toEqual(initialA)
    })

    it('resolves an empty batch with no seqs and stores nothing', async () => {
      const { log, initialA } = await open()
      expect(await log.appendUpdates([])).toEqual([])
      expect(await log.loadUpdates('a')).toEqual(initialA)
    })

    it('compacts through a seq into one row, keeps the rows after it, and never reuses a seq', async () => {
      const { log, lastA } = await open()
      await log.appendUpdates([1, 2, 3].map((value) => ({ noticeId: 'a', update: bytes(value) })))
      await log.compactUpdates('a', lastA + 2, bytes(1, 2))
      expect(await log.loadUpdates('a')).toEqual([
        { seq: lastA + 2, bytes: bytes(1, 2) },
        { seq: lastA + 3, bytes: bytes(3) },
      ])
      // A catch-up from before the compaction gets the merged row, which holds what came before.
      expect(await log.loadUpdatesAfter('a', lastA + 1)).toEqual([
        { seq: lastA + 2, bytes: bytes(1, 2) },
        { seq: lastA + 3, bytes: bytes(3) },
      ])
      await log.compactUpdates('a', lastA + 3, bytes(1, 2, 3))
      expect(await log.appendUpdates([{ noticeId: 'a', update: bytes(4) }])).toEqual([lastA + 4])
    })

    it('refuses to compact through a seq that is not in its log, or an unknown notice, and changes nothing', async () => {
      const { log, lastA } = await open()
      await log.appendUpdates([{ noticeId: 'a', update: bytes(1) }])
      const before = await log.loadUpdates('a')
      await expect(log.compactUpdates('a', lastA + 7, bytes(0))).rejects.toBeInstanceOf(RangeError)
      await expect(log.compactUpdates('ghost', 1, bytes(0))).rejects.toBeInstanceOf(UnknownNoticeError)
      expect(await log.loadUpdates('a')).toEqual(before)
    })

    it('keeps its own copy of the bytes it is given and hands out copies', async () => {
      const { log, lastA } = await open()
      const update = bytes(1, 2, 3)
      await log.appendUpdates([{ noticeId: 'a', update }])
      update[0] = 9
      const first = await log.loadUpdatesAfter('a', lastA)
      const row = first?.[0]
      if (row) row.bytes[1] = 9
      expect(await log.loadUpdatesAfter('a', lastA)).toEqual([{ seq: lastA + 1, bytes: bytes(1, 2, 3) }])
    })
  })
}
