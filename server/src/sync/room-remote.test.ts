import { encodeMessage } from '@convene/protocol'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { fakePeer } from '../test/fake-peer'
import { join, NOTICE_ID, paragraph, roomFixture, textOf, tick } from '../test/room-fixture'
import { docFromLog } from './notice-doc'

describe('Room.applyRemote', () => {
  it('relays an update stored elsewhere to every peer without storing it again', async () => {
    const { storage, registry } = await roomFixture()
    const a = fakePeer()
    const room = await join(registry, a)
    const elsewhere = new Y.Doc()
    paragraph(elsewhere, 'Stored by another instance')

    room.applyRemote(Y.encodeStateAsUpdate(elsewhere))
    room.applyRemote(Y.encodeStateAsUpdate(elsewhere))
    await tick()

    expect(textOf(a.received())).toContain('Stored by another instance')
    expect(storage.batches).toHaveLength(0)
  })

  it('stores a peer’s waiting change that only an update from elsewhere lets in', async () => {
    const { storage, registry } = await roomFixture()
    const a = fakePeer()
    const room = await join(registry, a)
    const client = new Y.Doc()
    paragraph(client, 'Item')
    const first = Y.encodeStateAsUpdate(client)
    const before = Y.encodeStateVector(client)
    const text = client.getXmlFragment('content').get(0) as Y.XmlElement
    ;(text.get(0) as Y.XmlText).insert(4, ' 3.1')
    const second = Y.encodeStateAsUpdate(client, before)

    // The peer's edit depends on `first`, which this room only gets from another instance.
    room.receive(a, encodeMessage({ type: 'update', update: second }))
    room.applyRemote(first)
    await room.whenDurable()

    const log = (await storage.loadUpdates(NOTICE_ID)) ?? []
    const stored = docFromLog(NOTICE_ID, log)
    expect(textOf(stored.doc)).toContain('Item 3.1')
    expect(textOf(room.doc)).toContain('Item 3.1')
  })
})
