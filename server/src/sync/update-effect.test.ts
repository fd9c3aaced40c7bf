import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readOnlyUpdateExcess, updateChangesNothing } from './update-effect'

/** A document with text and one deletion, and a copy of it as a peer holds it. */
function pair(): { server: Y.Doc; peer: Y.Doc } {
  const server = new Y.Doc()
  server.getText('t').insert(0, 'ordre du jour')
  server.getText('t').delete(0, 6)
  const peer = new Y.Doc()
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(server))
  return { server, peer }
}

describe('updateChangesNothing', () => {
  it('is true for the empty update and for a step 2 that only repeats known structs and deletions', () => {
    const { server, peer } = pair()
    expect(updateChangesNothing(server, Uint8Array.of(0, 0))).toBe(true)
    const answer = Y.encodeStateAsUpdate(peer, Y.encodeStateVector(server))
    expect(answer.length).toBeGreaterThan(2)
    expect(updateChangesNothing(server, answer)).toBe(true)
    expect(updateChangesNothing(server, Y.encodeStateAsUpdate(peer))).toBe(true)
  })

  it('is false for an insertion, a deletion or an update the document cannot apply yet', () => {
    const { server, peer } = pair()
    const before = Y.encodeStateVector(peer)
    peer.getText('t').insert(0, 'x')
    expect(updateChangesNothing(server, Y.encodeStateAsUpdate(peer, before))).toBe(false)

    const { server: s2, peer: p2 } = pair()
    const sv = Y.encodeStateVector(p2)
    p2.getText('t').delete(0, 1)
    expect(updateChangesNothing(s2, Y.encodeStateAsUpdate(p2, sv))).toBe(false)

    const stranger = new Y.Doc()
    stranger.getText('t').insert(0, 'a')
    const first = Y.encodeStateVector(stranger)
    stranger.getText('t').insert(1, 'b')
    expect(updateChangesNothing(server, Y.encodeStateAsUpdate(stranger, first))).toBe(false)
  })
})

describe('readOnlyUpdateExcess', () => {
  it('finds nothing in what a stock read-only client sends: its step 2 and an empty update', () => {
    const { server, peer } = pair()
    const answer = Y.encodeStateAsUpdate(peer, Y.encodeStateVector(server))
    expect(readOnlyUpdateExcess(answer, 'sync-step-2')).toBeNull()
    expect(readOnlyUpdateExcess(Y.encodeStateAsUpdate(peer), 'sync-step-2')).toBeNull()
    expect(readOnlyUpdateExcess(Uint8Array.of(0, 0), 'update')).toBeNull()
  })

  it('names new content in a live update, and a delete set that repeats a range', () => {
    const { peer } = pair()
    expect(readOnlyUpdateExcess(Y.encodeStateAsUpdate(peer), 'update')).toBe('it carries new content')
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 0)
    encoding.writeVarUint(encoder, 1)
    encoding.writeVarUint(encoder, peer.clientID)
    encoding.writeVarUint(encoder, 3)
    for (let range = 0; range < 3; range++) {
      encoding.writeVarUint(encoder, 0)
      encoding.writeVarUint(encoder, 6)
    }
    expect(readOnlyUpdateExcess(encoding.toUint8Array(encoder), 'sync-step-2')).toBe(
      'it repeats deleted ranges',
    )
  })

  it('leaves updateChangesNothing true for a delete set that only repeats a known deletion', () => {
    const { server } = pair()
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 0)
    encoding.writeVarUint(encoder, 1)
    encoding.writeVarUint(encoder, server.clientID)
    encoding.writeVarUint(encoder, 1000)
    for (let range = 0; range < 1000; range++) {
      encoding.writeVarUint(encoder, 0)
      encoding.writeVarUint(encoder, 6)
    }
    expect(updateChangesNothing(server, encoding.toUint8Array(encoder))).toBe(true)
  })
})
