/**
 * The account and comment storages that go with a notice storage: in the same database and on the
 * same connection for the SQL backends (see database-handles.ts), in memory beside a memory one.
 */
import type { AccountStorage } from './account-storage'
import type { CommentStorage } from './comment-storage'
import { databaseHandleOf } from './database-handles'
import { createMemoryAccountStorage } from './memory-account-storage'
import { createMemoryCommentStorage } from './memory-comment-storage'
import { createPostgresAccountStorage } from './postgres-account-storage'
import { createPostgresCommentStorage } from './postgres-comment-storage'
import { createSqliteAccountStorage } from './sqlite-account-storage'
import { createSqliteCommentStorage } from './sqlite-comment-storage'
import type { NoticeStorage } from './storage'

/** The accounts kept beside `notices`. */
export function accountStorageFor(notices: NoticeStorage): AccountStorage {
  const handle = databaseHandleOf(notices)
  if (!handle) return createMemoryAccountStorage()
  if (handle.kind === 'sqlite') return createSqliteAccountStorage(handle.db)
  return createPostgresAccountStorage({ pool: handle.pool, where: handle.where })
}

/** The comments logs kept beside `notices`. */
export function commentStorageFor(notices: NoticeStorage): CommentStorage {
  const handle = databaseHandleOf(notices)
  if (!handle) return createMemoryCommentStorage(notices)
  if (handle.kind === 'sqlite') return createSqliteCommentStorage(handle.db)
  return createPostgresCommentStorage({ pool: handle.pool, where: handle.where })
}
