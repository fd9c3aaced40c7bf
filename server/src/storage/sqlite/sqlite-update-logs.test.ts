import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { databaseLogFixture, registerUpdateLogContractTests } from '../update-log-contract'
import { openSqliteDatabase } from './sqlite-database'

/** A database in a fresh directory, removed when the fixture closes. */
const fixture = (which: 'notices' | 'comments') => {
  const dir = mkdtempSync(join(tmpdir(), 'convene-update-log-'))
  const database = openSqliteDatabase({ file: join(dir, 'convene.sqlite') })
  return databaseLogFixture(database, which, async () => {
    await database.close()
    rmSync(dir, { recursive: true, force: true })
  })
}

registerUpdateLogContractTests('sqlite text', async () => fixture('notices'))
registerUpdateLogContractTests('sqlite comments', async () => fixture('comments'))
