/**
 * A peer double for room tests: records what the server sends it and how it was closed, and
 * decodes the sync messages it received back into Yjs updates.
 */
import { decodeMessage, type SyncMessage } from '@convene/protocol'
import * as Y from 'yjs'
import type { Peer } from '../sync/peer'

/** A recording {@link Peer}. */
export type FakePeer = Peer & {
  sent: Uint8Array[]
  closedWith: { code: number; reason: string } | null
  /** Every message this peer was sent, decoded. */
  messages(): SyncMessage[]
  /** A document holding every update and step 2 this peer received. */
  received(): Y.Doc
}

let nextId = 10_000

/** Creates a {@link FakePeer}. */
export function fakePeer(): FakePeer {
  const peer: FakePeer = {
    id: nextId++,
    sent: [],
    closedWith: null,
    get isOpen() {
      return peer.closedWith === null
    },
    send(message) {
      if (peer.closedWith === null) peer.sent.push(message)
    },
    close(code, reason) {
      peer.closedWith ??= { code, reason }
    },
    messages() {
      return peer.sent.map((message) => decodeMessage(message, 'server'))
    },
    received() {
      const doc = new Y.Doc()
      for (const message of peer.messages()) {
        if (message.type === 'sync-step-2' || message.type === 'update') Y.applyUpdate(doc, message.update)
      }
      return doc
    },
  }
  return peer
}
