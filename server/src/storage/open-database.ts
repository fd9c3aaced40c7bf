/**
 * The one place the backend is chosen: PostgreSQL when the configuration names a database URL,
 * else SQLite in the data directory. The server, the CLI and the tests open storage through it.
 */
import { join } from 'node:path'
import type { Database } from './database'
import { openSqliteDatabase } from './sqlite/sqlite-database'

/** The file name of the SQLite database inside the data directory. */
export const DATABASE_FILE = 'convene.sqlite'

/** What {@link openDatabase} needs to know. */
export type DatabaseConfig = {
  /** Where the SQLite file {@link DATABASE_FILE} lives (used when `databaseUrl` is not set). */
  dataDir: string
  /** A `postgres://` URL selecting PostgreSQL. */
  databaseUrl?: string | null
  /** The clock, in milliseconds since the epoch (defaults to `Date.now`). */
  now?: () => number
  /** Told when an idle PostgreSQL connection fails (the pool replaces it). */
  onIdleClientError?: (error: Error) => void
}

/**
 * Opens (creating and migrating as needed) the database `config` names, with every store on it.
 * Rejects naming the database when it cannot be opened or migrated.
 */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  const clock = config.now ? { now: config.now } : {}
  if (!config.databaseUrl) return openSqliteDatabase({ file: join(config.dataDir, DATABASE_FILE), ...clock })
  // Loaded only for PostgreSQL: node-postgres would otherwise sit in every SQLite server's memory.
  const { openPostgresDatabase } = await import('./postgres/postgres-database')
  return openPostgresDatabase({
    url: config.databaseUrl,
    ...clock,
    ...(config.onIdleClientError ? { onIdleClientError: config.onIdleClientError } : {}),
  })
}
