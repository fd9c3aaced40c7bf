/**
 * The library and speaker storage contracts against a real PostgreSQL (`TEST_DATABASE_URL`, by
 * default the local server), each storage in a fresh schema dropped afterwards. An unreachable
 * database fails the tests.
 */
import { TEST_DATABASE_URL, usePostgresTestDatabase } from '../../test/postgres-test-schema'
import { registerLibraryStorageContractTests } from '../library-storage-contract'
import { registerSpeakerStorageContractTests } from '../speaker-storage-contract'
import { openPostgresDatabase } from './postgres-database'

const { createSchema, dropSchema } = usePostgresTestDatabase({ maxConnections: 2 })

const openFresh = async () => {
  const schema = await createSchema()
  const database = await openPostgresDatabase({ url: TEST_DATABASE_URL, schema })
  return {
    ...database,
    close: async () => {
      await database.close()
      await dropSchema(schema)
    },
  }
}

registerLibraryStorageContractTests('postgres', openFresh)
registerSpeakerStorageContractTests('postgres', openFresh)
