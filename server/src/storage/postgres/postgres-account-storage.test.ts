/**
 * The account and comment storage contract against a real PostgreSQL (`TEST_DATABASE_URL`, by
 * default the local server), each storage in a fresh schema dropped afterwards. An unreachable
 * database fails the tests.
 */
import { TEST_DATABASE_URL, usePostgresTestDatabase } from '../test/postgres-test-schema'
import { registerCompanionStorageContractTests } from './account-storage-contract'
import { accountStorageFor, commentStorageFor } from './companion-storages'
import { openPostgresStorage } from './postgres-storage'

const { createSchema, dropSchema } = usePostgresTestDatabase({ maxConnections: 2 })

registerCompanionStorageContractTests('postgres', async () => {
  const schema = await createSchema()
  const notices = await openPostgresStorage({ url: TEST_DATABASE_URL, schema })
  return {
    notices,
    accounts: accountStorageFor(notices),
    comments: commentStorageFor(notices),
    close: async () => {
      await notices.close()
      await dropSchema(schema)
    },
  }
})
