/**
 * The collaboration wire protocol as this server speaks it: the y-websocket protocol (y-protocols
 * sync + awareness), whose messages are encoded and decoded in `@convene/protocol`
 * (sync-messages.ts documents the wire format), the checks the server adds to what clients send,
 * and the close codes. Text frames are refused.
 *
 * A connection goes like this: on open, the server sends sync step 1 and the awareness states it
 * knows; the client sends its own step 1 (answered by step 2 once everything the room accepted so
 * far is on disk) and its step 2 (applied like an update). An update a client sends is
 * validated, applied to the room's document, appended to storage and only then broadcast to the
 * other clients. Awareness updates are relayed to every client, the sender included (y-websocket
 * clients reconnect when they hear nothing for 30 s), and are never stored. Each state is signed
 * with the identity of the connection's user; an entry for an awareness client id that another
 * user's connection owns is dropped without closing anyone (stock clients echo others' states and
 * expire those not renewed for 30 s), so nobody can appear as someone else or remove their cursor.
 * Each state, as sent and as relayed with that identity, is at most `maxAwarenessBytes`: per
 * state, not per update, since stock clients echo every update they receive (a joiner's holds
 * every state of the room), and an echo over the limit would close them. Only V1 updates are
 * accepted: V2 decoding of hostile bytes has looped (yjs#687).
 *
 * The message must be exactly that: no trailing bytes. Anything else closes the sender, and only
 * the sender, with one of {@link CLOSE_CODES}:
 *
 * | code | name                 | when                                                              | client |
 * |------|----------------------|-------------------------------------------------------------------|--------|
 * | 1001 | GOING_AWAY           | the server is shutting down                                       | retries|
 * | 1009 | MESSAGE_TOO_BIG      | a frame exceeded the websocket `maxPayload` (sent by `ws` itself) | retries|
 * | 1011 | INTERNAL_ERROR       | an unexpected server error on this connection (a bug: logged)     | retries|
 * | 4400 | MALFORMED_MESSAGE    | undecodable message, unknown type, trailing bytes, text frame      | stops  |
 * | 4401 | SESSION_ENDED        | the connection's session ended (sign-out, expiry, revocation, the  | stops  |
 * |      |                      | user disabled or deleted): sign in again, then reconnect           |        |
 * | 4403 | PERMISSION_DENIED    | a change the connection's role does not allow (text or metadata    | stops  |
 * |      |                      | from a reviewer or viewer, a comment that is not the user's own),  |        |
 * |      |                      | preceded by an auth permission-denied message naming the role;     |        |
 * |      |                      | nothing of it is applied. Also when the user's role on the notice  |        |
 * |      |                      | changed or was revoked: read the new role (GET /api/notices/:id),  |        |
 * |      |                      | then reconnect                                                     |        |
 * | 4404 | UNKNOWN_NOTICE       | the path names no room, or the notice does not exist              | stops  |
 * | 4410 | NOTICE_DELETED       | the notice was deleted while connected                            | stops  |
 * | 4413 | MESSAGE_TOO_LARGE    | a message or awareness state over the server's limits, more       | stops  |
 * |      |                      | awareness client ids on one connection than presence-rules.ts     |        |
 * |      |                      | allow, or an update over the work budget of update-budget.ts (too |        |
 * |      |                      | many client ids or deleted ranges in one update)                  |        |
 * | 4422 | INVALID_CHANGE       | a comment change outside the comments layout, with an anchor not   | stops  |
 * |      |                      | resolving in the notice's text or a time far from the server's    |        |
 * |      |                      | clock (comments/comments-guard.ts); or                            |        |
 * |      |                      | an update (or sync step 2) that would leave the notice invalid:    |        |
 * |      |                      | an element, attribute or mark the schema does not know or of the  |        |
 * |      |                      | wrong type, content out of place, nesting deeper than 32, a       |        |
 * |      |                      | metadata value the metadata rules refuse (see notice-guard.ts);   |        |
 * |      |                      | preceded by an auth permission-denied message naming the problem; |        |
 * |      |                      | nothing of it is stored or relayed                                |        |
 * | 4429 | TOO_MANY_MESSAGES    | more messages than MAX_MESSAGES_PER_SECOND (after a burst of      | stops  |
 * |      |                      | MAX_MESSAGE_BURST), counted per connection before decoding; more   |        |
 * |      |                      | comment changes than MAX_COMMENT_WRITES_PER_MINUTE, or more bytes  |        |
 * |      |                      | to check than MAX_WORK_BYTES_PER_SECOND (2 s burst)                |        |
 * | 4500 | NOTICE_LOAD_FAILED   | the stored notice cannot be loaded (corrupt): nothing is written  | retries|
 * | 4503 | STORAGE_WRITE_FAILED | an accepted update could not be stored: the room was closed and   | retries|
 * |      |                      | reloads from storage; reconnecting clients resend through sync    |        |
 *
 * ("client": what the stock y-websocket provider does; it stops on 4400-4499.)
 *
 * A client that stops reading is not closed but dropped: once more than MAX_BUFFERED_BYTES wait
 * to be sent to it, its socket is destroyed without a close frame (which could not reach it
 * anyway), and the client sees 1006 and retries (see backpressure.ts). An address that already
 * holds MAX_CONNECTIONS_PER_IP websockets gets `HTTP 429` on its next upgrade request.
 *
 * Before any of this, the upgrade request itself is checked (see accounts/upgrade-access.ts): an
 * Origin that is not allowed gets `HTTP 403`, missing or invalid credentials `HTTP 401`, and
 * the socket is never upgraded. A user without a role on the notice is upgraded and closed at once
 * with 4404, exactly like a notice that does not exist, and is sent nothing else.
 *
 * @module
 */
import {
  CLOSE_CODES,
  type ClientMessage,
  type CloseCode,
  decodeAwarenessEntries,
  decodeMessage,
  MessageDecodeError,
} from '@convene/protocol'
import type * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { BudgetedUpdateDecoderV1, UpdateBudgetError } from './update-budget'

export { CLOSE_CODES, type ClientMessage, type CloseCode } from '@convene/protocol'

/** Size limits the decoder enforces, in bytes. */
export type ProtocolLimits = {
  /** The largest message accepted (the websocket layer should refuse larger frames first). */
  maxMessageBytes: number
  /** The largest awareness state accepted (one client's presence, as JSON): it is relayed to everyone. */
  maxAwarenessBytes: number
  /**
   * The most entries one awareness update may carry (none: any number). A stock client echoes
   * every state its room holds, so this is the room's cap of states plus one connection's ids.
   */
  maxAwarenessEntries?: number
}

/** A client sent something this protocol refuses; `closeCode` is what the connection closes with. */
export class ProtocolError extends Error {
  /** The close code the sender's connection gets. */
  readonly closeCode: CloseCode
  constructor(closeCode: CloseCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'ProtocolError'
    this.closeCode = closeCode
  }
}

const malformed = (message: string, cause?: unknown): ProtocolError =>
  new ProtocolError(CLOSE_CODES.MALFORMED_MESSAGE, message, cause === undefined ? undefined : { cause })

/** The byte decoder of the last {@link MeasuringDecoderV1}, to see how far a decode got. */
let measured: decoding.Decoder | null = null

/**
 * Yjs' own V1 update decoder, within the work budget of update-budget.ts, remembering its byte
 * decoder so that trailing bytes can be seen.
 */
class MeasuringDecoderV1 extends BudgetedUpdateDecoderV1 {
  constructor(decoder: decoding.Decoder) {
    super(decoder)
    measured = decoder
  }
}

/**
 * Checks that `update` is exactly one well-formed Yjs V1 update by decoding it fully, without
 * any document. Insisting that every byte is consumed also refuses V2 updates, whose first
 * bytes happen to read as an (empty) V1 update.
 */
function checkUpdate(update: Uint8Array, what: string): void {
  measured = null
  try {
    Y.decodeUpdateV2(update, MeasuringDecoderV1)
  } catch (cause) {
    if (cause instanceof UpdateBudgetError) {
      throw new ProtocolError(CLOSE_CODES.MESSAGE_TOO_LARGE, `Refused ${what}: ${cause.message}`, { cause })
    }
    throw malformed(`Malformed ${what}: not a valid Yjs V1 update`, cause)
  }
  // (A cast: the assignment happens inside the decoder's constructor, out of TypeScript's sight.)
  const consumed = (measured as decoding.Decoder | null)?.pos ?? -1
  if (consumed !== update.length) {
    throw malformed(
      `Malformed ${what}: a Yjs V1 update of ${consumed} bytes followed by ${update.length - consumed} more (V2 updates are not accepted)`,
    )
  }
}

/**
 * Decodes and validates one message from a client: the message itself, every V1 update in it
 * (within the work budget), and every awareness state (JSON of at most `maxAwarenessBytes`; per
 * state, not per update, since stock clients echo every state they receive; at most
 * `maxAwarenessEntries` of them). Throws
 * {@link ProtocolError} (never anything else) naming what is wrong; nothing is applied anywhere,
 * so a refused message changes nothing.
 */
export function decodeClientMessage(data: Uint8Array, limits: ProtocolLimits): ClientMessage {
  if (data.length > limits.maxMessageBytes) {
    throw new ProtocolError(
      CLOSE_CODES.MESSAGE_TOO_LARGE,
      `Message of ${data.length} bytes exceeds the limit of ${limits.maxMessageBytes} bytes`,
    )
  }
  try {
    const message = decodeMessage(data, 'client')
    if (message.type === 'sync-step-2') checkUpdate(message.update, 'sync step 2')
    if (message.type === 'update') checkUpdate(message.update, 'update')
    if (message.type === 'awareness') {
      decodeAwarenessEntries(message.update, {
        maxStateBytes: limits.maxAwarenessBytes,
        ...(limits.maxAwarenessEntries === undefined ? {} : { maxEntries: limits.maxAwarenessEntries }),
      })
    }
    return message
  } catch (error) {
    if (!(error instanceof MessageDecodeError)) throw error
    const code = error.problem === 'too-large' ? CLOSE_CODES.MESSAGE_TOO_LARGE : CLOSE_CODES.MALFORMED_MESSAGE
    throw new ProtocolError(code, error.message, { cause: error })
  }
}
