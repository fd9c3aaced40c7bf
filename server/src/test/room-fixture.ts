/**
 * A room registry over a controllable memory storage, with one notice in it, and helpers to
 * build the messages a y-websocket client sends (with `@convene/protocol`). For tests of rooms and their lifecycle.
 */
import { encodeMessage } from '@convene/protocol'
import { pino } from 'pino'
import * as Y from 'yjs'
import type { NoticeStorage } from '../storage/storage'
import type { Room } from '../sync/room'
import { RoomRegistry, type RoomRegistryOptions } from '../sync/room-registry'
import { UpdateWriter } from '../sync/update-writer'
import { type ControlledStorage, controlledStorage } from './controlled-storage'
import type { FakePeer } from './fake-peer'

/** The id of the notice every fixture starts with. */
export const NOTICE_ID = 'notice-1'

/** A registry, its storage and writer. */
export type RoomFixture = { storage: ControlledStorage; writer: UpdateWriter; registry: RoomRegistry }

/** Creates a registry whose storage holds {@link NOTICE_ID} (title "Avis", one paragraph). */
export async function roomFixture(options: Partial<RoomRegistryOptions> = {}): Promise<RoomFixture> {
  const storage = controlledStorage()
  const doc = new Y.Doc()
  doc.getMap('meta').set('title', 'Avis')
  paragraph(doc, 'Ordre du jour')
  await storage.createNotice({
    id: NOTICE_ID,
    summary: { title: 'Avis', symbol: '', language: 'fr' },
    state: Y.encodeStateAsUpdate(doc),
  })
  doc.destroy()
  const writer = options.writer ?? new UpdateWriter(storage)
  return { storage, writer, registry: testRegistry(storage, { writer, ...options }) }
}

/**
 * A registry over `storage` as a test needs it: silent, the default message limits, rooms
 * unloaded 20 ms after their last peer; `options` override any of it.
 */
export function testRegistry(
  storage: NoticeStorage,
  options: Partial<RoomRegistryOptions> = {},
): RoomRegistry {
  return new RoomRegistry({
    storage,
    deleteStored: (id) => storage.deleteNotice(id),
    writer: new UpdateWriter(storage),
    logger: pino({ level: 'silent' }),
    limits: { maxMessageBytes: 1024 * 1024, maxAwarenessBytes: 64 * 1024 },
    unloadDelayMs: 20,
    compactAfterRows: 1000,
    ...options,
  })
}

/** Adds `peer` to the room of `noticeId`, like the gateway does. */
export async function join(registry: RoomRegistry, peer: FakePeer, noticeId = NOTICE_ID): Promise<Room> {
  const room = await registry.acquire(noticeId)
  room.addPeer(peer)
  room.release()
  return room
}

/** Inserts a paragraph holding `text` at the start of `doc`'s content fragment. */
export function paragraph(doc: Y.Doc, text: string): void {
  const element = new Y.XmlElement('paragraph')
  element.insert(0, [new Y.XmlText(text)])
  doc.getXmlFragment('content').insert(0, [element])
}

/** The update message (`[0, 2, update]`) of a fresh client typing a paragraph `text`. */
export function typed(text: string): Uint8Array {
  const doc = new Y.Doc()
  paragraph(doc, text)
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return encodeMessage({ type: 'update', update })
}

/** The sync step 1 of a client that holds nothing yet: "send me everything". */
export const emptyStep1 = (): Uint8Array =>
  encodeMessage({ type: 'sync-step-1', stateVector: Y.encodeStateVector(new Y.Doc()) })

/** The text of `doc`'s content fragment. */
export function textOf(doc: Y.Doc): string {
  return doc.getXmlFragment('content').toString()
}

/** Waits for pending promise callbacks and one turn of the event loop (a group commit). */
export async function tick(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve))
  await new Promise((resolve) => setImmediate(resolve))
}
