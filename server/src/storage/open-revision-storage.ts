/**
 * The revision storage that goes with a notice storage: in the same database and on the same
 * connection (SQLite) or pool (PostgreSQL) for the SQL backends (see database-handles.ts), in
 * memory beside a memory one.
 */
import { databaseHandleOf } from './database-handles'
import { createMemoryRevisionStorage } from './memory-revisions'
import { createPostgresRevisionStorage } from './postgres-revisions'
import type { RevisionStorage } from './revision-storage'
import { createSqliteRevisionStorage } from './sqlite-revisions'
import type { NoticeStorage } from './storage'

/** The revisions kept beside `notices`. */
export function revisionStorageFor(notices: NoticeStorage): RevisionStorage {
  const handle = databaseHandleOf(notices)
  if (!handle) return createMemoryRevisionStorage({ notices })
  if (handle.kind === 'sqlite') return createSqliteRevisionStorage({ db: handle.db, now: handle.now })
  return createPostgresRevisionStorage({ pool: handle.pool, where: handle.where, now: handle.now })
}
