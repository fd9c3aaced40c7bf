/**
 * The sync wire formats the benchmark speaks, built and read by hand so that clients stay cheap.
 *
 * y-websocket (Convene, @y/websocket-server), one document per socket, y-protocols framing:
 *
 *   message   = varUint(type) body
 *   type 0    = sync:      varUint(0) varUint8Array(stateVector)   sync step 1
 *                          varUint(1) varUint8Array(update)        sync step 2
 *                          varUint(2) varUint8Array(update)        update
 *   type 1    = awareness: varUint8Array(awarenessUpdate)
 *   type 2    = auth:      varUint(0) varString(reason)            permission denied
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

  private start(type: number): encoding.Encoder {
    const encoder = encoding.createEncoder()
    encoding.writeUint8Array(encoder, this.prefix)
    encoding.writeVarUint(encoder, type)
    return encoder
  }

  /** What a client sends once the socket is open: authentication where needed, then sync step 1. */
  opening(stateVector: Uint8Array = EMPTY_STATE_VECTOR): Uint8Array[] {
    const messages: Uint8Array[] = []
    if (this.framing.kind === 'hocuspocus') {
      const encoder = this.start(2)
      encoding.writeVarUint(encoder, 0)
      encoding.writeVarString(encoder, this.framing.token)
      messages.push(encoding.toUint8Array(encoder))
    }
    messages.push(this.syncStep1(stateVector))
    return messages
  }

  syncStep1(stateVector: Uint8Array): Uint8Array {
    const encoder = this.start(0)
    encoding.writeVarUint(encoder, 0)
    encoding.writeVarUint8Array(encoder, stateVector)
    return encoding.toUint8Array(encoder)
  }

  /** A y-protocols update message carrying one V1 update. */
  update(update: Uint8Array): Uint8Array {
    const encoder = this.start(0)
    encoding.writeVarUint(encoder, 2)
    encoding.writeVarUint8Array(encoder, update)
    return encoding.toUint8Array(encoder)
  }

  /** Classifies a message by its first bytes; decodes nothing else. */
  classify(data: Uint8Array): MessageKind {
    const at = this.prefix.length
    const type = data[at]
    const sub = data[at + 1]
    if (type === 0 || (type === 4 && this.framing.kind === 'hocuspocus')) {
      if (sub === 0) return MessageKind.SyncStep1
      if (sub === 1) return MessageKind.SyncStep2
      if (sub === 2) return MessageKind.Update
      return MessageKind.Other
    }
    if (type === 1) return MessageKind.Awareness
    if (type === 2) {
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
