import { encodeMessage } from '@convene/protocol'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { createMemoryStorage } from '../storage/memory/memory-storage'
import type { NoticeStorage } from '../storage/storage'
import { CLOSE_CODES } from '../sync/protocol'
import type { Room } from '../sync/room'
import type { RoomRegistry } from '../sync/room-registry'
import { type FakePeer, fakePeer } from '../test/fake-peer'
import { type MemoryBroker, type MemoryBus, memoryBroker } from '../test/memory-bus'
import { join, NOTICE_ID, paragraph, testRegistry, textOf, typed } from '../test/room-fixture'
import { ClusterLink } from './cluster-link'
import { decodeClusterMessage } from './cluster-message'

const silent = pino({ level: 'silent' })

type Instance = { id: string; link: ClusterLink; registry: RoomRegistry; bus: MemoryBus }
type Cluster = { storage: NoticeStorage; broker: MemoryBroker; instances: Instance[] }

const opened: Cluster[] = []

afterEach(async () => {
  for (const cluster of opened.splice(0)) {
    for (const instance of cluster.instances) {
      await instance.registry.close()
      await instance.link.close()
    }
  }
})

/** `count` instances over one memory storage holding {@link NOTICE_ID}, joined by one broker. */
async function cluster(
  count: number,
  timing: { catchUpIntervalMs?: number; heartbeatMs?: number } = {},
): Promise<Cluster> {
  const storage = createMemoryStorage()
  const doc = new Y.Doc()
  paragraph(doc, 'Ordre du jour')
  await storage.createNotice({
    id: NOTICE_ID,
    summary: { title: 'Avis', symbol: '', language: 'fr' },
    state: Y.encodeStateAsUpdate(doc),
  })
  doc.destroy()
  const broker = memoryBroker()
  const instances = Array.from({ length: count }, (_, index): Instance => {
    const id = `instance-${index + 1}`
    const bus = broker.bus()
    const link = new ClusterLink({
      bus,
      storage,
      instanceId: id,
      prefix: 'test',
      logger: silent,
      catchUpIntervalMs: timing.catchUpIntervalMs ?? 60_000,
      heartbeatMs: timing.heartbeatMs ?? 60_000,
      gapGraceMs: 20,
    })
    const registry = testRegistry(storage, { unloadDelayMs: 60_000, events: link })
    link.attach(registry)
    link.start()
    return { id, link, registry, bus }
  })
  const made = { storage, broker, instances }
  opened.push(made)
  return made
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Joins a fresh peer to the notice's room on `instance`, after the link subscribed. */
async function connect(instance: Instance): Promise<{ peer: FakePeer; room: Room }> {
  const peer = fakePeer()
  const room = await join(instance.registry, peer)
  await sleep(5)
  return { peer, room }
}

function at(cluster: Cluster, index: number): Instance {
  const instance = cluster.instances[index]
  if (!instance) throw new RangeError(`No instance ${index}`)
  return instance
}

/** The awareness message a y-websocket client sends to announce `state`. */
function presence(state: Record<string, unknown>): { clientId: number; message: Uint8Array } {
  const awareness = new Awareness(new Y.Doc())
  awareness.setLocalState(state)
  const message = encodeMessage({
    type: 'awareness',
    update: encodeAwarenessUpdate(awareness, [awareness.clientID]),
  })
  awareness.destroy()
  return { clientId: awareness.clientID, message }
}

/** The presence states `peer` was told about, as the awareness a client keeps would hold them. */
function presenceSeenBy(peer: FakePeer): Map<number, unknown> {
  const awareness = new Awareness(new Y.Doc())
  for (const message of peer.messages()) {
    if (message.type === 'awareness') applyAwarenessUpdate(awareness, message.update, 'server')
  }
  const states = new Map(awareness.getStates())
  states.delete(awareness.clientID)
  awareness.destroy()
  return states
}

describe('ClusterLink', () => {
  it('relays an update stored by one instance to the peers of another, which does not store it again', async () => {
    const nodes = await cluster(2)
    const a = await connect(at(nodes, 0))
    const b = await connect(at(nodes, 1))

    a.room.receive(a.peer, typed('Bonjour de A'))
    await waitFor(() => textOf(b.peer.received()).includes('Bonjour de A'), "A's edit at B's peer")

    expect(textOf(b.room.doc)).toBe(textOf(a.room.doc))
    await sleep(20)
    expect((await nodes.storage.loadUpdates(NOTICE_ID))?.length).toBe(2)
  })

  it('reads an update whose message was lost back from storage when the next seq shows the gap', async () => {
    const nodes = await cluster(2)
    const a = await connect(at(nodes, 0))
    const b = await connect(at(nodes, 1))
    let lost = 0
    nodes.broker.lose = (_channel, bytes) => {
      const message = decodeClusterMessage(bytes)
      return message.type === 'update' && message.seq === 2 && ++lost === 1
    }

    a.room.receive(a.peer, typed('first, lost on the way'))
    await a.room.whenDurable()
    a.room.receive(a.peer, typed('second'))

    await waitFor(() => textOf(b.peer.received()).includes('first, lost on the way'), 'the lost edit at B')
    expect(lost).toBe(1)
    expect(textOf(b.room.doc)).toBe(textOf(a.room.doc))
  })

  it('finds a last update whose message was lost at the periodic check', async () => {
    const nodes = await cluster(2, { catchUpIntervalMs: 50 })
    const a = await connect(at(nodes, 0))
    const b = await connect(at(nodes, 1))
    nodes.broker.lose = (_channel, bytes) => decodeClusterMessage(bytes).type === 'update'

    a.room.receive(a.peer, typed('only in storage'))

    await waitFor(() => textOf(b.peer.received()).includes('only in storage'), 'the edit at B')
  })

  it('keeps each instance serving its own peers while the broker is down, reports it, and converges when it returns', async () => {
    const nodes = await cluster(2)
    const a = await connect(at(nodes, 0))
    const b = await connect(at(nodes, 1))
    nodes.broker.down()
    expect(at(nodes, 0).link.status()).toBe('degraded')

    const a2 = fakePeer()
    await join(at(nodes, 0).registry, a2)
    b.room.receive(b.peer, typed('written at B during the outage'))
    await b.room.whenDurable()
    a.room.receive(a.peer, typed('written at A during the outage'))
    await waitFor(() => textOf(a2.received()).includes('written at A'), "A's edit at A's other peer")
    await sleep(50)
    // B stored first, so nothing B holds shows it a gap: only the broker could tell it.
    expect(textOf(b.room.doc)).not.toContain('written at A')

    nodes.broker.restore()
    await waitFor(
      () => textOf(a.room.doc) === textOf(b.room.doc) && textOf(b.peer.received()).includes('written at A'),
      'convergence after the outage',
    )
    expect(textOf(a.peer.received())).toContain('written at B')
    expect(at(nodes, 0).link.status()).toBe('ok')
  })

  it('shows the presence of another instance’s clients, and withdraws it when that instance says bye', async () => {
    const nodes = await cluster(2)
    const a = await connect(at(nodes, 0))
    const b = await connect(at(nodes, 1))
    const ana = presence({ user: { name: 'Ana' } })

    a.room.receive(a.peer, ana.message)
    await waitFor(() => presenceSeenBy(b.peer).has(ana.clientId), "Ana's presence at B")
    expect(presenceSeenBy(b.peer).get(ana.clientId)).toEqual({ user: { name: 'Ana' } })

    await at(nodes, 0).link.close()
    await waitFor(() => !presenceSeenBy(b.peer).has(ana.clientId), "Ana's presence withdrawn at B")
    expect(b.room.awareness.getStates().has(ana.clientId)).toBe(false)
  })

  it('tells an instance that opens a notice later who is already there', async () => {
    const nodes = await cluster(2)
    const a = await connect(at(nodes, 0))
    const ana = presence({ user: { name: 'Ana' } })
    a.room.receive(a.peer, ana.message)
    await sleep(10)

    const b = await connect(at(nodes, 1))

    await waitFor(() => presenceSeenBy(b.peer).has(ana.clientId), "Ana's presence at the later instance")
  })

  it('withdraws the presence of an instance that stopped heartbeating', async () => {
    const nodes = await cluster(2, { heartbeatMs: 20 })
    const a = await connect(at(nodes, 0))
    const b = await connect(at(nodes, 1))
    const ana = presence({ user: { name: 'Ana' } })
    a.room.receive(a.peer, ana.message)
    await waitFor(() => presenceSeenBy(b.peer).has(ana.clientId), "Ana's presence at B")

    // As if instance 1 were killed: its connection is gone, it says nothing more.
    await at(nodes, 0).bus.close()

    await waitFor(() => !presenceSeenBy(b.peer).has(ana.clientId), "Ana's presence withdrawn at B", 2000)
  })

  it('closes the room of a notice deleted by another instance with 4410', async () => {
    const nodes = await cluster(2)
    await connect(at(nodes, 0))
    const b = await connect(at(nodes, 1))

    expect(await at(nodes, 0).registry.delete(NOTICE_ID)).toBe(true)

    await waitFor(() => b.peer.closedWith !== null, "B's peer closed")
    expect(b.peer.closedWith?.code).toBe(CLOSE_CODES.NOTICE_DELETED)
  })

  it('converges three instances whose peers type at once, each update stored once', async () => {
    const nodes = await cluster(3)
    const joined = await Promise.all(nodes.instances.map((instance) => connect(instance)))
    for (let round = 0; round < 5; round++) {
      joined.forEach(({ peer, room }, index) => {
        room.receive(peer, typed(`round ${round} from ${index + 1}`))
      })
      await sleep(1)
    }

    await waitFor(
      () => joined.every(({ room }) => (room.doc.getXmlFragment('content').length ?? 0) === 16),
      'every paragraph everywhere',
    )
    const [first, ...others] = joined.map(({ room }) => textOf(room.doc))
    for (const other of others) expect(other).toBe(first)
    await sleep(20)
    expect((await nodes.storage.loadUpdates(NOTICE_ID))?.length).toBe(16)
  })
})
