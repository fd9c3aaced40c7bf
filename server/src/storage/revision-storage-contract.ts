/**
 * The one test suite every `RevisionStorage` backend must pass: call it from a backend's test file
 * with a factory that opens a notice storage and the revision storage sharing its database.
 */
import { afterEach, describe, expect, it } from 'vitest'
import {
  DuplicateRevisionLabelError,
  FrozenRevisionError,
  type NewRevision,
  type RevisionStorage,
  UnknownRevisionError,
} from './revision-storage'
import { type NoticeStorage, UnknownNoticeError } from './storage'
import type { TestClock } from './storage-contract'

/** A notice storage and the revision storage on the same database. */
export type RevisionStoragePair = { notices: NoticeStorage; revisions: RevisionStorage }

/** Makes a fresh, empty pair reading time from `clock`; closing `notices` releases the database. */
export type RevisionStorageFactory = (clock: TestClock) => Promise<RevisionStoragePair>

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values)

/** A revision of notice `noticeId` whose content hash and blob key are `hash` (state: `state`). */
const revision = (
  noticeId: string,
  hash: string,
  state: Uint8Array = bytes(1),
  extra: Partial<NewRevision> = {},
): NewRevision => ({
  noticeId,
  kind: 'auto',
  label: null,
  frozen: false,
  hash,
  blobKey: hash,
  state,
  author: null,
  ...extra,
})

/** Registers the revision storage contract tests for the backend `name`, built by `factory`. */
export function registerRevisionStorageContractTests(name: string, factory: RevisionStorageFactory): void {
  describe(`${name} revision storage contract`, () => {
    let opened: RevisionStoragePair[] = []
    let time = 1_700_000_000_000
    const clock: TestClock = {
      now: () => time,
      advance: (ms) => {
        time += ms
      },
    }
    /** A fresh pair holding notices `a` and `b`. */
    const open = async (): Promise<RevisionStoragePair> => {
      const pair = await factory(clock)
      opened.push(pair)
      for (const id of ['a', 'b']) {
        await pair.notices.createNotice({
          id,
          summary: { title: id, symbol: '', language: 'fr' },
          state: bytes(0),
        })
      }
      return pair
    }

    afterEach(async () => {
      for (const pair of opened) {
        await pair.revisions.close()
        await pair.notices.close()
      }
      opened = []
    })

    it('numbers each notice’s revisions from 1 and lists them newest first', async () => {
      const { revisions } = await open()
      const first = await revisions.addRevision(revision('a', 'h1', bytes(1), { author: 'ana' }))
      clock.advance(1000)
      await revisions.addRevision(revision('b', 'h9'))
      const second = await revisions.addRevision(
        revision('a', 'h2', bytes(2), { kind: 'named', label: 'Avant la réunion' }),
      )
      expect(first).toEqual({
        noticeId: 'a',
        rev: 1,
        kind: 'auto',
        label: null,
        frozen: false,
        hash: 'h1',
        blobKey: 'h1',
        author: 'ana',
        createdAt: time - 1000,
      })
      expect(second).toMatchObject({ rev: 2, kind: 'named', label: 'Avant la réunion', createdAt: time })
      expect((await revisions.listRevisions('a')).map((record) => record.rev)).toEqual([2, 1])
      expect(await revisions.listRevisions('b')).toEqual([expect.objectContaining({ rev: 1, hash: 'h9' })])
      expect(await revisions.getRevision('a', 1)).toEqual(first)
      expect(await revisions.latestRevision('a')).toEqual(second)
      expect(await revisions.loadRevisionState('a', 2)).toEqual(bytes(2))
    })

    it('answers null or empty for revisions and notices it does not hold', async () => {
      const { revisions } = await open()
      expect(await revisions.getRevision('a', 1)).toBeNull()
      expect(await revisions.latestRevision('a')).toBeNull()
      expect(await revisions.loadRevisionState('a', 1)).toBeNull()
      expect(await revisions.listRevisions('ghost')).toEqual([])
      expect(await revisions.deleteRevision('a', 1)).toBe(false)
      await expect(revisions.freezeRevision('a', 1, 'Rev.1')).rejects.toBeInstanceOf(UnknownRevisionError)
      await expect(revisions.labelRevision('a', 1, 'x')).rejects.toBeInstanceOf(UnknownRevisionError)
    })

    it('refuses a revision of a notice it does not hold', async () => {
      const { revisions } = await open()
      await expect(revisions.addRevision(revision('ghost', 'h1'))).rejects.toBeInstanceOf(UnknownNoticeError)
      expect(await revisions.listRevisions('ghost')).toEqual([])
    })

    it('stores one blob per content key however many revisions point at it', async () => {
      const { revisions } = await open()
      await revisions.addRevision(revision('a', 'same', bytes(1, 1)))
      await revisions.addRevision(revision('a', 'same', bytes(2, 2), { kind: 'named', label: 'named' }))
      expect(await revisions.countBlobs('a')).toBe(1)
      // The second revision points at the blob stored first; its own state bytes were not kept.
      expect(await revisions.loadRevisionState('a', 2)).toEqual(bytes(1, 1))
      await revisions.addRevision(revision('a', 'other', bytes(3)))
      expect(await revisions.countBlobs('a')).toBe(2)
      expect(await revisions.countBlobs('b')).toBe(0)
    })

    it('adds no automatic revision when the latest one has the same hash, and uses up no number', async () => {
      const { revisions } = await open()
      await revisions.addRevision(revision('a', 'h1'))
      expect(await revisions.addRevision(revision('a', 'h1', bytes(1), { onlyIfChanged: true }))).toBeNull()
      const changed = await revisions.addRevision(revision('a', 'h2', bytes(2), { onlyIfChanged: true }))
      expect(changed?.rev).toBe(2)
      // Only the latest counts: back to an older content is a change.
      const back = await revisions.addRevision(revision('a', 'h1', bytes(1), { onlyIfChanged: true }))
      expect(back?.rev).toBe(3)
      expect(await revisions.countBlobs('a')).toBe(2)
    })

    it('names a revision and removes its name', async () => {
      const { revisions } = await open()
      await revisions.addRevision(revision('a', 'h1'))
      expect(await revisions.labelRevision('a', 1, 'Draft for the chair')).toMatchObject({
        rev: 1,
        label: 'Draft for the chair',
        frozen: false,
      })
      expect((await revisions.labelRevision('a', 1, null)).label).toBeNull()
    })

    it('freezes a revision for good: it cannot be frozen again, renamed or deleted, and stays as it was', async () => {
      const { revisions } = await open()
      await revisions.addRevision(revision('a', 'h1', bytes(7, 7)))
      const frozen = await revisions.freezeRevision('a', 1, 'Rev.1')
      expect(frozen).toMatchObject({ rev: 1, frozen: true, label: 'Rev.1', hash: 'h1' })

      await expect(revisions.freezeRevision('a', 1, 'Rev.2')).rejects.toBeInstanceOf(FrozenRevisionError)
      await expect(revisions.labelRevision('a', 1, 'Renamed')).rejects.toBeInstanceOf(FrozenRevisionError)
      await expect(revisions.labelRevision('a', 1, null)).rejects.toBeInstanceOf(FrozenRevisionError)
      const deletion = revisions.deleteRevision('a', 1)
      await expect(deletion).rejects.toBeInstanceOf(FrozenRevisionError)
      await expect(revisions.deleteRevision('a', 1)).rejects.toThrow(
        'Revision 1 of notice "a" is frozen: it cannot be changed or deleted',
      )

      expect(await revisions.getRevision('a', 1)).toEqual(frozen)
      expect(await revisions.loadRevisionState('a', 1)).toEqual(bytes(7, 7))
      expect(await revisions.countBlobs('a')).toBe(1)
    })

    it('adds a revision frozen from the start, and refuses a frozen label already in use', async () => {
      const { revisions } = await open()
      const first = await revisions.addRevision(
        revision('a', 'h1', bytes(1), { kind: 'named', label: 'Rev.1', frozen: true }),
      )
      expect(first).toMatchObject({ rev: 1, frozen: true, label: 'Rev.1' })
      await expect(
        revisions.addRevision(revision('a', 'h2', bytes(2), { kind: 'named', label: 'Rev.1', frozen: true })),
      ).rejects.toBeInstanceOf(DuplicateRevisionLabelError)
      await revisions.addRevision(revision('a', 'h2', bytes(2)))
      await expect(revisions.freezeRevision('a', 2, 'Rev.1')).rejects.toBeInstanceOf(
        DuplicateRevisionLabelError,
      )
      expect((await revisions.getRevision('a', 2))?.frozen).toBe(false)
      // Another notice has its own Rev.1, and a non-frozen revision may carry any label.
      await revisions.addRevision(
        revision('b', 'h1', bytes(1), { kind: 'named', label: 'Rev.1', frozen: true }),
      )
      await revisions.labelRevision('a', 2, 'Rev.1')
      expect(await revisions.countBlobs('a')).toBe(2)
    })

    it('deletes a revision that is not frozen, and its blob once no revision points at it', async () => {
      const { revisions } = await open()
      await revisions.addRevision(revision('a', 'h1'))
      await revisions.addRevision(revision('a', 'h1', bytes(1), { kind: 'named', label: 'again' }))
      await revisions.addRevision(revision('a', 'h2', bytes(2)))
      expect(await revisions.deleteRevision('a', 3)).toBe(true)
      expect(await revisions.countBlobs('a')).toBe(1)
      expect(await revisions.deleteRevision('a', 1)).toBe(true)
      expect(await revisions.countBlobs('a')).toBe(1)
      expect(await revisions.loadRevisionState('a', 2)).toEqual(bytes(1))
      expect(await revisions.deleteRevision('a', 1)).toBe(false)
      // Numbers are never reused, even the latest one's.
      expect((await revisions.addRevision(revision('a', 'h3', bytes(3))))?.rev).toBe(4)
      expect((await revisions.listRevisions('a')).map((record) => record.rev)).toEqual([4, 2])
    })

    it('keeps its own copy of the bytes it is given and hands out copies', async () => {
      const { revisions } = await open()
      const state = bytes(1, 2, 3)
      await revisions.addRevision(revision('a', 'h1', state))
      state[0] = 99
      const loaded = await revisions.loadRevisionState('a', 1)
      expect(loaded).toEqual(bytes(1, 2, 3))
      ;(loaded as Uint8Array)[0] = 42
      expect(await revisions.loadRevisionState('a', 1)).toEqual(bytes(1, 2, 3))
    })
  })
}
