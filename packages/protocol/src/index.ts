/**
 * The wire contract between Convene's client, server and tests: close codes, room paths, the
 * presence colour, the y-websocket messages and the HTTP bodies (error body included). Each side imports it from here, so a shape changed
 * on one side fails to typecheck or fails a test on the other.
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
export { type ApiErrorBody, apiErrorBodySchema, fieldOfPath } from './http/error-body'
export {
  type DuplicateNoticeRequest,
  type DuplicateNoticeResponse,
  duplicateNoticeRequestSchema,
  duplicateNoticeResponseSchema,
  MAX_KEPT_ITEMS,
  type NoticeOrigin,
  noticeOriginSchema,
} from './http/notices'
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
  type ParseSymbolRequest,
  type ParseSymbolResponse,
  parseSymbolRequestSchema,
  parseSymbolResponseSchema,
} from './symbols-api'
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
