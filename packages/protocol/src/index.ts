/**
 * The wire contract between Convene's client, server and tests: close codes, room paths, the
 * presence colour, the y-websocket messages, and the zod schemas of every HTTP request and response
 * body (http/, one module per resource) with the limits of what people type. Each side imports it
 * from here, so a shape changed on one side fails to typecheck or fails a test on the other.
 *
 * HTTP is shared zod schemas rather than Hono's typed client (`hc<AppType>`): the server validates
 * requests and types its answers with the same schemas the client parses every answer with, so the
 * guarantee holds at run time too (a bad answer is refused, not trusted), tests and other clients
 * use them without importing the server, and the routes stay plain `Hono` apps.
 */
export { CLOSE_CODES, type CloseCode } from './close-codes'
export {
  type CloseOutcome,
  closeOutcome,
  FINAL_CLOSE_REASONS,
  type FinalCloseReason,
} from './close-outcome'
export {
  DRAFT_PREVIEW_FORMATS,
  draftExportUrl,
  EXPORT_FORMAT_NAMES,
  type ExportFormatName,
  revisionExportUrl,
} from './export-urls'
export {
  type AuthSession,
  authSessionSchema,
  type LoginRequest,
  loginRequestSchema,
} from './http/auth'
export { type ApiErrorBody, apiErrorBodySchema, fieldOfPath } from './http/error-body'
export {
  DISPLAY_NAME_MAX_LENGTH,
  NAME_INPUT_MAX_LENGTH,
  PASSWORD_INPUT_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  REVISION_LABEL_MAX_LENGTH,
  USERNAME_MAX_LENGTH,
  USERNAME_PATTERN,
} from './http/field-limits'
export {
  type Member,
  memberListSchema,
  memberSchema,
  type SetMemberRoleRequest,
  setMemberRoleRequestSchema,
} from './http/members'
export { noContentSchema } from './http/no-content'
export {
  type ImportCreatedResponse,
  type ImportNoticeQuery,
  type ImportPreviewResponse,
  type ImportReportBody,
  importCreatedResponseSchema,
  importNoticeQuerySchema,
  importPreviewResponseSchema,
  importReportSchema,
} from './http/notice-import'
export {
  ARCHIVED_FILTERS,
  type ArchiveNoticeResponse,
  archiveNoticeRequestSchema,
  archiveNoticeResponseSchema,
  type CreateNoticeRequest,
  createNoticeRequestSchema,
  type DuplicateNoticeRequest,
  type DuplicateNoticeResponse,
  duplicateNoticeRequestSchema,
  duplicateNoticeResponseSchema,
  MAX_KEPT_ITEMS,
  NOTICE_SORTS,
  NOTICE_STATUSES,
  type NoticeDetail,
  type NoticeEditor,
  type NoticeListItem,
  type NoticeListQuery,
  type NoticeOrigin,
  type NoticeRecord,
  type NoticeSort,
  type NoticeStatus,
  type NoticeSummary,
  noticeContentSchema,
  noticeDetailSchema,
  noticeEditorSchema,
  noticeLibraryListSchema,
  noticeListItemSchema,
  noticeListQuerySchema,
  noticeListSchema,
  noticeOriginSchema,
  noticeRecordSchema,
  noticeSummarySchema,
  patchNoticeRequestSchema,
} from './http/notices'
export {
  type DatabaseStatus,
  databaseStatusSchema,
  type HealthBody,
  healthBodySchema,
  type ReadyBody,
  type RedisStatus,
  readyBodySchema,
  redisStatusSchema,
} from './http/ops'
export {
  type CompareResult,
  type CompareSide,
  type CreateRevisionRequest,
  compareResultSchema,
  compareSideSchema,
  createRevisionRequestSchema,
  freezeRevisionRequestSchema,
  labelRevisionRequestSchema,
  noticeDiffSchema,
  REVISION_KINDS,
  type RestoreResult,
  type RevisionDetail,
  type RevisionKind,
  type RevisionSummary,
  type RevisionTimeline,
  restoreResultSchema,
  revisionDetailSchema,
  revisionSummarySchema,
  revisionTimelineSchema,
  type TimelineEntry,
  timelineEntrySchema,
} from './http/revisions'
export { isRole, ROLES, type Role, roleSchema } from './http/roles'
export {
  type ApplySpeakerResponse,
  applySpeakerRequestSchema,
  applySpeakerResponseSchema,
  type DirectorySpeaker,
  directorySpeakerSchema,
  type SpeakerDraft,
  type SpeakerPatch,
  type SpeakerPatchResponse,
  speakerDraftSchema,
  speakerPatchResponseSchema,
  speakerPatchSchema,
  speakerSearchQuerySchema,
  speakerSearchResponseSchema,
} from './http/speakers'
export {
  type ParseSymbolRequest,
  type ParseSymbolResponse,
  parseSymbolRequestSchema,
  parseSymbolResponseSchema,
} from './http/symbols'
export {
  type CreateUserRequest,
  createUserRequestSchema,
  type FoundUser,
  foundUserSchema,
  type PublicUser,
  publicUserSchema,
  type RevokedSessions,
  revokedSessionsSchema,
  type UpdateUserRequest,
  updateUserRequestSchema,
  userListSchema,
  userSearchQuerySchema,
  userSearchResponseSchema,
} from './http/users'
export {
  COLLAB_PATH,
  collabServerUrl,
  parseRoomPath,
  ROOM_KINDS,
  type RoomAddress,
  type RoomKind,
  roomName,
  roomPath,
} from './room-path'
export {
  AUTH_TYPES,
  type AwarenessEntry,
  type ClientMessage,
  decodeAwarenessEntries,
  decodeMessage,
  encodeAwarenessEntries,
  encodeAwarenessMessage,
  encodeMessage,
  MESSAGE_TYPES,
  MessageDecodeError,
  type MessageSender,
  SYNC_TYPES,
  type SyncMessage,
} from './sync-messages'
export { isUserColour, USER_COLOURS, type UserColour, userColour } from './user-colour'
