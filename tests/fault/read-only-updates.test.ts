/**
 * A reviewer cannot stall the server: ten updates of about 200 KB whose delete set repeats a range
 * the notice has already deleted are refused (4403) one by one, as live updates and as sync step
 * 2, while the event loop, measured from another thread with /api/health, never stalls more than
 * 250 ms; the notice is unchanged and the reviewer's own stock client keeps syncing.
 */
import { CONTENT_FIELD } from '@convene/schema'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { accessToken } from '../support/sign-in'
import {
  api,
  type Client,
  cleanup,
  connectClient,
  contentOf,
  createNotice,
  type FaultServer,
  paragraph,
  probeEventLoop,
  sleep,
  startServer,
  storedContent,
  waitFor,
} from './fault-harness'
import { sendUpdate } from './notice-probes'

const MAX_STALL_MS = 250
const REVIEWER = { username: 'fault-reviewer', password: 'fault-reviewer-password' }

let server: FaultServer
let noticeId: string
let editor: Client
let reviewerUrl: string
let reviewerToken: string

beforeAll(async () => {
  server = await startServer()
  noticeId = await createNotice(server)
  expect((await api(server, 'POST', '/api/users', { ...REVIEWER })).status).toBe(201)
  expect(
    (await api(server, 'PUT', `/api/notices/${noticeId}/members/${REVIEWER.username}`, { role: 'reviewer' }))
      .status,
  ).toBe(200)
  reviewerToken = (await accessToken(server.url, REVIEWER))?.token ?? ''
  reviewerUrl = `${server.wsBase}/${noticeId}?token=${encodeURIComponent(reviewerToken)}`
  editor = await connectClient(server, noticeId, 'editor')
  // Text typed and then partly deleted: the notice's delete set holds a run of the editor's clock
  // past 16,384, which takes 3 bytes to write.
  const element = paragraph(`Ordre du jour provisoire, à supprimer en partie ${'x'.repeat(20_000)}`)
  editor.doc.getXmlFragment(CONTENT_FIELD).insert(0, [element])
  ;(element.get(0) as Y.XmlText).delete(17_000, 20)
  for (let tries = 0; !(await storedContent(server, noticeId)).includes('supprimer'); tries++) {
    if (tries > 100) throw new Error('the edit was never stored')
    await sleep(50)
  }
})

afterAll(cleanup)

/** An update of no structs whose delete set names the already deleted run of `client` `ranges` times. */
function repeatedDeletion(doc: Y.Doc, client: number, ranges: number): Uint8Array {
  const deleted = Y.createDeleteSetFromStructStore(doc.store).clients.get(client)?.[0]
  if (!deleted) throw new Error(`client ${client} deleted nothing`)
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint(encoder, client)
  encoding.writeVarUint(encoder, ranges)
  for (let range = 0; range < ranges; range++) {
    encoding.writeVarUint(encoder, deleted.clock)
    encoding.writeVarUint(encoder, deleted.len)
  }
  return encoding.toUint8Array(encoder)
}

describe('a reviewer sending updates', () => {
  it(`is refused with 4403 for repeated deleted ranges, and the event loop never stalls over ${MAX_STALL_MS} ms`, async () => {
    const before = await storedContent(server, noticeId)
    const attack = repeatedDeletion(editor.doc, editor.doc.clientID, 49_000)
    expect(attack.length).toBeGreaterThan(190_000)
    const probe = probeEventLoop(server)
    const codes: (number | null)[] = []
    for (let round = 0; round < 10; round++) {
      codes.push((await sendUpdate(reviewerUrl, attack, round % 2 === 0 ? 2 : 1)).code)
    }
    const seen = await probe.stop()

    expect(codes).toEqual(Array(10).fill(4403))
    expect(seen.failures).toBe(0)
    expect(seen.count).toBeGreaterThan(10)
    expect(seen.maxMs, `the probe saw ${JSON.stringify(seen)}`).toBeLessThan(MAX_STALL_MS)
    expect(await storedContent(server, noticeId)).toBe(before)
  })

  it('is refused for a live update carrying anything, but a stock reviewer client stays connected', async () => {
    const answer = await sendUpdate(reviewerUrl, Y.encodeStateAsUpdate(editor.doc), 2)
    expect(answer.code).toBe(4403)
    expect(answer.denied).toContain('a reviewer cannot change the notice')

    const doc = new Y.Doc()
    const provider = new WebsocketProvider(server.wsBase, noticeId, doc, {
      WebSocketPolyfill: (await import('ws')).WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: { token: reviewerToken },
    })
    const closes: number[] = []
    provider.on('connection-close', (event) => {
      if (event) closes.push(event.code)
    })
    try {
      await waitFor(() => provider.synced, 'the reviewer client to sync')
      editor.doc.getXmlFragment(CONTENT_FIELD).insert(0, [paragraph('Vu par la relectrice')])
      await waitFor(
        () => contentOf(doc).includes('Vu par la relectrice'),
        'the reviewer client to receive the edit',
      )
      expect(closes).toEqual([])
    } finally {
      provider.destroy()
      doc.destroy()
    }
  })
})
