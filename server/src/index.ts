/**
 * @convene/server: the HTTP API and websocket sync server. The only door of this workspace:
 * start a whole server with `startServer`, or assemble one from `createApp` and the parts.
 */

export { COLLAB_PATH } from '@convene/protocol'
export { ROLES, type Role } from './accounts/permissions'
export { type AppDeps, createApp, type HealthBody } from './app'
export { ConfigError, configFromEnv, DEFAULT_CONFIG, type ServerConfig } from './config'
export { ApiError } from './http/api-error'
export type { ClientAssets } from './http/client-assets'
export { createLogger, LOG_LEVELS, type LogLevel } from './logger'
export type { NewNoticeInput, NoticeJson, NoticeListItem } from './notices/notice-service'
export { NoticeService } from './notices/notice-service'
export {
  type CompareJson,
  type RestoreJson,
  type RevisionJson,
  RevisionService,
  type RevisionSummary,
  type RevisionTimeline,
} from './revisions/revision-service'
export { type RunningServer, type StartServerOptions, startServer } from './start-server'
export type { AccountStorage } from './storage/account-storage'
export type { CommentStorage } from './storage/comment-storage'
export type { Database, DatabaseKind } from './storage/database'
export { createMemoryDatabase } from './storage/memory/memory-database'
export { createMemoryStorage } from './storage/memory/memory-storage'
export { DATABASE_FILE, type DatabaseConfig, openDatabase } from './storage/open-database'
export {
  DuplicateRevisionLabelError,
  FrozenRevisionError,
  type RevisionRecord,
  type RevisionStorage,
  UnknownRevisionError,
} from './storage/revision-storage'
export type {
  NewNotice,
  NoticeRecord,
  NoticeStorage,
  NoticeSummary,
  StoredUpdate,
  UpdateAppend,
} from './storage/storage'
export { DuplicateNoticeError, UnknownNoticeError } from './storage/storage'
export type { UpdateLog } from './storage/update-log'
export { noticeUpdateGuard, type UpdateGuard, type UpdateGuardFactory } from './sync/notice-guard'
export { CLOSE_CODES, type CloseCode } from './sync/protocol'
