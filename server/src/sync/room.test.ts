import { encodeMessage } from '@convene/protocol'
import { describe, expect, it } from 'vitest'
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { fakePeer } from '../test/fake-peer'
import { emptyStep1, join, NOTICE_ID, roomFixture, textOf, tick, typed } from '../test/room-fixture'
import { docFromLog } from './notice-doc'
import { CLOSE_CODES } from './protocol'

describe('Room', () => {
  it('stores an update before any other peer receives it', async () => {
    const { storage, registry } = await roomFixture()
    const a = fakePeer()
    const b = fakePeer()
    const room = await join(registry, a)
    await join(registry, b)
    storage.holdAppends = true

    room.receive(a, typed('Point 1'))
    await tick()
    expect(textOf(b.received())).not.toContain('Point 1')
    expect(textOf(room.doc)).toContain('Point 1')

    storage.releaseAppends()
    await room.whenDurable()
    expect(textOf(b.received())).toContain('Point 1')
    const stored = docFromLog(NOTICE_ID, (await storage.loadUpdates(NOTICE_ID)) ?? []).doc
    expect(textOf(stored)).toContain('Point 1')
  })

  it('does not send an update back to the peer it came from', async () => {
    const { registry } = await roomFixture()
    const a = fakePeer()
    const room = await join(registry, a)
    const sentBefore = a.sent.length

    room.receive(a, typed('Point 1'))
    await room.whenDurable()

    expect(a.sent.length).toBe(sentBefore)
  })

  it('answers sync step 1 only once everything the room holds is stored', async () => {
    const { storage, registry } = await roomFixture()
    const a = fakePeer()
    const b = fakePeer()
    const room = await join(registry, a)
    await join(registry, b)
    storage.holdAppends = true
    room.receive(a, typed('Point 1'))
    const sentBefore = b.sent.length

    room.receive(b, emptyStep1())
    await tick()
    expect(b.sent.length).toBe(sentBefore)

    storage.releaseAppends()
    await room.whenDurable()
    await tick()
    expect(textOf(b.received())).toContain('Point 1')
    expect(textOf(b.received())).toContain('Ordre du jour')
  })

  it('closes every peer with 4503 when an update cannot be stored, and the next join loads the stored state', async () => {
    const { storage, registry } = await roomFixture()
    const a = fakePeer()
    const b = fakePeer()
    const room = await join(registry, a)
    await join(registry, b)
    storage.failAppendsFor = () => true

    room.receive(a, typed('Lost point'))
    await expect(room.whenDurable()).rejects.toThrow(`The room of notice "${NOTICE_ID}" is closed`)

    expect(a.closedWith?.code).toBe(CLOSE_CODES.STORAGE_WRITE_FAILED)
    expect(b.closedWith?.code).toBe(CLOSE_CODES.STORAGE_WRITE_FAILED)
    expect(textOf(b.received())).not.toContain('Lost point')
    storage.failAppendsFor = null
    const c = fakePeer()
    const reloaded = await join(registry, c)
    expect(reloaded).not.toBe(room)
    expect(textOf(reloaded.doc)).not.toContain('Lost point')
    expect(textOf(reloaded.doc)).toContain('Ordre du jour')
  })

  it('closes only the sender of a malformed message, and keeps relaying between the others', async () => {
    const { registry } = await roomFixture()
    const bad = fakePeer()
    const a = fakePeer()
    const b = fakePeer()
    const room = await join(registry, bad)
    await join(registry, a)
    await join(registry, b)

    room.receive(bad, Uint8Array.of(0, 2, 3, 1, 2))
    room.receive(a, typed('Still here'))
    await room.whenDurable()

    expect(bad.closedWith?.code).toBe(CLOSE_CODES.MALFORMED_MESSAGE)
    expect(a.closedWith).toBeNull()
    expect(b.closedWith).toBeNull()
    expect(room.peerCount).toBe(2)
    expect(textOf(b.received())).toContain('Still here')
  })

  it('relays presence to every peer, the sender included, and withdraws it when the peer leaves', async () => {
    const { registry } = await roomFixture()
    const a = fakePeer()
    const b = fakePeer()
    const room = await join(registry, a)
    await join(registry, b)
    const clientDoc = new Y.Doc()
    const awareness = new Awareness(clientDoc)
    awareness.setLocalStateField('user', { name: 'Amina' })
    const presence = encodeMessage({
      type: 'awareness',
      update: encodeAwarenessUpdate(awareness, [clientDoc.clientID]),
    })
    awareness.destroy()
    const aBefore = a.sent.length
    const bBefore = b.sent.length

    room.receive(a, presence)

    expect(a.sent.length).toBe(aBefore + 1)
    expect(b.sent.length).toBe(bBefore + 1)
    expect(room.awareness.getStates().get(clientDoc.clientID)).toEqual({ user: { name: 'Amina' } })
    room.removePeer(a)
    expect(room.awareness.getStates().has(clientDoc.clientID)).toBe(false)
    expect(b.sent.length).toBe(bBefore + 2)
  })

  it('stores a server change and then broadcasts it to every peer', async () => {
    const { storage, registry } = await roomFixture()
    const a = fakePeer()
    const room = await join(registry, a)
    room.receive(a, emptyStep1())
    expect(a.received().getMap('meta').get('title')).toBe('Avis')

    await room.change((doc) => doc.getMap('meta').set('title', 'Nouveau titre'))

    expect(a.received().getMap('meta').get('title')).toBe('Nouveau titre')
    expect((await storage.getNotice(NOTICE_ID))?.title).toBe('Nouveau titre')
  })
})
