/**
 * The account and comment storage contract against a real PostgreSQL (`TEST_DATABASE_URL`, by
 * default the local server), each storage in a fresh schema dropped afterwards. An unreachable
 * database fails the tests.
 */
import { TEST_DATABASE_URL, usePostgresTestDatabase } from '../../test/postgres-test-schema'
import { registerCompanionStorageContractTests } from '../account-storage-contract'
import { openPostgresDatabase } from './postgres-database'

const { createSchema, dropSchema } = usePostgresTestDatabase({ maxConnections: 2 })

registerCompanionStorageContractTests('postgres', async () => {
  const schema = await createSchema()
  const database = await openPostgresDatabase({ url: TEST_DATABASE_URL, schema })
  return {
    notices: database.notices,
    accounts: database.accounts,
    comments: database.comments,
    close: async () => {
      await database.close()
      await dropSchema(schema)
    },
  }
})
