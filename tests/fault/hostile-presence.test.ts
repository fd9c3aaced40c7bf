/**
 * A viewer or reviewer cannot break other people's editors through presence or comment anchors:
 * a caret `{ anchor: {}, head: {} }` (which Yjs cannot resolve: "Unexpected case") is relayed as no
 * caret, a comment thread anchored on `{ start: {}, end: {} }` is refused and never stored, and
 * 400,000 awareness client ids from one connection are refused at the first message, the server's
 * memory growing less than 64 MB and no peer being sent more than 1 MB of presence.
 */
import type { AwarenessEntry } from '@convene/protocol'
import { CONTENT_FIELD, createThread, readThreads } from '@convene/schema'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { paragraphUpdate } from '../support/notice-content'
import type { RawClient } from '../support/raw-client'
import { accessToken } from '../support/sign-in'
import {
  api,
  cleanup,
  createNotice,
  type FaultServer,
  openRaw,
  rssMiB,
  startServer,
  storedContent,
  waitFor,
} from './fault-harness'
import { ALL_READABLE, readStatuses } from './notice-probes'

const VIEWER = { username: 'fault-viewer', password: 'fault-viewer-password' }
const REVIEWER = { username: 'fault-reviewer', password: 'fault-reviewer-password' }

let server: FaultServer
let noticeId: string
const urls: Record<'admin' | 'viewer' | 'reviewer', string> = { admin: '', viewer: '', reviewer: '' }

beforeAll(async () => {
  server = await startServer()
  noticeId = await createNotice(server)
  for (const [who, role] of [
    [VIEWER, 'viewer'],
    [REVIEWER, 'reviewer'],
  ] as const) {
    expect((await api(server, 'POST', '/api/users', { ...who })).status).toBe(201)
    expect(
      (await api(server, 'PUT', `/api/notices/${noticeId}/members/${who.username}`, { role })).status,
    ).toBe(200)
  }
  const tokens = {
    admin: (await accessToken(server.url, { username: 'fault-admin', password: 'fault-admin-password' }))
      ?.token,
    viewer: (await accessToken(server.url, VIEWER))?.token,
    reviewer: (await accessToken(server.url, REVIEWER))?.token,
  }
  for (const who of ['admin', 'viewer', 'reviewer'] as const) {
    urls[who] = `${server.wsBase}/${noticeId}?token=${encodeURIComponent(tokens[who] ?? '')}`
  }
})

afterAll(cleanup)

/** A synced raw client of `who` in the text room, or in the comments room with `room: 'comments'`. */
async function joined(who: keyof typeof urls, room: 'text' | 'comments' = 'text'): Promise<RawClient> {
  const url = room === 'text' ? urls[who] : urls[who].replace(`/${noticeId}?`, `/${noticeId}/comments?`)
  const client = await openRaw(url)
  expect(await client.sync()).toBe(true)
  return client
}

/** The bytes of every awareness message `client` was sent. */
const presenceBytes = (client: RawClient): number =>
  client
    .received()
    .reduce((sum, message) => sum + (message.type === 'awareness' ? message.update.length : 0), 0)

describe('hostile presence and comment anchors', () => {
  it('relays a viewer’s caret { anchor: {}, head: {} } as no caret; the viewer and the editors carry on', async () => {
    const editor = await joined('admin')
    const viewer = await joined('viewer')
    expect(() =>
      Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON({}), editor.doc),
    ).toThrow()

    viewer.sendAwareness([{ clientId: 5151, clock: 1, state: { cursor: { anchor: {}, head: {} } } }])
    await waitFor(() => editor.awareness.some((entry) => entry.clientId === 5151), 'the viewer’s presence')

    const relayed = editor.awareness.filter((entry) => entry.clientId === 5151)
    expect(relayed.map((entry) => (entry.state as { cursor: unknown }).cursor)).toEqual([null])
    expect(relayed[0]?.state).toMatchObject({ user: { username: VIEWER.username } })
    editor.sendUpdate(paragraphUpdate('Typed after the hostile caret', 7001))
    expect(await editor.outcome()).toBe('ok')
    expect(await viewer.outcome()).toBe('ok')
    expect(await storedContent(server, noticeId)).toContain('Typed after the hostile caret')
  })

  it('refuses a thread anchored on { start: {}, end: {} }; nothing is stored and the notice still loads and edits', async () => {
    const reviewer = await joined('reviewer', 'comments')
    reviewer.change((doc) =>
      createThread(doc, {
        anchor: { start: {}, end: {} },
        quote: 'Ordre du jour',
        text: 'An anchor naming nothing',
        author: { id: 'ignored', name: 'ignored' },
      }),
    )
    const closed = await reviewer.closed()
    expect(closed?.code).toBe(4422)
    expect(reviewer.denied.join(' ')).toMatch(
      /anchor\.start: a relative position names an "item", a "type" or a "tname"/,
    )

    const observer = await joined('admin', 'comments')
    expect(readThreads(observer.doc)).toEqual([])
    const editor = await joined('admin')
    editor.sendUpdate(paragraphUpdate('Still editable', 7002))
    expect(await editor.outcome()).toBe('ok')
    expect(await readStatuses(server, noticeId)).toEqual(ALL_READABLE)
    expect(editor.doc.getXmlFragment(CONTENT_FIELD).length).toBeGreaterThan(0)
  })

  it('refuses 400,000 awareness ids from one connection; memory grows < 64 MB, no peer gets > 1 MB of presence', async () => {
    const peer = await joined('admin')
    const before = presenceBytes(peer)
    const rssBefore = rssMiB(server)
    const codes: (number | null)[] = []
    let sent = 0
    // Twenty messages of 20,000 ids, as reported; each refusal costs the attacker a reconnection.
    for (let round = 0; round < 20; round += 1) {
      const attacker = await joined('reviewer')
      const entries: AwarenessEntry[] = []
      for (let index = 0; index < 20_000; index += 1) {
        entries.push({ clientId: 1_000_000 + sent, clock: 1, state: { cursor: null, user: { name: 'x' } } })
        sent += 1
      }
      attacker.sendAwareness(entries)
      codes.push((await attacker.closed())?.code ?? null)
    }
    expect(sent).toBe(400_000)
    expect(codes).toEqual(Array(20).fill(4413))
    // Small messages do not get round it: a fifth id on one connection is refused too.
    const patient = await joined('reviewer')
    for (let index = 0; index < 5; index += 1) {
      patient.sendAwareness([{ clientId: 2_000_000 + index, clock: 1, state: {} }])
    }
    expect((await patient.closed())?.code).toBe(4413)
    expect(patient.denied).toEqual([])

    expect(await peer.outcome()).toBe('ok')
    const presence = presenceBytes(peer) - before
    expect(presence).toBeLessThan(1024 * 1024)
    expect(rssMiB(server) - rssBefore).toBeLessThan(64)
    // Nobody's id was relayed.
    const ids = new Set(peer.awareness.map((entry) => entry.clientId))
    expect([...ids].filter((id) => id >= 1_000_000 && id < 2_000_000)).toEqual([])
  })
})
