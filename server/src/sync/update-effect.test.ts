import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { updateChangesNothing } from './update-effect'

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
