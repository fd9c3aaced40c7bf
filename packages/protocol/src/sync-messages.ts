/**
 * The y-websocket messages (y-protocols sync, awareness and auth), encoded and decoded in both
 * directions: the server, the test clients and the benchmarks all read and write them here. The
 * decoders take untrusted bytes: they read every field, insist on an exact fit and throw a
 * {@link MessageDecodeError} naming what is wrong, never anything else.
 *
 * Every websocket message is one binary frame. Integers are lib0 `varUint`s; `varUint8Array` is a
 * varUint length followed by that many bytes; `varString` is a varUint8Array of UTF-8.
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
 *                       (state `null`: the client left)
 * messageType 2  auth         server -> client only: varUint(0 = permission denied) varString(reason)
 * messageType 3  query        body = nothing: "send me every awareness state"
 *
 * stateVector        = varUint(n) n * ( varUint(clientId) varUint(clock) )
 * ```
 *
 * The payload of a sync message is kept as bytes: whether it is a Yjs update that may be applied
 * is for the receiver to decide (the server checks it within a work budget).
 *
 * @module
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { messagePermissionDenied, writePermissionDenied } from 'y-protocols/auth'
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync'

/** The top-level message types (the first varUint of every message). */
export const MESSAGE_TYPES = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const

/** The sync message subtypes (the second varUint of a sync message), as y-protocols numbers them. */
export const SYNC_TYPES = {
  step1: messageYjsSyncStep1,
  step2: messageYjsSyncStep2,
  update: messageYjsUpdate,
} as const

/** The auth message subtypes (y-protocols/auth). */
export const AUTH_TYPES = { permissionDenied: messagePermissionDenied } as const

/** One message, either direction. Byte arrays of decoded messages are private, exactly sized copies. */
export type SyncMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'sync-step-2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }
  | { type: 'permission-denied'; reason: string }

/** A message a client may send: everything but auth, which only the server sends. */
export type ClientMessage = Exclude<SyncMessage, { type: 'permission-denied' }>

/** Who sent the bytes being decoded: a client may not send auth messages. */
export type MessageSender = 'client' | 'server'

/** One client's announced presence in an awareness update: `state` is null when the client leaves. */
export type AwarenessEntry = { clientId: number; clock: number; state: unknown }

/**
 * Bytes that are not a message of this protocol. `problem` is `too-large` when only a size limit
 * given to the decoder was exceeded, `malformed` otherwise.
 */
export class MessageDecodeError extends Error {
  /** What kind of refusal this is. */
  readonly problem: 'malformed' | 'too-large'
  constructor(message: string, options?: ErrorOptions & { problem?: 'malformed' | 'too-large' }) {
    super(message, options)
    this.name = 'MessageDecodeError'
    this.problem = options?.problem ?? 'malformed'
  }
}

const write = (fill: (encoder: encoding.Encoder) => void): Uint8Array => {
  const encoder = encoding.createEncoder()
  fill(encoder)
  return encoding.toUint8Array(encoder)
}

/** Encodes `message`; {@link decodeMessage} reads it back. */
export function encodeMessage(message: SyncMessage): Uint8Array {
  return write((encoder) => {
    switch (message.type) {
      case 'sync-step-1':
        return writeSync(encoder, SYNC_TYPES.step1, message.stateVector)
      case 'sync-step-2':
        return writeSync(encoder, SYNC_TYPES.step2, message.update)
      case 'update':
        return writeSync(encoder, SYNC_TYPES.update, message.update)
      case 'awareness':
        encoding.writeVarUint(encoder, MESSAGE_TYPES.awareness)
        return encoding.writeVarUint8Array(encoder, message.update)
      case 'query-awareness':
        return encoding.writeVarUint(encoder, MESSAGE_TYPES.queryAwareness)
      case 'permission-denied':
        encoding.writeVarUint(encoder, MESSAGE_TYPES.auth)
        return writePermissionDenied(encoder, message.reason)
    }
  })
}

function writeSync(encoder: encoding.Encoder, syncType: number, payload: Uint8Array): void {
  encoding.writeVarUint(encoder, MESSAGE_TYPES.sync)
  encoding.writeVarUint(encoder, syncType)
  encoding.writeVarUint8Array(encoder, payload)
}

/** An awareness message announcing `entries` (`encodeMessage` of their awareness update). */
export function encodeAwarenessMessage(entries: readonly AwarenessEntry[]): Uint8Array {
  return encodeMessage({ type: 'awareness', update: encodeAwarenessEntries(entries) })
}

/** The awareness update holding `entries`, each state written as JSON; {@link decodeAwarenessEntries} reads it. */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  return write((encoder) => {
    encoding.writeVarUint(encoder, entries.length)
    for (const entry of entries) {
      encoding.writeVarUint(encoder, entry.clientId)
      encoding.writeVarUint(encoder, entry.clock)
      encoding.writeVarString(encoder, JSON.stringify(entry.state))
    }
  })
}

function readUint(decoder: decoding.Decoder, what: string): number {
  try {
    return decoding.readVarUint(decoder)
  } catch (cause) {
    throw new MessageDecodeError(
      `Malformed message: cannot read the ${what} (truncated or out-of-range varUint)`,
      { cause },
    )
  }
}

/** Reads a varUint8Array into a fresh, exactly sized copy, so later decoding cannot read past it. */
function readBytes(decoder: decoding.Decoder, what: string): Uint8Array {
  const length = readUint(decoder, `length of the ${what}`)
  const remaining = decoder.arr.length - decoder.pos
  if (length > remaining) {
    throw new MessageDecodeError(
      `Malformed message: the ${what} claims ${length} bytes but only ${remaining} follow`,
    )
  }
  const bytes = new Uint8Array(decoder.arr.subarray(decoder.pos, decoder.pos + length))
  decoder.pos += length
  return bytes
}

function expectEnd(decoder: decoding.Decoder, what: string): void {
  const trailing = decoder.arr.length - decoder.pos
  if (trailing !== 0) {
    throw new MessageDecodeError(`Malformed message: ${trailing} unexpected bytes after the ${what}`)
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

function readUtf8(bytes: Uint8Array, what: string): string {
  try {
    return utf8.decode(bytes)
  } catch (cause) {
    throw new MessageDecodeError(`Malformed message: the ${what} is not UTF-8`, { cause })
  }
}

/** Checks that `stateVector` is exactly a Yjs state vector (Y.decodeStateVector ignores trailing bytes). */
function checkStateVector(stateVector: Uint8Array): void {
  const decoder = decoding.createDecoder(stateVector)
  try {
    const entries = decoding.readVarUint(decoder)
    for (let i = 0; i < entries; i++) {
      decoding.readVarUint(decoder)
      decoding.readVarUint(decoder)
    }
  } catch (cause) {
    throw new MessageDecodeError('Malformed sync step 1: not a valid Yjs state vector', { cause })
  }
  expectEnd(decoder, 'state vector')
}

/**
 * Decodes one message. With `sender: 'client'`, an auth message is refused as an unknown type
 * (only servers send them). Throws {@link MessageDecodeError} for anything that is not exactly
 * one message: empty, truncated, an unknown type, trailing bytes, a malformed state vector.
 */
export function decodeMessage(data: Uint8Array, sender: 'client'): ClientMessage
export function decodeMessage(data: Uint8Array, sender?: MessageSender): SyncMessage
export function decodeMessage(data: Uint8Array, sender?: MessageSender): SyncMessage {
  if (data.length === 0) throw new MessageDecodeError('Malformed message: empty')
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
        return syncType === SYNC_TYPES.step2 ? { type: 'sync-step-2', update } : { type: 'update', update }
      }
      throw new MessageDecodeError(`Unknown sync message type ${syncType}`)
    }
    case MESSAGE_TYPES.awareness: {
      const update = readBytes(decoder, 'awareness update')
      expectEnd(decoder, 'awareness message')
      return { type: 'awareness', update }
    }
    case MESSAGE_TYPES.queryAwareness:
      expectEnd(decoder, 'awareness query')
      return { type: 'query-awareness' }
    case MESSAGE_TYPES.auth: {
      if (sender === 'client') break
      const authType = readUint(decoder, 'auth message type')
      if (authType !== AUTH_TYPES.permissionDenied) {
        throw new MessageDecodeError(`Unknown auth message type ${authType}`)
      }
      const reason = readUtf8(readBytes(decoder, 'permission-denied reason'), 'permission-denied reason')
      expectEnd(decoder, 'permission-denied message')
      return { type: 'permission-denied', reason }
    }
  }
  throw new MessageDecodeError(`Unknown message type ${messageType}`)
}

/**
 * The entries of an awareness update, each state parsed from JSON. An update of more than
 * `maxEntries` entries, or a state longer than `maxStateBytes` (if given), is refused with problem
 * `too-large` before anything of it is parsed. Throws
 * {@link MessageDecodeError} for anything else that is not exactly an awareness update.
 */
export function decodeAwarenessEntries(
  update: Uint8Array,
  limits: { maxStateBytes?: number; maxEntries?: number } = {},
): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update)
  const count = readUint(decoder, 'number of awareness entries')
  if (limits.maxEntries !== undefined && count > limits.maxEntries) {
    throw new MessageDecodeError(
      `Awareness update of ${count} entries, over the limit of ${limits.maxEntries} entries`,
      { problem: 'too-large' },
    )
  }
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = readUint(decoder, 'awareness client id')
    const clock = readUint(decoder, 'awareness clock')
    const bytes = readBytes(decoder, 'awareness state')
    if (limits.maxStateBytes !== undefined && bytes.length > limits.maxStateBytes) {
      throw new MessageDecodeError(
        `Awareness state of client ${clientId} is ${bytes.length} bytes, over the limit of ${limits.maxStateBytes} bytes`,
        { problem: 'too-large' },
      )
    }
    let state: unknown
    try {
      state = JSON.parse(utf8.decode(bytes))
    } catch (cause) {
      throw new MessageDecodeError(`Malformed awareness update: entry ${i} is not UTF-8 JSON`, { cause })
    }
    entries.push({ clientId, clock, state })
  }
  expectEnd(decoder, 'awareness update')
  return entries
}
