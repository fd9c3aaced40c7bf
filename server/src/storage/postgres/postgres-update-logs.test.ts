/**
 * The update log contract on the text and comments logs of a real PostgreSQL (`TEST_DATABASE_URL`,
 * by default the local server), each in a fresh schema dropped afterwards.
 */
import { TEST_DATABASE_URL, usePostgresTestDatabase } from '../../test/postgres-test-schema'
import { databaseLogFixture, registerUpdateLogContractTests } from '../update-log-contract'
import { openPostgresDatabase } from './postgres-database'

const { createSchema, dropSchema } = usePostgresTestDatabase({ maxConnections: 2 })

const fixture = async (which: 'notices' | 'comments') => {
  const schema = await createSchema()
  const database = await openPostgresDatabase({ url: TEST_DATABASE_URL, schema }).catch(async (error) => {
    await dropSchema(schema)
    throw error
  })
  return databaseLogFixture(database, which, async () => {
    await database.close()
    await dropSchema(schema)
  })
}

registerUpdateLogContractTests('postgres text', () => fixture('notices'))
registerUpdateLogContractTests('postgres comments', () => fixture('comments'))
