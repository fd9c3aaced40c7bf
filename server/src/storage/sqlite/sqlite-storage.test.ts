import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { registerStorageContractTests } from '../storage-contract'
import { openSqliteDatabase } from './sqlite-database'
import { SQLITE_SCHEMA_VERSION } from './sqlite-migrations'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'convene-sqlite-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

registerStorageContractTests(
  'sqlite',
  async (clock) => openSqliteDatabase({ file: join(dir, 'contract.sqlite'), now: clock.now }).notices,
)

describe('sqlite storage on disk', () => {
  it('keeps every appended update and summary after the database is closed and reopened', async () => {
    const file = join(dir, 'nested', 'convene.sqlite')
    const first = openSqliteDatabase({ file }).notices
    await first.createNotice({
      id: 'a',
      summary: { title: 'T', symbol: '', language: 'fr' },
      state: Uint8Array.of(1),
    })
    await first.appendUpdates([
      { noticeId: 'a', update: Uint8Array.of(2), summary: { title: 'T2', symbol: 'S', language: 'en' } },
    ])
    await first.close()
    const second = openSqliteDatabase({ file }).notices
    expect(await second.loadUpdates('a')).toEqual([
      { seq: 1, bytes: Uint8Array.of(1) },
      { seq: 2, bytes: Uint8Array.of(2) },
    ])
    expect((await second.getNotice('a'))?.title).toBe('T2')
    await second.close()
  })

  it('creates the file in WAL mode at the current schema version', async () => {
    const file = join(dir, 'convene.sqlite')
    const storage = openSqliteDatabase({ file }).notices
    await storage.close()
    const db = new BetterSqlite3(file)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION)
    db.close()
  })

  it('refuses a database written by a newer server, naming the file and both versions', () => {
    const file = join(dir, 'future.sqlite')
    const db = new BetterSqlite3(file)
    db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION + 1}`)
    db.close()
    let thrown: unknown
    try {
      openSqliteDatabase({ file }).notices
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(Error)
    expect((thrown as Error).message).toMatch(/Cannot prepare the SQLite database .*future\.sqlite/)
    expect(String((thrown as Error).cause)).toContain(
      `schema version ${SQLITE_SCHEMA_VERSION + 1}, newer than this server's ${SQLITE_SCHEMA_VERSION}`,
    )
  })
})
