import { databaseLogFixture, registerUpdateLogContractTests } from '../update-log-contract'
import { createMemoryDatabase } from './memory-database'

registerUpdateLogContractTests('memory text', async () =>
  databaseLogFixture(createMemoryDatabase(), 'notices'),
)
registerUpdateLogContractTests('memory comments', async () =>
  databaseLogFixture(createMemoryDatabase(), 'comments'),
)
