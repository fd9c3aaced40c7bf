import { encodeAwarenessMessage, encodeMessage } from '@convene/protocol'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { paragraphUpdate } from '../support/notice-content'
import {
  type Client,
  cleanup,
  connectClient,
  contentOf,
  createNotice,
  http,
  insertParagraph,
  openRaw,
  startTestServer,
  type TestServer,
  waitFor,
} from './harness'

afterEach(cleanup)

const MAX_MESSAGE_BYTES = 64 * 1024
const MAX_AWARENESS_BYTES = 4 * 1024

const updateMessage = (update: Uint8Array): Uint8Array => encodeMessage({ type: 'update', update })

/** A real update that would add a paragraph "poison" if it were accepted. */
const poisonUpdate = (): Uint8Array => paragraphUpdate('poison')

/**
 * An awareness message whose one state is the text `stateText`, as is: the encoder only writes
 * JSON, and this must be able to write anything.
 */
function awarenessWithStateText(stateText: string): Uint8Array {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, 1)
  encoding.writeVarUint(inner, 123456)
  encoding.writeVarUint(inner, 1)
  encoding.writeVarString(inner, stateText)
  return encodeMessage({ type: 'awareness', update: encoding.toUint8Array(inner) })
}

const truncatedUpdate = (): Uint8Array => {
  const update = poisonUpdate()
  return updateMessage(update.subarray(0, update.length - 3))
}

/** Each hostile message, the code it must close its sender with, and why. */
const CASES: { name: string; code: number; message: () => Uint8Array | string }[] = [
  { name: 'garbage bytes', code: 4400, message: () => Uint8Array.of(0x9a, 0x13, 0x00, 0xfe, 0x42, 0x07) },
  {
    name: 'garbage inside a well-framed update',
    code: 4400,
    message: () => updateMessage(Uint8Array.of(0xde, 0xad, 0xbe, 0xef, 0x01)),
  },
  { name: 'an unknown message type', code: 4400, message: () => Uint8Array.of(7) },
  { name: 'an unknown sync message type', code: 4400, message: () => Uint8Array.of(0, 9, 1, 0) },
  { name: 'a truncated varint', code: 4400, message: () => Uint8Array.of(0x80) },
  { name: 'a length running past the end', code: 4400, message: () => Uint8Array.of(0, 2, 0xff, 0x01, 0x00) },
  { name: 'a truncated update', code: 4400, message: truncatedUpdate },
  {
    name: 'a V2 update',
    code: 4400,
    message: () => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, poisonUpdate())
      return updateMessage(Y.encodeStateAsUpdateV2(doc))
    },
  },
  {
    name: 'a valid update with trailing bytes',
    code: 4400,
    message: () => Uint8Array.of(...updateMessage(poisonUpdate()), 0),
  },
  { name: 'an empty message', code: 4400, message: () => new Uint8Array(0) },
  { name: 'a text frame', code: 4400, message: () => 'hello' },
  { name: 'awareness that is not JSON', code: 4400, message: () => awarenessWithStateText('{not json') },
  {
    name: 'an awareness update over the presence limit',
    code: 4413,
    message: () =>
      encodeAwarenessMessage([
        { clientId: 123456, clock: 1, state: { name: 'x'.repeat(MAX_AWARENESS_BYTES) } },
      ]),
  },
  {
    name: 'a frame over the websocket payload limit',
    code: 1009,
    message: () => updateMessage(new Uint8Array(MAX_MESSAGE_BYTES + 1)),
  },
]

describe('a peer sending malformed messages', () => {
  let server: TestServer
  let id: string
  let writer: Client
  let reader: Client

  const setUp = async (): Promise<void> => {
    server = await startTestServer({
      maxMessageBytes: MAX_MESSAGE_BYTES,
      maxAwarenessBytes: MAX_AWARENESS_BYTES,
    })
    id = await createNotice(server.url)
    writer = await connectClient(server.wsBase, id)
    reader = await connectClient(server.wsBase, id)
    insertParagraph(writer.doc, 'before the attack')
    await waitFor(() => contentOf(reader.doc).includes('before the attack'), 'the reader to sync')
  }

  for (const { name, code, message } of CASES) {
    it(`is closed with ${code} for ${name}, alone, and the notice is unchanged`, async () => {
      await setUp()
      const storedBefore = await http(server.url, 'GET', `/api/notices/${id}`)
      const attacker = await openRaw(`${server.wsBase}/${id}`)

      attacker.socket.send(message())
      const closed = await attacker.closed()

      expect(closed?.code).toBe(code)
      const storedAfter = await http(server.url, 'GET', `/api/notices/${id}`)
      expect(storedAfter.body).toEqual(storedBefore.body)
      expect(JSON.stringify(storedAfter.body)).not.toContain('poison')
      insertParagraph(writer.doc, `after ${name}`)
      await waitFor(() => contentOf(reader.doc).includes(`after ${name}`), 'the reader to keep syncing')
      expect(writer.closes).toEqual([])
      expect(reader.closes).toEqual([])
    })
  }

  it('accepts the same update once it is well formed (the refusals above are about form)', async () => {
    await setUp()
    const peer = await openRaw(`${server.wsBase}/${id}`)

    peer.socket.send(updateMessage(poisonUpdate()))

    await waitFor(() => contentOf(reader.doc).includes('poison'), 'the reader to receive the update')
    expect(JSON.stringify((await http(server.url, 'GET', `/api/notices/${id}`)).body)).toContain('poison')
  })
})
