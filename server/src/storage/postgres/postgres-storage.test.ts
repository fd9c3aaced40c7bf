/**
 * The storage contract and PostgreSQL's own promises (migrations, several instances writing to
 * one notice) against a real PostgreSQL: `TEST_DATABASE_URL`, by default the local server. Each
 * storage gets a fresh schema, dropped when it closes. An unreachable database fails the tests.
 */
import * as prng from 'lib0/prng'
import { escapeIdentifier } from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { TEST_DATABASE_URL, usePostgresTestDatabase } from '../../test/postgres-test-schema'
import type { NoticeStorage, StoredUpdate, UpdateAppend } from '../storage'
import { registerStorageContractTests } from '../storage-contract'
import { openPostgresDatabase, type PostgresDatabaseOptions } from './postgres-database'
import { POSTGRES_MIGRATIONS, POSTGRES_SCHEMA_VERSION } from './postgres-migrations'

const { admin, createSchema, dropSchema } = usePostgresTestDatabase()

registerStorageContractTests('postgres', async (clock) => {
  const schema = await createSchema()
  let storage: NoticeStorage
  try {
    storage = (await openPostgresDatabase({ url: TEST_DATABASE_URL, schema, now: clock.now })).notices
  } catch (error) {
    await dropSchema(schema)
    throw error
  }
  return {
    kind: storage.kind,
    createNotice: (notice) => storage.createNotice(notice),
    listNotices: () => storage.listNotices(),
    getNotice: (id) => storage.getNotice(id),
    loadUpdates: (id) => storage.loadUpdates(id),
    loadUpdatesAfter: (id, afterSeq) => storage.loadUpdatesAfter(id, afterSeq),
    appendUpdates: (batch) => storage.appendUpdates(batch),
    compactUpdates: (id, throughSeq, state) => storage.compactUpdates(id, throughSeq, state),
    deleteNotice: (id) => storage.deleteNotice(id),
    close: async () => {
      await storage.close()
      await dropSchema(schema)
    },
  }
})

/** A 4-byte update that names who wrote it: instance, writer, and a 16-bit counter. */
const tagged = (instance: number, writer: number, counter: number): Uint8Array =>
  Uint8Array.of(instance, writer, counter >> 8, counter & 0xff)

/** Splits a log's bytes back into the 4-byte tags that went into it, compacted rows included. */
function tagsOf(log: readonly StoredUpdate[]): string[] {
  const tags: string[] = []
  for (const row of log) {
    expect(row.bytes.length % 4).toBe(0)
    for (let at = 0; at < row.bytes.length; at += 4) tags.push(row.bytes.subarray(at, at + 4).join('.'))
  }
  return tags
}

describe('postgres storage', () => {
  let schemas: string[] = []
  let opened: NoticeStorage[] = []

  const freshSchema = async (): Promise<string> => {
    const schema = await createSchema()
    schemas.push(schema)
    return schema
  }
  const open = async (
    schema: string,
    options: Partial<PostgresDatabaseOptions> = {},
  ): Promise<NoticeStorage> => {
    const storage = (await openPostgresDatabase({ url: TEST_DATABASE_URL, schema, ...options })).notices
    opened.push(storage)
    return storage
  }
  const appliedVersions = async (schema: string): Promise<number[]> => {
    const { rows } = await admin.query<{ version: number }>(
      `SELECT version FROM ${escapeIdentifier(schema)}.schema_migrations ORDER BY version`,
    )
    return rows.map((row) => row.version)
  }
  const everyVersion = POSTGRES_MIGRATIONS.map((_, index) => index + 1)

  afterEach(async () => {
    for (const storage of opened) await storage.close()
    for (const schema of schemas) await dropSchema(schema)
    opened = []
    schemas = []
  })

  it('records each migration once, and applies nothing when a migrated schema is opened again', async () => {
    const schema = await freshSchema()
    const first = await open(schema)
    expect(await appliedVersions(schema)).toEqual(everyVersion)
    await first.createNotice({
      id: 'a',
      summary: { title: 'T', symbol: 'S', language: 'fr' },
      state: Uint8Array.of(1),
    })
    await first.close()
    const second = await open(schema)
    expect(await appliedVersions(schema)).toEqual(everyVersion)
    expect(await second.loadUpdates('a')).toEqual([{ seq: 1, bytes: Uint8Array.of(1) }])
  })

  it('lets several instances that start at once on an empty schema migrate it exactly once', async () => {
    const schema = await freshSchema()
    const storages = await Promise.all([open(schema), open(schema), open(schema), open(schema)])
    expect(storages.map((storage) => storage.kind)).toEqual(['postgres', 'postgres', 'postgres', 'postgres'])
    expect(await appliedVersions(schema)).toEqual(everyVersion)
  })

  it('refuses a schema written by a newer server, naming the database and both versions', async () => {
    const schema = await freshSchema()
    await (await open(schema)).close()
    await admin.query(
      `INSERT INTO ${escapeIdentifier(schema)}.schema_migrations (version, name) VALUES ($1, 'from the future')`,
      [POSTGRES_SCHEMA_VERSION + 1],
    )
    const failure = await open(schema).then(
      () => null,
      (error: unknown) => error,
    )
    expect(failure).toBeInstanceOf(Error)
    expect((failure as Error).message).toMatch(
      new RegExp(`Cannot prepare the PostgreSQL database .*\\(schema ${schema}\\)`),
    )
    expect(String((failure as Error).cause)).toContain(
      `schema version ${POSTGRES_SCHEMA_VERSION + 1}, newer than this server's ${POSTGRES_SCHEMA_VERSION}`,
    )
  })

  it('fails to open an unreachable database with a message naming it, without its password', async () => {
    const failure = await openPostgresDatabase({
      url: 'postgres://postgres:hunter2@127.0.0.1:1/test',
      connectTimeoutMs: 2000,
    }).then(
      () => null,
      (error: unknown) => error,
    )
    expect(failure).toBeInstanceOf(Error)
    expect((failure as Error).message).toBe(
      'Cannot prepare the PostgreSQL database postgres://postgres:***@127.0.0.1:1/test',
    )
    expect((failure as Error).cause).toBeInstanceOf(Error)
  })

  it('rethrows a database failure naming the operation, with the driver’s error as the cause', async () => {
    const schema = await freshSchema()
    const storage = await open(schema)
    await admin.query(`DROP TABLE ${escapeIdentifier(schema)}.updates`)
    const failure = await storage.loadUpdates('a').then(
      () => null,
      (error: unknown) => error,
    )
    expect((failure as Error).message).toMatch(
      /^Cannot load the updates of notice "a" in the PostgreSQL database/,
    )
    expect((failure as Error).cause).toMatchObject({ code: '42P01' })
  })

  it('finishes the writes already started before it closes, and refuses new ones', async () => {
    const schema = await freshSchema()
    const storage = await open(schema)
    await storage.createNotice({
      id: 'a',
      summary: { title: '', symbol: '', language: 'fr' },
      state: Uint8Array.of(0),
    })
    const appends = Array.from({ length: 20 }, (_, index) =>
      storage.appendUpdates([{ noticeId: 'a', update: Uint8Array.of(index + 1) }]),
    )
    await storage.close()
    await Promise.all(appends)
    await expect(storage.getNotice('a')).rejects.toThrow(
      /Cannot read notice "a": the PostgreSQL storage .* is closed/,
    )
    const reader = await open(schema)
    expect((await reader.loadUpdates('a'))?.map((row) => row.seq)).toEqual(
      Array.from({ length: 21 }, (_, index) => index + 1),
    )
  })

  it('numbers the updates of two instances appending to the same notices at once consecutively, losing none', async () => {
    const seed = 20_240_301
    // Seeded, so a failing interleaving's batches can be replayed.
    const random = prng.create(seed)
    const schema = await freshSchema()
    const instances = [await open(schema), await open(schema)]
    const noticeIds = ['a', 'b', 'c']
    for (const id of noticeIds) {
      await instances[0]?.createNotice({
        id,
        summary: { title: id, symbol: '', language: 'fr' },
        state: tagged(0, 0, 0),
      })
    }
    // Per instance, three writers each sending 20 batches in turn; a batch names 1 to 4
    // notices in random order, so batches of the two instances lock notices in opposite orders.
    const expected = new Map<string, string[]>(noticeIds.map((id) => [id, ['0.0.0.0']]))
    const plans: UpdateAppend[][][] = []
    for (let instance = 1; instance <= 2; instance++) {
      for (let writer = 1; writer <= 3; writer++) {
        const batches: UpdateAppend[][] = []
        let counter = 0
        for (let b = 0; b < 20; b++) {
          const batch: UpdateAppend[] = []
          const size = prng.uint32(random, 1, 4)
          for (let e = 0; e < size; e++) {
            const noticeId = prng.oneOf(random, noticeIds)
            const update = tagged(instance, writer, ++counter)
            batch.push({ noticeId, update })
            expected.get(noticeId)?.push(update.join('.'))
          }
          batches.push(batch)
        }
        plans.push(batches)
      }
    }
    await Promise.all(
      plans.map(async (batches, index) => {
        const storage = instances[index < 3 ? 0 : 1] as NoticeStorage
        for (const batch of batches) await storage.appendUpdates(batch)
      }),
    )

    for (const id of noticeIds) {
      const log = (await instances[1]?.loadUpdates(id)) ?? []
      const wanted = expected.get(id) ?? []
      const context = `seed ${seed}, notice ${id}`
      expect(
        log.map((row) => row.seq),
        context,
      ).toEqual(wanted.map((_, index) => index + 1))
      const tags = tagsOf(log)
      expect([...tags].sort(), context).toEqual([...wanted].sort())
      // Each writer's updates keep the order it sent them in.
      for (const prefix of ['1.1.', '1.2.', '1.3.', '2.1.', '2.2.', '2.3.']) {
        const mine = (list: string[]): string[] => list.filter((tag) => tag.startsWith(prefix))
        expect(mine(tags), context).toEqual(mine(wanted))
      }
    }
  }, 30_000)

  it('loses no update appended by one instance while another compacts the same log', async () => {
    const schema = await freshSchema()
    const [writer, compactor] = [await open(schema), await open(schema)]
    await writer?.createNotice({
      id: 'a',
      summary: { title: 'A', symbol: '', language: 'fr' },
      state: tagged(0, 0, 0),
    })
    const sent = ['0.0.0.0']
    let writing = true
    const appending = (async () => {
      let counter = 0
      try {
        for (let b = 0; b < 150; b++) {
          const batch: UpdateAppend[] = []
          for (let e = 0; e < 1 + (b % 3); e++) {
            const update = tagged(1, 1, ++counter)
            batch.push({ noticeId: 'a', update })
            sent.push(update.join('.'))
          }
          await writer?.appendUpdates(batch)
        }
      } finally {
        writing = false
      }
    })()
    let compactions = 0
    while (writing) {
      const log = (await compactor?.loadUpdates('a')) ?? []
      const last = log.at(-1)
      if (last && log.length >= 2) {
        // The merged state "contains" every merged row: here, their bytes one after another.
        const state = Uint8Array.from(log.flatMap((row) => [...row.bytes]))
        await compactor?.compactUpdates('a', last.seq, state)
        compactions += 1
      }
    }
    await appending

    expect(compactions).toBeGreaterThan(2)
    const log = (await writer?.loadUpdates('a')) ?? []
    const seqs = log.map((row) => row.seq)
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y))
    expect(seqs.at(-1)).toBe(sent.length)
    expect(tagsOf(log)).toEqual(sent)
  }, 30_000)
})
