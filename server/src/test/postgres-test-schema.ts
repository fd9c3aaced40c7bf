/**
 * A real PostgreSQL for the storage tests (`TEST_DATABASE_URL`, by default the local server), with
 * a fresh schema per storage so that tests, parallel runs and leftovers never collide.
 */
import { randomBytes } from 'node:crypto'
import { escapeIdentifier, Pool } from 'pg'
import { afterAll, beforeAll } from 'vitest'
import { redactDatabaseUrl } from '../storage/redact-url'

/** The PostgreSQL server the storage tests use. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/** The test database of one test file: an admin pool and fresh schemas on it. */
export type PostgresTestDatabase = {
  /** A pool outside any test schema, for creating, dropping and inspecting schemas. */
  admin: Pool
  /** Creates an empty schema with a fresh random name and returns that name. */
  createSchema(): Promise<string>
  /** Drops `schema` and everything in it (nothing when it is already gone). */
  dropSchema(schema: string): Promise<void>
}

/**
 * Opens the admin pool for the current test file: `beforeAll` fails with a clear message when
 * PostgreSQL is unreachable (these tests never skip), `afterAll` closes the pool.
 */
export function usePostgresTestDatabase(options: { maxConnections?: number } = {}): PostgresTestDatabase {
  const admin = new Pool({
    connectionString: TEST_DATABASE_URL,
    max: options.maxConnections ?? 4,
    connectionTimeoutMillis: 5000,
  })
  admin.on('error', () => {
    // An idle admin connection dropped; the next query opens another.
  })

  beforeAll(async () => {
    try {
      await admin.query('SELECT 1')
    } catch (cause) {
      throw new Error(
        `PostgreSQL is not reachable at ${redactDatabaseUrl(TEST_DATABASE_URL)}: start it, or point TEST_DATABASE_URL at one (these tests never skip)`,
        { cause },
      )
    }
  })

  afterAll(async () => {
    await admin.end()
  })

  return {
    admin,
    async createSchema() {
      const schema = `convene_test_${randomBytes(6).toString('hex')}`
      await admin.query(`CREATE SCHEMA ${escapeIdentifier(schema)}`)
      return schema
    },
    async dropSchema(schema) {
      await admin.query(`DROP SCHEMA IF EXISTS ${escapeIdentifier(schema)} CASCADE`)
    },
  }
}
