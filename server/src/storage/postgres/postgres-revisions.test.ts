/**
 * The revision storage contract and the triggers that make frozen revisions immutable, against a
 * real PostgreSQL (`TEST_DATABASE_URL`, by default the local server), in a fresh schema per storage
 * dropped afterwards. An unreachable database fails the tests.
 */
import { escapeIdentifier } from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { TEST_DATABASE_URL, usePostgresTestDatabase } from '../../test/postgres-test-schema'
import type { Database } from '../database'
import { FrozenRevisionError, type NewRevision, type RevisionStorage } from '../revision-storage'
import { registerRevisionStorageContractTests } from '../revision-storage-contract'
import type { NoticeStorage } from '../storage'
import { openPostgresDatabase } from './postgres-database'
import { FROZEN_REVISION_SQLSTATE } from './postgres-revisions'

const { admin, createSchema, dropSchema } = usePostgresTestDatabase()

/** A notice storage in a fresh schema and the revision storage on its pool; closing drops the schema. */
async function openPair(now?: () => number): Promise<{
  notices: NoticeStorage
  revisions: RevisionStorage
  schema: string
}> {
  const schema = await createSchema()
  let database: Database
  try {
    database = await openPostgresDatabase({ url: TEST_DATABASE_URL, schema, ...(now ? { now } : {}) })
  } catch (error) {
    await dropSchema(schema)
    throw error
  }
  const { notices: storage, revisions } = database
  const notices: NoticeStorage = {
    ...storage,
    kind: storage.kind,
    close: async () => {
      await storage.close()
      await dropSchema(schema)
    },
  }
  return { notices, revisions, schema }
}

registerRevisionStorageContractTests('postgres', async (clock) => {
  const { notices, revisions } = await openPair(clock.now)
  return { notices, revisions }
})

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

describe('postgres revisions at the SQL level', () => {
  const FROZEN = 'Revision 1 of notice "a" is frozen: it cannot be changed or deleted'
  let open: { notices: NoticeStorage; revisions: RevisionStorage }[] = []

  afterEach(async () => {
    for (const pair of open) {
      await pair.revisions.close()
      await pair.notices.close()
    }
    open = []
  })

  /** A schema with notice `a` whose revision 1 is frozen as Rev.1 and revision 2 is not. */
  async function frozenFixture(): Promise<{
    schema: string
    revisions: RevisionStorage
    notices: NoticeStorage
  }> {
    const pair = await openPair()
    open.push(pair)
    await pair.notices.createNotice({
      id: 'a',
      summary: { title: 'A', symbol: '', language: 'fr' },
      state: Uint8Array.of(0),
    })
    await pair.revisions.addRevision(revision('a', 'h1', { label: 'Rev.1', frozen: true }))
    await pair.revisions.addRevision(revision('a', 'h2'))
    return pair
  }

  /** Runs `sql` on the admin pool against `schema`, answering the error it fails with. */
  async function refused(schema: string, sql: string): Promise<{ code?: string; message: string }> {
    const client = await admin.connect()
    try {
      await client.query(`SET search_path TO ${escapeIdentifier(schema)}`)
      await client.query(sql)
    } catch (error) {
      return error as { code?: string; message: string }
    } finally {
      await client.query('RESET search_path')
      client.release()
    }
    throw new Error(`${sql} was not refused`)
  }

  it('refuses every UPDATE and DELETE of a frozen revision by any connection, with the trigger’s message', async () => {
    const { schema, revisions } = await frozenFixture()
    const before = await revisions.getRevision('a', 1)
    for (const sql of [
      "UPDATE revisions SET label = 'Rev.9' WHERE notice_id = 'a' AND rev = 1",
      "UPDATE revisions SET frozen = false WHERE notice_id = 'a' AND rev = 1",
      "UPDATE revisions SET hash = 'forged' WHERE notice_id = 'a' AND rev = 1",
      "DELETE FROM revisions WHERE notice_id = 'a' AND rev = 1",
      "DELETE FROM revisions WHERE notice_id = 'a'",
    ]) {
      const error = await refused(schema, sql)
      expect(error.message, sql).toBe(FROZEN)
      expect(error.code, sql).toBe(FROZEN_REVISION_SQLSTATE)
    }
    // Deleting the notice cascades to its blobs and revisions, where a trigger refuses it.
    const cascade = await refused(schema, "DELETE FROM notices WHERE id = 'a'")
    expect(cascade.code).toBe(FROZEN_REVISION_SQLSTATE)
    expect(cascade.message).toMatch(
      /^Revision (1|blob h1) of notice "a" (is frozen|belongs to a frozen revision)/,
    )
    expect((await admin.query(`SELECT id FROM ${escapeIdentifier(schema)}.notices`)).rows).toEqual([
      { id: 'a' },
    ])
    // Schema-qualified from the default search_path too: the trigger functions find their tables.
    const qualified = await admin
      .query(`DELETE FROM ${escapeIdentifier(schema)}.revision_blobs WHERE key = 'h1'`)
      .catch((error: Error) => error)
    expect((qualified as Error).message).toBe(
      'Revision blob h1 of notice "a" belongs to a frozen revision: it cannot be deleted',
    )
    expect((await refused(schema, 'TRUNCATE revisions CASCADE')).message).toBe(
      'Revisions cannot be truncated: frozen revisions cannot be changed or deleted',
    )
    expect(await revisions.getRevision('a', 1)).toEqual(before)
    expect((await revisions.listRevisions('a')).map((record) => record.rev)).toEqual([2, 1])
  })

  it('refuses to change a blob, and lets only the label and frozen flag of an unfrozen revision change', async () => {
    const { schema } = await frozenFixture()
    expect(
      (await refused(schema, "UPDATE revision_blobs SET bytes = '\\x00' WHERE key = 'h2'")).message,
    ).toBe('Revision blob h2 of notice "a" is immutable')
    expect((await refused(schema, "UPDATE revisions SET hash = 'h1' WHERE rev = 2")).message).toBe(
      'Revision 2 of notice "a": only its label and frozen flag can change',
    )
  })

  it('turns a trigger’s refusal into FrozenRevisionError when a row was frozen behind its back', async () => {
    const { schema, revisions } = await frozenFixture()
    // Another instance froze revision 2 directly; this storage still refuses to delete it.
    await admin.query(
      `UPDATE ${escapeIdentifier(schema)}.revisions SET frozen = true, label = 'Rev.2' WHERE notice_id = 'a' AND rev = 2`,
    )
    await expect(revisions.deleteRevision('a', 2)).rejects.toBeInstanceOf(FrozenRevisionError)
  })

  it('deletes a notice without frozen revisions together with its revisions and blobs', async () => {
    const pair = await openPair()
    open.push(pair)
    const { notices, revisions } = pair
    await notices.createNotice({
      id: 'a',
      summary: { title: 'A', symbol: '', language: 'fr' },
      state: Uint8Array.of(0),
    })
    await revisions.addRevision(revision('a', 'h1'))
    await revisions.addRevision(revision('a', 'h1'))
    expect(await notices.deleteNotice('a')).toBe(true)
    expect(await revisions.listRevisions('a')).toEqual([])
    expect(await revisions.countBlobs('a')).toBe(0)
  })

  it('numbers the revisions two instances add to one notice at once consecutively, and adds one auto revision per change', async () => {
    const first = await openPair()
    open.push(first)
    // A second server instance on the same schema.
    const second = await openPostgresDatabase({ url: TEST_DATABASE_URL, schema: first.schema })
    const other = second.revisions
    try {
      await first.notices.createNotice({
        id: 'a',
        summary: { title: 'A', symbol: '', language: 'fr' },
        state: Uint8Array.of(0),
      })
      const added = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          (index % 2 === 0 ? first.revisions : other).addRevision(revision('a', `h${index}`)),
        ),
      )
      expect(added.map((record) => record?.rev).sort((x = 0, y = 0) => x - y)).toEqual(
        Array.from({ length: 20 }, (_, index) => index + 1),
      )
      // Both instances take an automatic revision of the same unchanged content: only one is added.
      const auto = await Promise.all(
        [first.revisions, other, first.revisions, other].map((storage) =>
          storage.addRevision(revision('a', 'same', { kind: 'auto', onlyIfChanged: true })),
        ),
      )
      expect(auto.filter((record) => record !== null)).toHaveLength(1)
    } finally {
      await other.close()
      await second.close()
    }
  }, 30_000)
})
