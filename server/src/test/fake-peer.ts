/**
 * A peer double for room tests: records what the server sends it and how it was closed, and
 * decodes the sync messages it received back into Yjs updates.
 */
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import type { Peer } from '../sync/peer'
import { MESSAGE_TYPES, SYNC_TYPES } from '../sync/protocol'

/** A recording {@link Peer}. */
export type FakePeer = Peer & {
  sent: Uint8Array[]
  closedWith: { code: number; reason: string } | null
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
    received() {
      const doc = new Y.Doc()
      for (const message of peer.sent) {
        const decoder = decoding.createDecoder(message)
        if (decoding.readVarUint(decoder) !== MESSAGE_TYPES.sync) continue
        const syncType = decoding.readVarUint(decoder)
        if (syncType === SYNC_TYPES.step2 || syncType === SYNC_TYPES.update) {
          Y.applyUpdate(doc, decoding.readVarUint8Array(decoder))
        }
      }
      return doc
    },
  }
  return peer
}
