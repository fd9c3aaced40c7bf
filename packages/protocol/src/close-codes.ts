/**
 * The websocket close codes of the collaboration server, shared by the server that sends them and
 * the clients that act on them. Their meanings are documented with the wire format in the
 * server's `sync/protocol.ts` and in the README's websocket section.
 */

/** Every close code the server uses. */
export const CLOSE_CODES = {
  GOING_AWAY: 1001,
  MESSAGE_TOO_BIG: 1009,
  INTERNAL_ERROR: 1011,
  MALFORMED_MESSAGE: 4400,
  SESSION_ENDED: 4401,
  PERMISSION_DENIED: 4403,
  UNKNOWN_NOTICE: 4404,
  NOTICE_DELETED: 4410,
  MESSAGE_TOO_LARGE: 4413,
  INVALID_CHANGE: 4422,
  TOO_MANY_MESSAGES: 4429,
  NOTICE_LOAD_FAILED: 4500,
  STORAGE_WRITE_FAILED: 4503,
} as const

/** One of {@link CLOSE_CODES}. */
export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES]
