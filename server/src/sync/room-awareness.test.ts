import * as decoding from 'lib0/decoding'
import { describe, expect, it } from 'vitest'
import { type FakePeer, fakePeer } from '../test/fake-peer'
import { join, roomFixture } from '../test/room-fixture'
import { decodeAwarenessEntries, encodeAwarenessEntries } from './awareness-entries'
import type { PeerPolicy } from './peer-policy'
import { CLOSE_CODES, encodeAwareness, MESSAGE_TYPES } from './protocol'

/** A peer acting for `actorId`, whose presence the server signs with `name`. */
function peerOf(actorId: string, name: string): FakePeer {
  const policy: PeerPolicy = {
    actorId,
    admitUpdate: () => true,
    rewriteAwarenessState: (state) => ({ ...state, user: { name } }),
  }
  return Object.assign(fakePeer(), { policy })
}

const presence = (clientId: number, clock: number, state: unknown): Uint8Array =>
  encodeAwareness(encodeAwarenessEntries([{ clientId, clock, state }]))

/** Every awareness entry `peer` was sent. */
function received(peer: FakePeer) {
  return peer.sent.flatMap((message) => {
    const decoder = decoding.createDecoder(message)
    if (decoding.readVarUint(decoder) !== MESSAGE_TYPES.awareness) return []
    return decodeAwarenessEntries(decoding.readVarUint8Array(decoder))
  })
}

describe('presence in a room', () => {
  it('relays a state with the identity the server knows, whatever the client claimed', async () => {
    const { registry } = await roomFixture()
    const ana = peerOf('u-ana', 'Ana')
    const bob = peerOf('u-bob', 'Bob')
    const room = await join(registry, ana)
    await join(registry, bob)

    room.receive(ana, presence(11, 1, { user: { name: 'The Director' }, cursor: 3 }))

    expect(received(bob)).toEqual([{ clientId: 11, clock: 1, state: { user: { name: 'Ana' }, cursor: 3 } }])
  })

  it('drops a stock client’s echo of another peer’s presence, and refuses a change to it with 4403', async () => {
    const { registry } = await roomFixture()
    const ana = peerOf('u-ana', 'Ana')
    const bob = peerOf('u-bob', 'Bob')
    const room = await join(registry, ana)
    await join(registry, bob)
    room.receive(ana, presence(11, 1, { cursor: 3 }))
    const sentToAna = ana.sent.length

    room.receive(bob, presence(11, 1, { user: { name: 'Ana' }, cursor: 3 }))
    expect(bob.closedWith).toBeNull()
    expect(ana.sent.length).toBe(sentToAna)

    room.receive(bob, presence(11, 2, null))
    expect(bob.closedWith).toEqual({
      code: CLOSE_CODES.PERMISSION_DENIED,
      reason: 'Permission denied: awareness client 11 belongs to another connection',
    })
    expect(room.awareness.getStates().get(11)).toEqual({ user: { name: 'Ana' }, cursor: 3 })
  })

  it('lets a reconnection of the same user take its client id over, and withdraws it when that one leaves', async () => {
    const { registry } = await roomFixture()
    const old = peerOf('u-ana', 'Ana')
    const fresh = peerOf('u-ana', 'Ana')
    const room = await join(registry, old)
    await join(registry, fresh)
    room.receive(old, presence(11, 1, { cursor: 1 }))

    room.receive(fresh, presence(11, 2, { cursor: 2 }))
    room.removePeer(old)
    expect(room.awareness.getStates().get(11)).toEqual({ user: { name: 'Ana' }, cursor: 2 })
    room.removePeer(fresh)
    expect(room.awareness.getStates().has(11)).toBe(false)
  })
})
