/**
 * @convene/server: the HTTP API and websocket sync server. The only door of this workspace:
 * start a whole server with `startServer`, or assemble one from `createApp` and the parts.
 */

export { ROLES, type Role } from './accounts/permissions'
export { type AppDeps, createApp, type HealthBody } from './app'
export { ConfigError, configFromEnv, DEFAULT_CONFIG, type ServerConfig } from './config'
export { ApiError, type ApiErrorBody } from './http/api-error'
export type { ClientAssets } from './http/client-assets'
export { createLogger, LOG_LEVELS, type LogLevel } from './logger'
export type { NewNoticeInput, NoticeJson, NoticeListItem } from './notices/notice-service'
export { NoticeService } from './notices/notice-service'
export {
  type CompareJson,
  type RestoreJson,
  type RevisionExportInput,
  type RevisionJson,
  RevisionService,
  type RevisionSummary,
  type RevisionTimeline,
} from './revisions/revision-service'
export { DATABASE_FILE, type RunningServer, type StartServerOptions, startServer } from './start-server'
export type { AccountStorage } from './storage/account-storage'
export type { CommentStorage } from './storage/comment-storage'
export { accountStorageFor, commentStorageFor } from './storage/companion-storages'
export { type DatabaseHandle, databaseHandleOf } from './storage/database-handles'
export { createMemoryStorage } from './storage/memory-storage'
export { revisionStorageFor } from './storage/open-revision-storage'
export {
  DuplicateRevisionLabelError,
  FrozenRevisionError,
  type RevisionRecord,
  type RevisionStorage,
  UnknownRevisionError,
} from './storage/revision-storage'
export { openSqliteStorage } from './storage/sqlite-storage'
export type {
  NewNotice,
  NoticeRecord,
  NoticeStorage,
  NoticeSummary,
  StoredUpdate,
  UpdateAppend,
} from './storage/storage'
export { DuplicateNoticeError, UnknownNoticeError } from './storage/storage'
export { CLOSE_CODES, type CloseCode, MESSAGE_TYPES, SYNC_TYPES } from './sync/protocol'
export { COLLAB_PATH } from './sync/room-path'
