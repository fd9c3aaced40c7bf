import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { NewRevision } from '../revision-storage'
import { registerRevisionStorageContractTests } from '../revision-storage-contract'
import { openSqliteDatabase } from './sqlite-database'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'convene-sqlite-revisions-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

registerRevisionStorageContractTests('sqlite', async (clock) =>
  openSqliteDatabase({ file: join(dir, `contract-${Math.random()}.sqlite`), now: clock.now }),
)

const revision = (noticeId: string, hash: string, extra: Partial<NewRevision> = {}): NewRevision => ({
  noticeId,
  kind: 'named',
  label: null,
  frozen: false,
  hash,
  blobKey: hash,
  state: Uint8Array.of(1, 2, 3),
  author: null,
  ...extra,
})

describe('sqlite revisions at the SQL level', () => {
  const FROZEN = 'Revision 1 of notice "a" is frozen: it cannot be changed or deleted'

  /** A database file with notice `a` whose revision 1 is frozen as Rev.1 and revision 2 is not. */
  async function frozenFixture(): Promise<{ file: string; raw: BetterSqlite3.Database }> {
    const file = join(dir, 'convene.sqlite')
    const { notices, revisions } = openSqliteDatabase({ file })
    await notices.createNotice({
      id: 'a',
      summary: { title: 'A', symbol: '', language: 'fr' },
      state: Uint8Array.of(0),
    })
    await revisions.addRevision(revision('a', 'h1', { label: 'Rev.1', frozen: true }))
    await revisions.addRevision(revision('a', 'h2'))
    await revisions.close()
    await notices.close()
    const raw = new BetterSqlite3(file)
    raw.pragma('foreign_keys = ON')
    return { file, raw }
  }

  it('refuses every UPDATE and DELETE of a frozen revision with the trigger’s message', async () => {
    const { raw } = await frozenFixture()
    const before = raw.prepare('SELECT * FROM revisions WHERE rev = 1').get()
    for (const sql of [
      "UPDATE revisions SET label = 'Rev.9' WHERE notice_id = 'a' AND rev = 1",
      "UPDATE revisions SET frozen = 0 WHERE notice_id = 'a' AND rev = 1",
      "UPDATE revisions SET hash = 'forged' WHERE notice_id = 'a' AND rev = 1",
      "DELETE FROM revisions WHERE notice_id = 'a' AND rev = 1",
      "DELETE FROM revisions WHERE notice_id = 'a'",
    ]) {
      expect(() => raw.exec(sql), sql).toThrow(FROZEN)
    }
    expect(raw.prepare('SELECT * FROM revisions WHERE rev = 1').get()).toEqual(before)
    expect(raw.prepare('SELECT count(*) AS n FROM revisions').get()).toEqual({ n: 2 })
    raw.close()
  })

  it('refuses to delete a notice that has a frozen revision, and leaves everything in place', async () => {
    const { raw } = await frozenFixture()
    expect(() => raw.exec("DELETE FROM notices WHERE id = 'a'")).toThrow(FROZEN)
    expect(raw.prepare('SELECT count(*) AS n FROM notices').get()).toEqual({ n: 1 })
    expect(raw.prepare('SELECT count(*) AS n FROM updates').get()).toEqual({ n: 1 })
    expect(raw.prepare('SELECT count(*) AS n FROM revisions').get()).toEqual({ n: 2 })
    raw.close()
  })

  it('refuses to change any blob, or to delete the blob of a frozen revision', async () => {
    const { raw } = await frozenFixture()
    expect(() => raw.exec("UPDATE revision_blobs SET bytes = x'00' WHERE key = 'h2'")).toThrow(
      'Revision blob h2 of notice "a" is immutable',
    )
    expect(() => raw.exec("DELETE FROM revision_blobs WHERE key = 'h1'")).toThrow(
      'Revision blob h1 of notice "a" belongs to a frozen revision: it cannot be deleted',
    )
    raw.close()
  })

  it('lets only the label and frozen flag of a revision that is not frozen change', async () => {
    const { raw } = await frozenFixture()
    raw.exec("UPDATE revisions SET label = 'named' WHERE notice_id = 'a' AND rev = 2")
    expect(() => raw.exec("UPDATE revisions SET hash = 'h1' WHERE notice_id = 'a' AND rev = 2")).toThrow(
      'Revision 2 of notice "a": only its label and frozen flag can change',
    )
    raw.exec("DELETE FROM revisions WHERE notice_id = 'a' AND rev = 2")
    raw.close()
  })

  it('deletes a notice without frozen revisions together with its revisions and blobs', async () => {
    const file = join(dir, 'plain.sqlite')
    const { notices, revisions } = openSqliteDatabase({ file })
    await notices.createNotice({
      id: 'a',
      summary: { title: 'A', symbol: '', language: 'fr' },
      state: Uint8Array.of(0),
    })
    await revisions.addRevision(revision('a', 'h1'))
    expect(await notices.deleteNotice('a')).toBe(true)
    expect(await revisions.listRevisions('a')).toEqual([])
    expect(await revisions.countBlobs('a')).toBe(0)
    await notices.createNotice({
      id: 'a',
      summary: { title: 'A', symbol: '', language: 'fr' },
      state: Uint8Array.of(0),
    })
    expect((await revisions.addRevision(revision('a', 'h1')))?.rev).toBe(1)
    await notices.close()
  })

  it('keeps revisions and their states after the database is closed and reopened', async () => {
    const file = join(dir, 'reopen.sqlite')
    const first = openSqliteDatabase({ file })
    await first.notices.createNotice({
      id: 'a',
      summary: { title: 'A', symbol: '', language: 'fr' },
      state: Uint8Array.of(0),
    })
    await first.revisions.addRevision(revision('a', 'h1', { label: 'Rev.1', frozen: true }))
    await first.close()
    const second = openSqliteDatabase({ file })
    const { revisions } = second
    expect(await revisions.getRevision('a', 1)).toMatchObject({ frozen: true, label: 'Rev.1', hash: 'h1' })
    expect(await revisions.loadRevisionState('a', 1)).toEqual(Uint8Array.of(1, 2, 3))
    await second.close()
  })
})
