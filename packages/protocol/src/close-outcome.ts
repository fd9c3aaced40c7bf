/**
 * What a client does after the server closed its collaboration socket with a given code: come back
 * (with backoff, resending through the sync handshake what the server lacks) or stop, and why.
 * Codes this table does not know follow their range: 4400-4499 is a deliberate refusal, anything
 * else a passing fault, so a code added on the server never strands a client that does not know it.
 */
import { CLOSE_CODES } from './close-codes'

/** Why a client stopped for good: the words it shows and whether it may sign in and carry on. */
export const FINAL_CLOSE_REASONS = [
  'session-ended',
  'permission-denied',
  'notice-missing',
  'notice-deleted',
  'refused',
] as const

/** One of {@link FINAL_CLOSE_REASONS}. */
export type FinalCloseReason = (typeof FINAL_CLOSE_REASONS)[number]

/** What a close code means to a client: retry, or stop for a reason. */
export type CloseOutcome = { kind: 'retry' } | { kind: 'final'; reason: FinalCloseReason }

const FINAL_BY_CODE: ReadonlyMap<number, FinalCloseReason> = new Map([
  [CLOSE_CODES.SESSION_ENDED, 'session-ended'],
  [CLOSE_CODES.PERMISSION_DENIED, 'permission-denied'],
  [CLOSE_CODES.UNKNOWN_NOTICE, 'notice-missing'],
  [CLOSE_CODES.NOTICE_DELETED, 'notice-deleted'],
  [CLOSE_CODES.MALFORMED_MESSAGE, 'refused'],
])

/**
 * Close codes in the 4400 range after which a client comes back all the same: the refusal was of
 * a rate or a size, which a fresh connection (sending one merged sync message) does not repeat.
 */
const RETRIED_REFUSALS: ReadonlySet<number> = new Set([
  CLOSE_CODES.TOO_MANY_MESSAGES,
  CLOSE_CODES.MESSAGE_TOO_LARGE,
])

/** The outcome of close code `code` (1006, no code at all, counts as a passing fault). */
export function closeOutcome(code: number): CloseOutcome {
  const reason = FINAL_BY_CODE.get(code)
  if (reason) return { kind: 'final', reason }
  if (code >= 4400 && code < 4500 && !RETRIED_REFUSALS.has(code)) return { kind: 'final', reason: 'refused' }
  return { kind: 'retry' }
}
