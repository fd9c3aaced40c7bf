/**
 * The messages server instances exchange through Redis pub/sub, and their binary encoding.
 * Integers are lib0 `varUint`s, `varString` is a varUint length then UTF-8, `varUint8Array` is a
 * varUint length then bytes, `float64` is a big-endian IEEE 754 double.
 *
 * ```
 * message  = varUint(version = 1) varUint(type) varString(instanceId) body
 *
 * type 0  update     body = varString(noticeId) varUint(seq) float64(sentAt) varUint8Array(update)
 *                    a Yjs V1 update the sender stored as `seq` of the notice's log
 * type 1  awareness  body = varString(noticeId) varUint8Array(awarenessUpdate)
 *                    presence of the sender's own clients (y-protocols awareness update)
 * type 2  query      body = varString(noticeId)        "send me your clients' presence"
 * type 3  gone       body = varString(noticeId) varUint(n) n * varUint(clientId)
 *                    these clients of the sender left without a removal (their room closed)
 * type 4  deleted    body = varString(noticeId)        the sender deleted the notice
 * type 5  heartbeat  body = nothing                    the sender is alive
 * type 6  bye        body = nothing                    the sender is stopping: forget its clients
 * ```
 *
 * `sentAt` is the sender's wall clock in milliseconds (with fractions), for the publish-to-apply
 * lag metric only; nothing depends on clocks agreeing. A message of another version, an unknown
 * type or with trailing bytes is refused with {@link ClusterMessageError}.
 *
 * @module
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/** The encoding version this server writes and reads. */
export const CLUSTER_MESSAGE_VERSION = 1

/** The message types, as on the wire. */
export const CLUSTER_MESSAGE_TYPES = {
  update: 0,
  awareness: 1,
  query: 2,
  gone: 3,
  deleted: 4,
  heartbeat: 5,
  bye: 6,
} as const

/** One message between instances; `from` is the sending instance's id. */
export type ClusterMessage =
  | { type: 'update'; from: string; noticeId: string; seq: number; sentAt: number; update: Uint8Array }
  | { type: 'awareness'; from: string; noticeId: string; update: Uint8Array }
  | { type: 'query'; from: string; noticeId: string }
  | { type: 'gone'; from: string; noticeId: string; clientIds: number[] }
  | { type: 'deleted'; from: string; noticeId: string }
  | { type: 'heartbeat'; from: string }
  | { type: 'bye'; from: string }

/** Bytes that are not a cluster message this server understands. */
export class ClusterMessageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'ClusterMessageError'
  }
}

/** Encodes `message` as described in this module's header. */
export function encodeClusterMessage(message: ClusterMessage): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, CLUSTER_MESSAGE_VERSION)
  encoding.writeVarUint(encoder, CLUSTER_MESSAGE_TYPES[message.type])
  encoding.writeVarString(encoder, message.from)
  switch (message.type) {
    case 'update':
      encoding.writeVarString(encoder, message.noticeId)
      encoding.writeVarUint(encoder, message.seq)
      encoding.writeFloat64(encoder, message.sentAt)
      encoding.writeVarUint8Array(encoder, message.update)
      break
    case 'awareness':
      encoding.writeVarString(encoder, message.noticeId)
      encoding.writeVarUint8Array(encoder, message.update)
      break
    case 'gone':
      encoding.writeVarString(encoder, message.noticeId)
      encoding.writeVarUint(encoder, message.clientIds.length)
      for (const id of message.clientIds) encoding.writeVarUint(encoder, id)
      break
    case 'query':
    case 'deleted':
      encoding.writeVarString(encoder, message.noticeId)
      break
    case 'heartbeat':
    case 'bye':
      break
  }
  return encoding.toUint8Array(encoder)
}

/** Decodes one message; throws {@link ClusterMessageError} for anything else. */
export function decodeClusterMessage(bytes: Uint8Array): ClusterMessage {
  try {
    const decoder = decoding.createDecoder(bytes)
    const version = decoding.readVarUint(decoder)
    if (version !== CLUSTER_MESSAGE_VERSION) {
      throw new ClusterMessageError(`Cluster message version ${version} is not ${CLUSTER_MESSAGE_VERSION}`)
    }
    const type = decoding.readVarUint(decoder)
    const from = decoding.readVarString(decoder)
    const message = decodeBody(decoder, type, from)
    if (decoding.hasContent(decoder)) {
      throw new ClusterMessageError(`Cluster message of type ${type} has trailing bytes`)
    }
    return message
  } catch (error) {
    if (error instanceof ClusterMessageError) throw error
    throw new ClusterMessageError(`Undecodable cluster message of ${bytes.length} bytes`, { cause: error })
  }
}

function decodeBody(decoder: decoding.Decoder, type: number, from: string): ClusterMessage {
  const T = CLUSTER_MESSAGE_TYPES
  switch (type) {
    case T.update: {
      const noticeId = decoding.readVarString(decoder)
      const seq = decoding.readVarUint(decoder)
      const sentAt = decoding.readFloat64(decoder)
      return { type: 'update', from, noticeId, seq, sentAt, update: decoding.readVarUint8Array(decoder) }
    }
    case T.awareness: {
      const noticeId = decoding.readVarString(decoder)
      return { type: 'awareness', from, noticeId, update: decoding.readVarUint8Array(decoder) }
    }
    case T.query:
      return { type: 'query', from, noticeId: decoding.readVarString(decoder) }
    case T.gone: {
      const noticeId = decoding.readVarString(decoder)
      const count = decoding.readVarUint(decoder)
      if (count > decoder.arr.length) throw new ClusterMessageError(`A gone message claims ${count} clients`)
      const clientIds = Array.from({ length: count }, () => decoding.readVarUint(decoder))
      return { type: 'gone', from, noticeId, clientIds }
    }
    case T.deleted:
      return { type: 'deleted', from, noticeId: decoding.readVarString(decoder) }
    case T.heartbeat:
      return { type: 'heartbeat', from }
    case T.bye:
      return { type: 'bye', from }
    default:
      throw new ClusterMessageError(`Unknown cluster message type ${type}`)
  }
}
