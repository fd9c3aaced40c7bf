import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { registerLibraryStorageContractTests } from '../library-storage-contract'
import { registerSpeakerStorageContractTests } from '../speaker-storage-contract'
import { openSqliteDatabase } from './sqlite-database'

const openFresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'convene-library-'))
  const database = openSqliteDatabase({ file: join(dir, 'convene.sqlite') })
  return {
    ...database,
    close: async () => {
      await database.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

registerLibraryStorageContractTests('sqlite', async () => openFresh())
registerSpeakerStorageContractTests('sqlite', async () => openFresh())
