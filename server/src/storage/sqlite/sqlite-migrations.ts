/**
 * The SQLite schema, as an ordered list of migrations applied on open. The database's
 * `PRAGMA user_version` is the number of migrations already applied; a database written by a
 * newer server (a higher version than this list knows) is refused rather than guessed at.
 */
import type { Database } from 'better-sqlite3'
import { SQLITE_ACCOUNTS_MIGRATION } from './sqlite-accounts-migration'
import { SQLITE_LIBRARY_MIGRATION } from './sqlite-library-migration'
import { SQLITE_REVISIONS_MIGRATION } from './sqlite-revisions'

/**
 * Every migration, oldest first; migration `i` brings the schema to version `i + 1`. Never edit
 * a migration that has shipped: append a new one.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE notices (
    id         TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    title      TEXT NOT NULL DEFAULT '',
    symbol     TEXT NOT NULL DEFAULT '',
    language   TEXT NOT NULL DEFAULT '',
    last_seq   INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE INDEX notices_by_update ON notices (updated_at DESC);
  CREATE TABLE updates (
    notice_id TEXT NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    bytes     BLOB NOT NULL,
    PRIMARY KEY (notice_id, seq)
  ) STRICT, WITHOUT ROWID;
  `,
  // Revisions: numbered rows over content-addressed state blobs; frozen ones immutable (version 2).
  SQLITE_REVISIONS_MIGRATION,
  // Accounts, sessions, memberships, server secrets and comments logs (version 3).
  SQLITE_ACCOUNTS_MIGRATION,
  // The notice library's facts and the speakers' directory (version 4).
  SQLITE_LIBRARY_MIGRATION,
]

/** The schema version this server writes: the number of known migrations. */
export const SQLITE_SCHEMA_VERSION = SQLITE_MIGRATIONS.length

/**
 * Brings `db` to `SQLITE_SCHEMA_VERSION`, each migration in its own transaction together with
 * its version bump. Throws if the database is newer than this server.
 */
export function migrateSqlite(db: Database, file: string): void {
  const current = db.pragma('user_version', { simple: true })
  if (typeof current !== 'number') {
    throw new TypeError(`The user_version of ${file} is not a number: ${String(current)}`)
  }
  if (current > SQLITE_SCHEMA_VERSION) {
    throw new Error(
      `The database ${file} has schema version ${current}, newer than this server's ${SQLITE_SCHEMA_VERSION}: upgrade the server`,
    )
  }
  for (let version = current; version < SQLITE_SCHEMA_VERSION; version++) {
    const sql = SQLITE_MIGRATIONS[version] as string
    db.transaction(() => {
      db.exec(sql)
      db.pragma(`user_version = ${version + 1}`)
    })()
  }
}
