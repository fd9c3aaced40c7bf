/**
 * The SQLite database (better-sqlite3, WAL, one file): the embedded default. Opens and migrates
 * the file, and keeps every store (notices, revisions, accounts, comments, library, speakers) on its one connection.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { type Database, databaseOf } from '../database'
import { createSqliteAccountStorage } from './sqlite-account-storage'
import { createSqliteCommentStorage } from './sqlite-comment-storage'
import { createSqliteLibraryStorage } from './sqlite-library-storage'
import { migrateSqlite } from './sqlite-migrations'
import { createSqliteRevisionStorage } from './sqlite-revisions'
import { createSqliteSpeakerStorage } from './sqlite-speaker-storage'
import { createSqliteNoticeStorage } from './sqlite-storage'

/** Options of {@link openSqliteDatabase}. */
export type SqliteDatabaseOptions = {
  /** The database file; its directory is created if missing. `:memory:` for a private database. */
  file: string
  /** The clock, in milliseconds since the epoch (defaults to `Date.now`). */
  now?: () => number
}

/**
 * Opens (creating and migrating as needed) the SQLite database at `options.file` with every
 * store on its one connection. Synchronous because better-sqlite3 is; call it once at startup.
 */
export function openSqliteDatabase(options: SqliteDatabaseOptions): Database {
  const { file } = options
  const now = options.now ?? Date.now
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  let db: BetterSqlite3.Database
  try {
    db = new BetterSqlite3(file)
  } catch (cause) {
    throw new Error(`Cannot open the SQLite database ${file}`, { cause })
  }
  try {
    db.pragma('journal_mode = WAL')
    // FULL, not NORMAL: in WAL mode NORMAL survives a process crash but may lose the last
    // commits on power loss, and the server promises that an update it broadcast is on disk.
    // Group commit (one transaction per event-loop turn) keeps the fsyncs few.
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    migrateSqlite(db, file)
  } catch (cause) {
    db.close()
    throw new Error(`Cannot prepare the SQLite database ${file}`, { cause })
  }
  return databaseOf(
    'sqlite',
    {
      notices: createSqliteNoticeStorage(db, now),
      revisions: createSqliteRevisionStorage({ db, now }),
      accounts: createSqliteAccountStorage(db),
      comments: createSqliteCommentStorage(db),
      library: createSqliteLibraryStorage(db),
      speakers: createSqliteSpeakerStorage(db),
    },
    file === ':memory:' ? null : file,
  )
}
