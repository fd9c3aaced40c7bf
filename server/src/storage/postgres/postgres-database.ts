/**
 * The PostgreSQL database (node-postgres, one pool per server instance), for deployments where
 * several server instances share one database: opens the pool, migrates the schema, and keeps
 * every store (notices, revisions, accounts, comments) on that pool.
 */
import { Pool } from 'pg'
import { type Database, databaseOf } from '../database'
import { redactDatabaseUrl } from '../redact-url'
import { createPostgresAccountStorage } from './postgres-account-storage'
import { createPostgresCommentStorage } from './postgres-comment-storage'
import { createPostgresLibraryStorage } from './postgres-library-storage'
import { migratePostgres } from './postgres-migrations'
import { createPostgresRevisionStorage } from './postgres-revisions'
import { createPostgresSpeakerStorage } from './postgres-speaker-storage'
import { createPostgresNoticeStorage } from './postgres-storage'

/** Options of {@link openPostgresDatabase}. */
export type PostgresDatabaseOptions = {
  /** A `postgres://` or `postgresql://` connection URL. */
  url: string
  /**
   * The schema to keep the tables in (it must exist), set as the connections' `search_path`;
   * defaults to the server's `search_path` (usually `public`). Lowercase letters, digits and `_`.
   */
  schema?: string
  /** The clock, in milliseconds since the epoch (defaults to `Date.now`). */
  now?: () => number
  /** The most connections this instance opens (defaults to 10). */
  maxConnections?: number
  /** How long to wait for a connection before failing, in milliseconds (defaults to 10 000). */
  connectTimeoutMs?: number
  /**
   * Told when an idle pooled connection fails (the database restarted, the network dropped).
   * No data is at stake: the pool discards the connection and opens another when needed.
   */
  onIdleClientError?: (error: Error) => void
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/

/**
 * Opens a pool to the database at `options.url` and brings its schema up to date (see
 * `migratePostgres`), with every store on that pool. Rejects, having closed the pool, when the
 * database cannot be reached or migrated.
 */
export async function openPostgresDatabase(options: PostgresDatabaseOptions): Promise<Database> {
  const { url, schema } = options
  const now = options.now ?? Date.now
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new RangeError(`The PostgreSQL schema name "${schema}" is not of the form ${SCHEMA_NAME.source}`)
  }
  const where = schema ? `${redactDatabaseUrl(url)} (schema ${schema})` : redactDatabaseUrl(url)
  const onIdleClientError = options.onIdleClientError ?? (() => {})

  const pool = new Pool({
    connectionString: url,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    application_name: 'convene',
  })
  // Without a listener, an idle connection's failure would be an uncaught 'error' event.
  pool.on('error', onIdleClientError)

  try {
    const client = await pool.connect()
    try {
      await migratePostgres(client, where)
    } finally {
      client.release()
    }
  } catch (cause) {
    await pool.end().catch(() => {
      // The pool is being abandoned; the cause below is what the operator needs.
    })
    throw new Error(`Cannot prepare the PostgreSQL database ${where}`, { cause })
  }
  return databaseOf('postgres', {
    notices: createPostgresNoticeStorage({ pool, where, now }),
    revisions: createPostgresRevisionStorage({ pool, where, now }),
    accounts: createPostgresAccountStorage({ pool, where }),
    comments: createPostgresCommentStorage({ pool, where }),
    library: createPostgresLibraryStorage({ pool, where }),
    speakers: createPostgresSpeakerStorage({ pool, where }),
  })
}
