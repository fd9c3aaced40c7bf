/**
 * The database behind a `NoticeStorage`, for storages of other things (revisions) that live in the
 * same database and share its connection: each SQL backend registers its handle when it opens, and
 * the others look it up here. No handle is ever exposed through `NoticeStorage` itself.
 */
import type { Database } from 'better-sqlite3'
import type { Pool } from 'pg'
import type { NoticeStorage } from './storage'

/** The open database of a SQL notice storage. */
export type DatabaseHandle =
  | {
      kind: 'sqlite'
      db: Database
      /** The file, for messages. */
      file: string
      now: () => number
    }
  | {
      kind: 'postgres'
      pool: Pool
      /** The database (URL without password, and schema), for messages. */
      where: string
      now: () => number
    }

const handles = new WeakMap<NoticeStorage, DatabaseHandle>()

/** Records that `storage` keeps its data in `handle`'s database; called by the backend that opens it. */
export function registerDatabaseHandle(storage: NoticeStorage, handle: DatabaseHandle): void {
  handles.set(storage, handle)
}

/** The database `storage` keeps its data in, or null for a storage that registered none (memory). */
export function databaseHandleOf(storage: NoticeStorage): DatabaseHandle | null {
  return handles.get(storage) ?? null
}
