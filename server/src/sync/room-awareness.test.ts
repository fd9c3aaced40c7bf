import { decodeAwarenessEntries, encodeAwarenessEntries, encodeAwarenessMessage } from '@convene/protocol'
import { CONTENT_FIELD } from '@convene/schema'
import { describe, expect, it } from 'vitest'
import { applyAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { type FakePeer, fakePeer } from '../test/fake-peer'
import { join, roomFixture } from '../test/room-fixture'
import type { PeerPolicy } from './peer-policy'
import { noticePresenceRules } from './presence-rules'
import { CLOSE_CODES } from './protocol'
import { REMOTE_ORIGIN } from './room'

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
  encodeAwarenessMessage([{ clientId, clock, state }])

/** Every awareness entry `peer` was sent. */
function received(peer: FakePeer) {
  return peer
    .messages()
    .flatMap((message) => (message.type === 'awareness' ? decodeAwarenessEntries(message.update) : []))
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

  it('ignores a change or removal of another user’s presence, and keeps the sender connected', async () => {
    const { registry } = await roomFixture()
    const ana = peerOf('u-ana', 'Ana')
    const bob = peerOf('u-bob', 'Bob')
    const carl = peerOf('u-carl', 'Carl')
    const room = await join(registry, ana)
    await join(registry, bob)
    await join(registry, carl)
    room.receive(ana, presence(11, 1, { cursor: 3 }))
    const sentToCarl = carl.sent.length

    // A stock client's echo, a forged change, and the removal its local timeout sends (clock + 1).
    room.receive(bob, presence(11, 1, { user: { name: 'Ana' }, cursor: 3 }))
    room.receive(bob, presence(11, 2, { cursor: 'forged' }))
    room.receive(bob, presence(11, 3, null))
    expect(bob.closedWith).toBeNull()
    expect(carl.sent.length).toBe(sentToCarl)
    expect(room.awareness.getStates().get(11)).toEqual({ user: { name: 'Ana' }, cursor: 3 })

    room.receive(bob, presence(22, 1, { cursor: 5 }))
    expect(bob.closedWith).toBeNull()
    expect(received(carl).slice(-1)).toEqual([
      { clientId: 22, clock: 1, state: { user: { name: 'Bob' }, cursor: 5 } },
    ])
    // Ana's own renewal still lands: her clock was not bumped by what Bob sent.
    room.receive(ana, presence(11, 2, { cursor: 4 }))
    expect(received(carl).slice(-1)).toEqual([
      { clientId: 11, clock: 2, state: { user: { name: 'Ana' }, cursor: 4 } },
    ])
  })

  it('ignores a change or removal of a presence that a client of another server instance holds', async () => {
    const { registry } = await roomFixture()
    const bob = peerOf('u-bob', 'Bob')
    const carl = peerOf('u-carl', 'Carl')
    const room = await join(registry, bob)
    await join(registry, carl)
    // What the cluster link applies for a client connected to another instance.
    applyAwarenessUpdate(
      room.awareness,
      encodeAwarenessEntries([{ clientId: 33, clock: 1, state: { cursor: 1 } }]),
      REMOTE_ORIGIN,
    )
    const sentToCarl = carl.sent.length

    room.receive(bob, presence(33, 2, { cursor: 'forged' }))
    room.receive(bob, presence(33, 3, null))

    expect(bob.closedWith).toBeNull()
    expect(carl.sent.length).toBe(sentToCarl)
    expect(room.awareness.getStates().get(33)).toEqual({ cursor: 1 })
  })

  it('closes with 4400 for a state that is not an object, even under another user’s client id', async () => {
    const { registry } = await roomFixture()
    const ana = peerOf('u-ana', 'Ana')
    const bob = peerOf('u-bob', 'Bob')
    const room = await join(registry, ana)
    await join(registry, bob)
    room.receive(ana, presence(11, 1, { cursor: 3 }))

    room.receive(bob, presence(11, 2, 'forged'))
    expect(bob.closedWith?.code).toBe(CLOSE_CODES.MALFORMED_MESSAGE)
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

describe('presence rules of a notice room', () => {
  const limits = { maxIdsPerConnection: 2, maxStates: 3 }

  /** The room of the fixture's notice with the presence rules of a notice, and a caret into its text. */
  async function noticeRoom() {
    const fixture = await roomFixture({ presence: noticePresenceRules(limits) })
    const ana = peerOf('u-ana', 'Ana')
    const bob = peerOf('u-bob', 'Bob')
    const room = await join(fixture.registry, ana)
    await join(fixture.registry, bob)
    const text = room.doc.getXmlFragment(CONTENT_FIELD).get(0) as Y.XmlElement
    const words = text.get(0) as Y.XmlText
    const at = (index: number) =>
      Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(words, index))
    return { room, ana, bob, caret: { anchor: at(1), head: at(4) } }
  }

  it('relays only user and cursor, and a caret that resolves in the text as sent', async () => {
    const { room, ana, bob, caret } = await noticeRoom()
    room.receive(ana, presence(11, 1, { user: { name: 'x' }, cursor: caret, bulk: 'x'.repeat(30_000) }))
    expect(ana.closedWith).toBeNull()
    expect(received(bob).slice(-1)).toEqual([
      { clientId: 11, clock: 1, state: { user: { name: 'Ana' }, cursor: caret } },
    ])
  })

  it('relays a caret that names nothing, or lies outside the text, as no caret, and keeps the sender', async () => {
    const { room, ana, bob } = await noticeRoom()
    const metaItem = room.doc.getMap('meta')._map.get('title') as Y.Item
    const outside = { client: metaItem.id.client, clock: metaItem.id.clock }
    const hostile = [
      { anchor: {}, head: {} },
      { anchor: { tname: 'meta' }, head: { tname: 'meta' } },
      { anchor: { item: outside }, head: { item: outside } },
      'x',
      { anchor: { tname: 'content' }, head: { tname: 'content' }, extra: 1 },
    ]
    for (const [index, cursor] of hostile.entries()) room.receive(ana, presence(11, index + 1, { cursor }))
    expect(ana.closedWith).toBeNull()
    expect(received(bob).map((entry) => entry.state)).toEqual(
      hostile.map(() => ({ user: { name: 'Ana' }, cursor: null })),
    )
  })

  it('closes with 4413 a connection that speaks for more client ids than allowed, relaying none of them', async () => {
    const { room, ana, bob } = await noticeRoom()
    room.receive(ana, presence(11, 1, {}))
    room.receive(ana, encodeAwarenessMessage([12, 13].map((clientId) => ({ clientId, clock: 1, state: {} }))))
    expect(ana.closedWith?.code).toBe(CLOSE_CODES.MESSAGE_TOO_LARGE)
    expect(ana.closedWith?.reason).toMatch(/3 awareness client ids on one connection, over the limit of 2/)
    expect(received(bob).map((entry) => entry.clientId)).toEqual([11, 11])
    expect([...room.awareness.getStates().keys()]).toEqual([])
  })

  it('does not relay a newcomer beyond the room’s cap of states, nor remember removals of unknown ids', async () => {
    const { room, ana, bob } = await noticeRoom()
    room.receive(ana, encodeAwarenessMessage([11, 12].map((clientId) => ({ clientId, clock: 1, state: {} }))))
    room.receive(bob, encodeAwarenessMessage([21, 22].map((clientId) => ({ clientId, clock: 1, state: {} }))))
    expect(bob.closedWith).toBeNull()
    expect([...room.awareness.getStates().keys()]).toEqual([11, 12, 21])
    room.receive(bob, encodeAwarenessMessage([{ clientId: 999, clock: 5, state: null }]))
    expect(room.awareness.meta.has(999)).toBe(false)
  })
})
