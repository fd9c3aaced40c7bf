/**
 * The collaboration wire protocol: the y-websocket protocol (y-protocols sync + awareness) as
 * this server speaks it, the validating decoder for what clients send, and the close codes.
 *
 * Every websocket message is one binary frame (text frames are refused). Integers are lib0
 * `varUint`s; `varUint8Array` is a varUint length followed by that many bytes; `varString` is a
 * varUint8Array of UTF-8.
 *
 * ```
 * message            = varUint(messageType) body
 *
 * messageType 0  sync         body = varUint(syncType) varUint8Array(payload)
 *     syncType 0  step 1      payload = Yjs state vector          "send me what I lack"
 *     syncType 1  step 2      payload = Yjs V1 update             the answer to a step 1
 *     syncType 2  update      payload = Yjs V1 update             a live change
 * messageType 1  awareness    body = varUint8Array(awarenessUpdate)
 *     awarenessUpdate = varUint(n) n * ( varUint(clientId) varUint(clock) varString(JSON state) )
 * messageType 2  auth         server -> client only: varUint(0 = permission denied) varString(reason)
 *                              (y-protocols/auth `writePermissionDenied`), sent just before a 4403 close
 * messageType 3  query        body = nothing: "send me every awareness state"
 * ```
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
 * | 4413 | MESSAGE_TOO_LARGE    | a message or awareness state over the server's limits, or an      | stops  |
 * |      |                      | update over the work budget of update-budget.ts (too many client  |        |
 * |      |                      | ids or deleted ranges in one update)                              |        |
 * | 4429 | TOO_MANY_MESSAGES    | more messages than MAX_MESSAGES_PER_SECOND (after a burst of      | stops  |
 * |      |                      | MAX_MESSAGE_BURST), counted per connection before decoding         |        |
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
import { CLOSE_CODES, type CloseCode } from '@convene/protocol'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { writePermissionDenied } from 'y-protocols/auth'
import * as Y from 'yjs'
import { BudgetedUpdateDecoderV1, UpdateBudgetError } from './update-budget'

export { CLOSE_CODES, type CloseCode } from '@convene/protocol'

/** The top-level message types (the first varUint of every message). */
export const MESSAGE_TYPES = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const

/** The sync message subtypes (the second varUint of a sync message). */
export const SYNC_TYPES = { step1: 0, step2: 1, update: 2 } as const

/** Size limits the decoder enforces, in bytes. */
export type ProtocolLimits = {
  /** The largest message accepted (the websocket layer should refuse larger frames first). */
  maxMessageBytes: number
  /** The largest awareness state accepted (one client's presence, as JSON): it is relayed to everyone. */
  maxAwarenessBytes: number
}

/** A validated message from a client. Byte arrays are private copies, exactly sized. */
export type ClientMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'sync-step-2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }

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

function readUint(decoder: decoding.Decoder, what: string): number {
  try {
    return decoding.readVarUint(decoder)
  } catch (cause) {
    throw malformed(`Malformed message: cannot read the ${what} (truncated or out-of-range varUint)`, cause)
  }
}

/** Reads a varUint8Array into a fresh, exactly sized copy, so later decoding cannot read past it. */
function readBytes(decoder: decoding.Decoder, what: string): Uint8Array {
  const length = readUint(decoder, `length of the ${what}`)
  const remaining = decoder.arr.length - decoder.pos
  if (length > remaining) {
    throw malformed(`Malformed message: the ${what} claims ${length} bytes but only ${remaining} follow`)
  }
  const bytes = new Uint8Array(decoder.arr.subarray(decoder.pos, decoder.pos + length))
  decoder.pos += length
  return bytes
}

function expectEnd(decoder: decoding.Decoder, what: string): void {
  const trailing = decoder.arr.length - decoder.pos
  if (trailing !== 0) throw malformed(`Malformed message: ${trailing} unexpected bytes after the ${what}`)
}

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

function checkStateVector(stateVector: Uint8Array): void {
  try {
    // Y.decodeStateVector would ignore trailing bytes: walk the entries to insist on an exact fit.
    const decoder = decoding.createDecoder(stateVector)
    const entries = decoding.readVarUint(decoder)
    for (let i = 0; i < entries; i++) {
      decoding.readVarUint(decoder)
      decoding.readVarUint(decoder)
    }
    expectEnd(decoder, 'state vector')
  } catch (cause) {
    if (cause instanceof ProtocolError) throw cause
    throw malformed('Malformed sync step 1: not a valid Yjs state vector', cause)
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Decodes an awareness update completely (every state must be JSON of at most `maxStateBytes`)
 * before anything applies it. The limit is per state, not per update: stock y-websocket clients
 * echo every update they receive, and the server sends a joining client every state at once.
 */
function checkAwareness(update: Uint8Array, maxStateBytes: number): void {
  const decoder = decoding.createDecoder(update)
  const entries = readUint(decoder, 'number of awareness entries')
  for (let i = 0; i < entries; i++) {
    const clientId = readUint(decoder, 'awareness client id')
    readUint(decoder, 'awareness clock')
    const state = readBytes(decoder, 'awareness state')
    if (state.length > maxStateBytes) {
      throw new ProtocolError(
        CLOSE_CODES.MESSAGE_TOO_LARGE,
        `Awareness state of client ${clientId} is ${state.length} bytes, over the limit of ${maxStateBytes} bytes`,
      )
    }
    try {
      JSON.parse(utf8.decode(state))
    } catch (cause) {
      throw malformed(`Malformed awareness update: entry ${i} is not UTF-8 JSON`, cause)
    }
  }
  expectEnd(decoder, 'awareness update')
}

/**
 * Decodes and validates one message from a client. Throws {@link ProtocolError} (never anything
 * else) naming what is wrong; nothing is applied anywhere, so a refused message changes nothing.
 */
export function decodeClientMessage(data: Uint8Array, limits: ProtocolLimits): ClientMessage {
  if (data.length > limits.maxMessageBytes) {
    throw new ProtocolError(
      CLOSE_CODES.MESSAGE_TOO_LARGE,
      `Message of ${data.length} bytes exceeds the limit of ${limits.maxMessageBytes} bytes`,
    )
  }
  if (data.length === 0) throw malformed('Malformed message: empty')
  const decoder = decoding.createDecoder(data)
  const messageType = readUint(decoder, 'message type')
  switch (messageType) {
    case MESSAGE_TYPES.sync: {
      const syncType = readUint(decoder, 'sync message type')
      if (syncType === SYNC_TYPES.step1) {
        const stateVector = readBytes(decoder, 'state vector')
        expectEnd(decoder, 'sync step 1')
        checkStateVector(stateVector)
        return { type: 'sync-step-1', stateVector }
      }
      if (syncType === SYNC_TYPES.step2 || syncType === SYNC_TYPES.update) {
        const what = syncType === SYNC_TYPES.step2 ? 'sync step 2' : 'update'
        const update = readBytes(decoder, what)
        expectEnd(decoder, what)
        checkUpdate(update, what)
        return syncType === SYNC_TYPES.step2 ? { type: 'sync-step-2', update } : { type: 'update', update }
      }
      throw malformed(`Unknown sync message type ${syncType}`)
    }
    case MESSAGE_TYPES.awareness: {
      const update = readBytes(decoder, 'awareness update')
      expectEnd(decoder, 'awareness message')
      checkAwareness(update, limits.maxAwarenessBytes)
      return { type: 'awareness', update }
    }
    case MESSAGE_TYPES.queryAwareness:
      expectEnd(decoder, 'awareness query')
      return { type: 'query-awareness' }
    default:
      throw malformed(`Unknown message type ${messageType}`)
  }
}

const message = (write: (encoder: encoding.Encoder) => void): Uint8Array => {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** Encodes sync step 1 carrying `doc`'s state vector. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  return message((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_TYPES.sync)
    encoding.writeVarUint(encoder, SYNC_TYPES.step1)
    encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc))
  })
}

/** Encodes sync step 2 carrying `update` (what the peer lacks). */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return message((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_TYPES.sync)
    encoding.writeVarUint(encoder, SYNC_TYPES.step2)
    encoding.writeVarUint8Array(encoder, update)
  })
}

/** Encodes a live document update. */
export function encodeUpdate(update: Uint8Array): Uint8Array {
  return message((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_TYPES.sync)
    encoding.writeVarUint(encoder, SYNC_TYPES.update)
    encoding.writeVarUint8Array(encoder, update)
  })
}

/** Encodes an auth message saying that a change was refused, and why (y-protocols/auth). */
export function encodePermissionDenied(reason: string): Uint8Array {
  return message((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_TYPES.auth)
    writePermissionDenied(encoder, reason)
  })
}

/** Encodes an awareness message carrying `update` (from `encodeAwarenessUpdate`). */
export function encodeAwareness(update: Uint8Array): Uint8Array {
  return message((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_TYPES.awareness)
    encoding.writeVarUint8Array(encoder, update)
  })
}
