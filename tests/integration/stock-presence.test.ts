/**
 * Presence between stock y-websocket providers in Node, as the design promises them: a provider
 * re-sends every awareness change it sees, others' states included, and the server must let it
 * do so without closing it, while never letting it change or remove another user's presence.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { removeAwarenessStates } from 'y-protocols/awareness'
import { rootCaret, sameCaret } from '../support/notice-content'
import {
  cleanup,
  connectClient,
  contentOf,
  createNotice,
  http,
  insertParagraph,
  signIn,
  startTestServer,
  TEST_ADMIN,
  waitFor,
} from './harness'

afterEach(cleanup)

const PASSWORD = 'stock-presence-test-password'

type Presence = { user?: { username?: string; name?: string }; cursor?: unknown }

describe('presence between stock y-websocket providers', () => {
  it('keeps a provider connected when its local timeout removes another user’s presence, and leaves that presence alone', async () => {
    const server = await startTestServer()
    const id = await createNotice(server.url)
    const as = async (username: string, role: string): Promise<Record<string, string>> => {
      const created = await http(server.url, 'POST', '/api/users', { username, password: PASSWORD })
      expect(created.status).toBe(201)
      const granted = await http(server.url, 'PUT', `/api/notices/${id}/members/${username}`, { role })
      expect(granted.status).toBe(200)
      return { cookie: (await signIn(server.url, username, PASSWORD)).cookie, origin: server.url }
    }
    const a = await connectClient(server.wsBase, id)
    const b = await connectClient(server.wsBase, id, { headers: await as('bea', 'editor') })
    const c = await connectClient(server.wsBase, id, { headers: await as('cleo', 'viewer') })
    const idA = a.doc.clientID
    a.provider.awareness.setLocalStateField('cursor', rootCaret(31))
    const stateOfA = (client: typeof c): Presence | undefined =>
      client.provider.awareness.getStates().get(idA) as Presence | undefined
    await waitFor(
      () => sameCaret(stateOfA(b)?.cursor, rootCaret(31)) && sameCaret(stateOfA(c)?.cursor, rootCaret(31)),
      'B and C to see A’s cursor',
    )
    const seenByC = stateOfA(c)
    expect(seenByC?.user?.username).toBe(TEST_ADMIN.username)
    const clockSeenByC = c.provider.awareness.meta.get(idA)?.clock
    const socketOfB = b.provider.ws

    // What B's awareness does by itself when A's state was not renewed for 30 s: remove it with
    // clock + 1 and emit an update, which the stock provider sends to the server.
    removeAwarenessStates(b.provider.awareness, [idA], 'timeout')
    insertParagraph(b.doc, 'from B after the timeout')
    await waitFor(() => contentOf(c.doc).includes('from B after the timeout'), 'C to see B’s later edit')
    insertParagraph(a.doc, 'from A after the timeout')
    await waitFor(() => contentOf(b.doc).includes('from A after the timeout'), 'B to see A’s later edit')

    expect(b.closes).toEqual([])
    expect(b.provider.wsconnected).toBe(true)
    expect(b.provider.ws).toBe(socketOfB)
    expect(stateOfA(c)).toEqual(seenByC)
    expect(c.provider.awareness.meta.get(idA)?.clock).toBe(clockSeenByC)
    // The server still holds A's presence: a newcomer is sent it as it was.
    const late = await connectClient(server.wsBase, id, { headers: await as('dora', 'viewer') })
    await waitFor(() => stateOfA(late) !== undefined, 'a newcomer to see A’s presence')
    expect(stateOfA(late)).toEqual(seenByC)
  })
})
