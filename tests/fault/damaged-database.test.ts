/**
 * A damaged database file, as a disk or a careless copy leaves it: garbage written into pages of a
 * copy of a real SQLite file. The server checks the file at start and on `/api/ready`
 * (`PRAGMA quick_check`), logs the failure, answers `/api/ready` 503 and `/api/health`
 * `database: "damaged"` with what the check found, serves the notices that still read, and refuses
 * the notice stored on the damaged pages (HTTP 500, close 4500) without ever writing over it.
 */
import { closeSync, copyFileSync, openSync, readFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { contentBuilders as b, sampleNotice, writeNoticeToYDoc } from '@convene/schema'
import { openDatabase } from '@convene/server'
import Database from 'better-sqlite3'
import * as prng from 'lib0/prng'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { paragraphUpdate } from '../support/notice-content'
import {
  api,
  cleanup,
  DATABASE_FILE,
  noticeUrl,
  openRaw,
  startServer,
  tempDir,
  waitFor,
} from './fault-harness'

afterAll(cleanup)

const SEED = 15

/** Rows in the victim's update log: enough to fill leaf pages of its own. */
const VICTIM_ROWS = 300

/**
 * A data directory holding a sound notice and a victim whose log of {@link VICTIM_ROWS} updates
 * fills leaf pages of the `updates` table that hold nothing else (its id sorts after the other's).
 */
async function realDatabase(): Promise<{ dataDir: string; sound: string; victim: string }> {
  const dataDir = tempDir()
  const database = await openDatabase({ dataDir, databaseUrl: null })
  const ids = { sound: 'a-sound-notice', victim: 'victim-notice' }
  const { title, symbol, language } = sampleNotice.meta
  try {
    for (const id of [ids.sound, ids.victim]) {
      const doc = new Y.Doc()
      writeNoticeToYDoc(doc, {
        meta: sampleNotice.meta,
        content: b.doc(b.paragraph('Ordre du jour provisoire')),
      })
      await database.notices.createNotice({
        id,
        summary: { title, symbol, language },
        state: Y.encodeStateAsUpdate(doc),
      })
    }
    for (let row = 0; row < VICTIM_ROWS; row++) {
      const update = paragraphUpdate(`Point ${row} : ${'compte rendu de la séance, '.repeat(30)}`, 1000 + row)
      await database.notices.appendUpdates([{ noticeId: ids.victim, update }])
    }
  } finally {
    await database.close()
  }
  return { dataDir, ...ids }
}

/** The leaf pages of the `updates` table in key order, and the page size. */
function updateLeaves(file: string): { leaves: number[]; pageSize: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const leaves = db
      .prepare<[], { pageno: number }>(
        "SELECT pageno FROM dbstat WHERE name = 'updates' AND pagetype = 'leaf' ORDER BY path",
      )
      .all()
      .map((row) => row.pageno)
    return { leaves, pageSize: db.pragma('page_size', { simple: true }) as number }
  } finally {
    db.close()
  }
}

/** Writes seeded garbage over pages `pages` (1-based) of `file`. */
function writeGarbage(file: string, pages: readonly number[], pageSize: number): void {
  const random = prng.create(SEED)
  const fd = openSync(file, 'r+')
  try {
    for (const page of pages) {
      const garbage = Buffer.from(prng.uint8Array(random, pageSize))
      writeSync(fd, garbage, 0, pageSize, (page - 1) * pageSize)
    }
  } finally {
    closeSync(fd)
  }
}

const pageBytes = (file: string, pages: readonly number[], pageSize: number): Buffer[] => {
  const bytes = readFileSync(file)
  return pages.map((page) => bytes.subarray((page - 1) * pageSize, page * pageSize))
}

describe('a damaged database file', () => {
  it('is reported at start and on /api/ready, the sound notice still serves, and the damaged one is refused and never rewritten', async () => {
    const original = await realDatabase()
    // The copy is what the server gets; the original stays whole.
    const dataDir = tempDir()
    const file = join(dataDir, DATABASE_FILE)
    copyFileSync(join(original.dataDir, DATABASE_FILE), file)
    const { leaves, pageSize } = updateLeaves(file)
    expect(leaves.length, 'the update log fills many leaf pages').toBeGreaterThan(20)
    // Leaves in the middle of the victim's rows: the sound notice's rows sort before them.
    const damaged = leaves.slice(10, 14)
    writeGarbage(file, damaged, pageSize)
    const garbage = pageBytes(file, damaged, pageSize)

    const server = await startServer({
      dataDir,
      env: { LOG_LEVEL: 'info', INTEGRITY_CHECK_INTERVAL_MS: '0' },
    })
    await waitFor(
      () => server.output().includes('failed its integrity check'),
      'the start-up check to be logged',
    )

    const ready = await fetch(`${server.url}/api/ready`)
    expect(ready.status).toBe(503)
    const readyBody = (await ready.json()) as { ready: boolean; database: string; databaseProblems: string[] }
    expect(readyBody).toMatchObject({ ready: false, database: 'damaged' })
    expect(readyBody.databaseProblems.length).toBeGreaterThan(0)
    expect(readyBody.databaseProblems.join('\n')).toMatch(/page|overflow|corrupt|malformed/i)
    const health = await fetch(`${server.url}/api/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ ok: true, database: 'damaged' })

    expect((await api(server, 'GET', `/api/notices/${original.sound}`)).status).toBe(200)
    const refused = await api(server, 'GET', `/api/notices/${original.victim}`)
    expect(refused.status).toBe(500)
    expect(refused.body).toEqual({
      error: {
        status: 500,
        message: expect.stringContaining(`Notice "${original.victim}" could not be loaded from storage`),
      },
    })
    const raw = await openRaw(await noticeUrl(server, original.victim))
    expect((await raw.closed())?.code).toBe(4500)
    const edited = await api(server, 'PATCH', `/api/notices/${original.victim}`, { title: 'Écrasé' })
    expect(edited.status).toBe(500)

    expect(pageBytes(file, damaged, pageSize)).toEqual(garbage)
    // Checked again (INTEGRITY_CHECK_INTERVAL_MS=0), it is still damaged: nothing repaired it by writing over it.
    const again = await fetch(`${server.url}/api/ready`)
    expect(await again.json()).toMatchObject({ database: 'damaged' })
    expect(server.output()).not.toContain('passes its integrity check again')
    expect(server.alive()).toBe(true)
  }, 120_000)

  it('reports the sound original as sound', async () => {
    const { dataDir, victim } = await realDatabase()
    const server = await startServer({ dataDir })
    const ready = await fetch(`${server.url}/api/ready`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toMatchObject({ ready: true, database: 'ok' })
    expect(await (await fetch(`${server.url}/api/health`)).json()).toMatchObject({ database: 'ok' })
    expect((await api(server, 'GET', `/api/notices/${victim}`)).status).toBe(200)
  }, 120_000)
})
