/**
 * The PostgreSQL schema, as an ordered list of migrations applied when a storage opens. The
 * `schema_migrations` table records each applied migration; every server instance migrates on
 * start, one at a time under an advisory lock, so two instances starting together are safe.
 */
import type { PoolClient } from 'pg'
import { POSTGRES_ACCOUNTS_MIGRATION } from './postgres-accounts-migration'
import { POSTGRES_LIBRARY_MIGRATION } from './postgres-library-migration'
import { POSTGRES_REVISIONS_MIGRATION } from './postgres-revisions'

/** One step of the schema. `version` is its position in {@link POSTGRES_MIGRATIONS} plus one. */
export type PostgresMigration = {
  /** A short description, recorded in `schema_migrations` for whoever reads the database. */
  name: string
  /** The statements to run; they run in one transaction with the bookkeeping row. */
  sql: string
}

/**
 * Every migration, oldest first; migration `i` brings the schema to version `i + 1`. Never edit
 * a migration that has shipped: append a new one.
 */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    name: 'notices and their update logs',
    sql: `
      CREATE TABLE notices (
        id         text PRIMARY KEY,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        title      text NOT NULL DEFAULT '',
        symbol     text NOT NULL DEFAULT '',
        language   text NOT NULL DEFAULT '',
        last_seq   bigint NOT NULL DEFAULT 0
      );
      CREATE INDEX notices_by_update ON notices (updated_at DESC, id);
      CREATE TABLE updates (
        notice_id text NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
        seq       bigint NOT NULL,
        bytes     bytea NOT NULL,
        PRIMARY KEY (notice_id, seq)
      );
    `,
  },
  // Revisions: numbered rows over content-addressed state blobs; frozen ones immutable (version 2).
  POSTGRES_REVISIONS_MIGRATION,
  // Accounts, sessions, memberships, server secrets and comments logs (version 3).
  POSTGRES_ACCOUNTS_MIGRATION,
  // The notice library's facts and the speakers' directory (version 4).
  POSTGRES_LIBRARY_MIGRATION,
]

/** The schema version this server writes: the number of known migrations. */
export const POSTGRES_SCHEMA_VERSION = POSTGRES_MIGRATIONS.length

/**
 * The advisory lock key that serialises migrations ("Conv" in ASCII). Advisory locks are
 * per database, so instances using different schemas of one database merely take turns.
 */
export const MIGRATION_LOCK_KEY = 0x436f6e76

const LOCK_MIGRATIONS = 'SELECT pg_advisory_xact_lock($1)'

const CREATE_MIGRATIONS_TABLE = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version    integer PRIMARY KEY,
    name       text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`

const SELECT_CURRENT_VERSION = 'SELECT coalesce(max(version), 0) AS version FROM schema_migrations'

const RECORD_MIGRATION = 'INSERT INTO schema_migrations (version, name) VALUES ($1, $2)'

/**
 * Brings the schema that `client`'s `search_path` points at to {@link POSTGRES_SCHEMA_VERSION}.
 * Each migration runs in its own transaction, together with its `schema_migrations` row, while
 * holding the migration advisory lock; the version is read again under the lock, so a migration
 * that another instance applied meanwhile is not applied twice. Throws if the database is newer
 * than this server. `where` names the database in messages.
 */
export async function migratePostgres(client: PoolClient, where: string): Promise<void> {
  for (;;) {
    await client.query('BEGIN')
    try {
      await client.query(LOCK_MIGRATIONS, [MIGRATION_LOCK_KEY])
      await client.query(CREATE_MIGRATIONS_TABLE)
      const { rows } = await client.query<{ version: number }>(SELECT_CURRENT_VERSION)
      const current = rows[0]?.version ?? 0
      if (current > POSTGRES_SCHEMA_VERSION) {
        throw new Error(
          `The database ${where} has schema version ${current}, newer than this server's ${POSTGRES_SCHEMA_VERSION}: upgrade the server`,
        )
      }
      const migration = POSTGRES_MIGRATIONS[current]
      if (!migration) {
        await client.query('COMMIT')
        return
      }
      try {
        await client.query(migration.sql)
      } catch (cause) {
        throw new Error(`Migration ${current + 1} (${migration.name}) failed on ${where}`, { cause })
      }
      await client.query(RECORD_MIGRATION, [current + 1, migration.name])
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        // The connection is broken; the original error says why, and the server does not start.
      })
      throw error
    }
  }
}
