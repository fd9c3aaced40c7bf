/**
 * The account and comment storage contract against a real PostgreSQL (`TEST_DATABASE_URL`, by
 * default the local server), each storage in a fresh schema dropped afterwards. An unreachable
 * database fails the tests.
 */
import { randomBytes } from 'node:crypto'
import { escapeIdentifier, Pool } from 'pg'
import { afterAll } from 'vitest'
import { registerCompanionStorageContractTests } from './account-storage-contract'
import { accountStorageFor, commentStorageFor } from './companion-storages'
import { openPostgresStorage } from './postgres-storage'

const TEST_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const admin = new Pool({ connectionString: TEST_URL, max: 2, connectionTimeoutMillis: 5000 })
admin.on('error', () => {
  // An idle admin connection dropped; the next query opens another.
})

afterAll(async () => {
  await admin.end()
})

registerCompanionStorageContractTests('postgres', async () => {
  const schema = `convene_test_${randomBytes(6).toString('hex')}`
  await admin.query(`CREATE SCHEMA ${escapeIdentifier(schema)}`)
  const notices = await openPostgresStorage({ url: TEST_URL, schema })
  return {
    notices,
    accounts: accountStorageFor(notices),
    comments: commentStorageFor(notices),
    close: async () => {
      await notices.close()
      await admin.query(`DROP SCHEMA IF EXISTS ${escapeIdentifier(schema)} CASCADE`)
    },
  }
})
