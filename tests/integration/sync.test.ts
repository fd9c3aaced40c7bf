import { afterEach, describe, expect, it } from 'vitest'
import { rootCaret, sameCaret } from '../support/notice-content'
import {
  cleanup,
  connectClient,
  contentOf,
  createNotice,
  http,
  insertParagraph,
  noticeOf,
  openRaw,
  startTestServer,
  TEST_ADMIN,
  waitFor,
} from './harness'

afterEach(cleanup)

describe('websocket sync with stock y-websocket clients', () => {
  it('makes two clients editing the Tiptap fragment at the same time converge', async () => {
    const server = await startTestServer()
    const id = await createNotice(server.url)
    const a = await connectClient(server.wsBase, id)
    const b = await connectClient(server.wsBase, id)

    for (let i = 0; i < 20; i++) {
      insertParagraph(a.doc, `from A ${i}`)
      insertParagraph(b.doc, `from B ${i}`)
    }

    await waitFor(
      () => contentOf(a.doc) === contentOf(b.doc) && contentOf(a.doc).includes('from B 19'),
      'both clients to hold the same 40 paragraphs',
    )
    for (let i = 0; i < 20; i++) {
      expect(contentOf(a.doc)).toContain(`from A ${i}<`)
      expect(contentOf(a.doc)).toContain(`from B ${i}<`)
    }
    const stored = await http(server.url, 'GET', `/api/notices/${id}`)
    expect(stored.status).toBe(200)
    expect((stored.body as { content: unknown }).content).toEqual(noticeOf(a.doc).content)
  })

  it('gives a client that joins late everything the others wrote', async () => {
    const server = await startTestServer()
    const id = await createNotice(server.url)
    const a = await connectClient(server.wsBase, id)
    const b = await connectClient(server.wsBase, id)
    insertParagraph(a.doc, 'early from A')
    insertParagraph(b.doc, 'early from B')
    await waitFor(
      () => contentOf(a.doc) === contentOf(b.doc) && contentOf(a.doc).includes('early from B'),
      'A and B',
    )

    const late = await connectClient(server.wsBase, id)

    expect(contentOf(late.doc)).toBe(contentOf(a.doc))
    expect(contentOf(late.doc)).toContain('early from A')
    expect(contentOf(late.doc)).toContain('early from B')
  })

  it('opens the sample notice created on first start, with its agenda', async () => {
    const server = await startTestServer()
    const list = await http(server.url, 'GET', '/api/notices')
    const [sample] = list.body as { id: string; language: string }[]
    expect(sample?.language).toBe('fr')

    const client = await connectClient(server.wsBase, sample?.id as string)

    const agenda = (noticeOf(client.doc).content.content ?? []).filter((node) => node.type === 'agendaItem')
    expect(agenda.map((item) => item.attrs?.id)).toContain('msme-accession')
    expect(client.doc.getMap('meta').get('language')).toBe('fr')
  })

  it('relays presence and withdraws a client’s presence from the others when its connection drops', async () => {
    const server = await startTestServer()
    const id = await createNotice(server.url)
    const a = await connectClient(server.wsBase, id)
    const b = await connectClient(server.wsBase, id)
    // The client claims a name; the server relays the one its session says (the harness admin's).
    a.provider.awareness.setLocalStateField('user', { name: 'Amina' })
    a.provider.awareness.setLocalStateField('cursor', rootCaret(31))
    await waitFor(
      () =>
        sameCaret(
          (b.provider.awareness.getStates().get(a.doc.clientID) as { cursor?: unknown } | undefined)?.cursor,
          rootCaret(31),
        ),
      'B to see A’s presence',
    )
    expect(
      (b.provider.awareness.getStates().get(a.doc.clientID) as { user?: { username: string } }).user
        ?.username,
    ).toBe(TEST_ADMIN.username)

    // Drop A's socket without a goodbye, so only the server can tell B that A left.
    a.provider.shouldConnect = false
    ;(a.provider.ws as unknown as { terminate(): void }).terminate()

    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 'B to stop seeing A')
  })

  it('closes a connection to an unknown notice or an unknown room with 4404 and no retry', async () => {
    const server = await startTestServer()
    const id = await createNotice(server.url)

    const unknown = await openRaw(`${server.wsBase}/no-such-notice`)
    const unknownRoom = await openRaw(`${server.wsBase}/${id}/history`)

    expect((await unknown.closed())?.code).toBe(4404)
    expect((await unknownRoom.closed())?.code).toBe(4404)
  })

  it('refuses a websocket upgrade outside /collab with HTTP 404', async () => {
    const server = await startTestServer()
    await expect(openRaw(`${server.url.replace(/^http/, 'ws')}/elsewhere`)).rejects.toThrow(/HTTP 404/)
  })

  it('keeps serving a notice whose room was unloaded after its last client left', async () => {
    const server = await startTestServer({ roomUnloadDelayMs: 50 })
    const id = await createNotice(server.url)
    const a = await connectClient(server.wsBase, id)
    insertParagraph(a.doc, 'before unload')
    const b = await connectClient(server.wsBase, id)
    await waitFor(() => contentOf(b.doc).includes('before unload'), 'B to see the edit')
    a.provider.destroy()
    b.provider.destroy()
    await new Promise((resolveWait) => setTimeout(resolveWait, 300))

    const c = await connectClient(server.wsBase, id)

    expect(contentOf(c.doc)).toContain('before unload')
    insertParagraph(c.doc, 'after reload')
    const d = await connectClient(server.wsBase, id)
    await waitFor(() => contentOf(d.doc).includes('after reload'), 'D to see the edit made after the reload')
  })
})
