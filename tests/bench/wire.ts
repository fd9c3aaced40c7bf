/**
 * The sync wire formats the benchmark speaks. Messages are written with `@convene/protocol` (whose
 * sync-messages.ts documents the y-websocket format that Convene and @y/websocket-server speak, one
 * document per socket); incoming ones are only classified by their first bytes, so that clients
 * stay cheap.
 *
 * Hocuspocus 3 multiplexes documents on one socket: every message starts with varString(documentName),
 * then the same types, plus (from @hocuspocus/server src/types.ts and @hocuspocus/common auth.ts):
 *
 *   type 2    = auth:      client -> server  varUint(0 token)          varString(token)  (must come first)
 *                          server -> client  varUint(2 authenticated)  varString(scope)
 *                                            varUint(1 denied)         varString(reason)
 *   type 4    = sync reply (a sync message that asks for no step 1 back)
 *   type 8    = sync status: varUint(1 saved | 0 refused), sent after every sync step 2 and update
 *
 * Every type and sub-type is below 128, so each is one byte on the wire and is read as a byte.
 */
import { decodeMessage, encodeMessage, MESSAGE_TYPES, SYNC_TYPES } from '@convene/protocol'
import * as encoding from 'lib0/encoding'

/** What an incoming message is, as far as the benchmark cares. */
export const MessageKind = {
  SyncStep1: 'sync-step-1',
  SyncStep2: 'sync-step-2',
  Update: 'update',
  Awareness: 'awareness',
  AuthOk: 'auth-ok',
  AuthDenied: 'auth-denied',
  SyncStatus: 'sync-status',
  Other: 'other',
} as const
export type MessageKind = (typeof MessageKind)[keyof typeof MessageKind]

/** How a server frames its messages. */
export type Framing = { kind: 'y-websocket' } | { kind: 'hocuspocus'; documentName: string; token: string }

/** The state vector of an empty document: asks the server for everything. */
export const EMPTY_STATE_VECTOR = new Uint8Array([0])

/** Builds outgoing messages and classifies incoming ones for one document on one socket. */
export class WireProtocol {
  /** The bytes in front of the message type (the encoded document name for Hocuspocus, none otherwise). */
  readonly prefix: Uint8Array

  constructor(readonly framing: Framing) {
    if (framing.kind === 'hocuspocus') {
      const encoder = encoding.createEncoder()
      encoding.writeVarString(encoder, framing.documentName)
      this.prefix = encoding.toUint8Array(encoder)
    } else {
      this.prefix = new Uint8Array(0)
    }
  }

  /** `message` behind this framing's prefix. */
  private framed(message: Uint8Array): Uint8Array {
    if (this.prefix.length === 0) return message
    const out = new Uint8Array(this.prefix.length + message.length)
    out.set(this.prefix)
    out.set(message, this.prefix.length)
    return out
  }

  /** What a client sends once the socket is open: authentication where needed, then sync step 1. */
  opening(stateVector: Uint8Array = EMPTY_STATE_VECTOR): Uint8Array[] {
    const messages: Uint8Array[] = []
    if (this.framing.kind === 'hocuspocus') {
      // Hocuspocus' own auth message (token), which y-protocols does not define.
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MESSAGE_TYPES.auth)
      encoding.writeVarUint(encoder, 0)
      encoding.writeVarString(encoder, this.framing.token)
      messages.push(this.framed(encoding.toUint8Array(encoder)))
    }
    messages.push(this.syncStep1(stateVector))
    return messages
  }

  syncStep1(stateVector: Uint8Array): Uint8Array {
    return this.framed(encodeMessage({ type: 'sync-step-1', stateVector }))
  }

  /** A y-protocols update message carrying one V1 update. */
  update(update: Uint8Array): Uint8Array {
    return this.framed(encodeMessage({ type: 'update', update }))
  }

  /** The update a sync step 2 or update message carries (decoded, so a malformed one throws). */
  syncPayload(data: Uint8Array): Uint8Array {
    const message = new Uint8Array(data.subarray(this.prefix.length))
    // Hocuspocus' sync reply (type 4) has the body of a y-protocols sync message (type 0).
    if (this.framing.kind === 'hocuspocus' && message[0] === 4) message[0] = MESSAGE_TYPES.sync
    const decoded = decodeMessage(message, 'server')
    if (decoded.type !== 'sync-step-2' && decoded.type !== 'update') {
      throw new Error(`Expected a sync step 2 or update, got ${decoded.type}`)
    }
    return decoded.update
  }

  /** Classifies a message by its first bytes; decodes nothing else. */
  classify(data: Uint8Array): MessageKind {
    const at = this.prefix.length
    const type = data[at]
    const sub = data[at + 1]
    if (type === MESSAGE_TYPES.sync || (type === 4 && this.framing.kind === 'hocuspocus')) {
      if (sub === SYNC_TYPES.step1) return MessageKind.SyncStep1
      if (sub === SYNC_TYPES.step2) return MessageKind.SyncStep2
      if (sub === SYNC_TYPES.update) return MessageKind.Update
      return MessageKind.Other
    }
    if (type === MESSAGE_TYPES.awareness) return MessageKind.Awareness
    if (type === MESSAGE_TYPES.auth) {
      if (this.framing.kind === 'hocuspocus') return sub === 2 ? MessageKind.AuthOk : MessageKind.AuthDenied
      return MessageKind.AuthDenied
    }
    if (type === 8 && this.framing.kind === 'hocuspocus') return MessageKind.SyncStatus
    return MessageKind.Other
  }

  /** Offset of the varUint8Array payload of a sync message (step 2 or update). */
  payloadOffset(): number {
    return this.prefix.length + 2
  }
}
