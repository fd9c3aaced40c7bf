/**
 * Reviewers and viewers against the server, with hand-built y-protocols messages and no provider:
 * every change to the text or metadata they attempt (update, sync step 2 carrying content, a `meta`
 * map change) and, for viewers, comments, is refused with an auth permission-denied message naming
 * the role and close code 4403, and the stored rows are byte-for-byte what they were; presence under
 * someone else's client id is ignored. What they may do (answering sync, harmless step 2, their own
 * presence, and for reviewers, comments) lands.
 */
import { anchorFromRelativePositions, createThread, readThreads } from '@convene/schema'
import { openDatabase } from '@convene/server'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { paragraphUpdate, rootCaret } from '../support/notice-content'
import { RawClient } from '../support/raw-client'
import { cleanup, http, signIn, startTestServer, type TestServer } from './harness'

afterEach(cleanup)

const PASSWORD = 'read-only-test-password'

type Person = { username: string; cookie: string; token: string; id: string; displayName: string }

let server: TestServer
let noticeId: string
let reviewer: Person
let viewer: Person
let editor: Person

async function person(username: string, role: string): Promise<Person> {
  const created = await http(server.url, 'POST', '/api/users', {
    username,
    password: PASSWORD,
    displayName: `${username} (display)`,
  })
  expect(created.status).toBe(201)
  const granted = await http(server.url, 'PUT', `/api/notices/${noticeId}/members/${username}`, { role })
  expect(granted.status).toBe(200)
  const { cookie, token, user } = await signIn(server.url, username, PASSWORD)
  return { username, cookie, token, id: user.id, displayName: user.displayName }
}

/** Every stored row of the notice: its record, its text log and its comments log, as JSON. */
async function storedRows(): Promise<string> {
  const database = await openDatabase({ dataDir: server.dataDir })
  try {
    const { notices: storage, comments } = database
    const hex = (rows: { seq: number; bytes: Uint8Array }[] | null) =>
      rows?.map((row) => [row.seq, Buffer.from(row.bytes).toString('hex')])
    return JSON.stringify({
      record: await storage.getNotice(noticeId),
      updates: hex(await storage.loadUpdates(noticeId)),
      comments: hex(await comments.loadUpdates(noticeId)),
    })
  } finally {
    await database.close()
  }
}

const url = (path: string): string => `${server.url.replace(/^http/, 'ws')}/collab/${noticeId}${path}`

/** Joins as `who` with the session cookie (from the app's page), or with the access token (no Origin). */
async function connect(who: Person, path = '', via: 'cookie' | 'token' = 'cookie'): Promise<RawClient> {
  const opened =
    via === 'cookie'
      ? await RawClient.open(url(path), { cookie: who.cookie, origin: server.url })
      : await RawClient.open(`${url(path)}?token=${encodeURIComponent(who.token)}`, {})
  if (!opened.client) throw new Error(`${who.username} was refused with HTTP ${opened.refused}`)
  const client = opened.client
  expect(await client.sync()).toBe(true)
  return client
}

function anchor() {
  const content = new Y.Doc().getXmlFragment('content')
  return anchorFromRelativePositions(
    Y.createRelativePositionFromTypeIndex(content, 0),
    Y.createRelativePositionFromTypeIndex(content, 0),
  )
}

/** Expects `client` to be refused: a permission-denied message naming `role`, then 4403. */
async function expectRefused(client: RawClient, role: string): Promise<void> {
  expect(await client.outcome()).toBe('4403')
  expect(client.denied).toHaveLength(1)
  expect(client.denied[0]).toMatch(/^Permission denied: /)
  if (role) expect(client.denied[0]).toContain(role)
}

beforeEach(async () => {
  server = await startTestServer()
  const created = await http(server.url, 'POST', '/api/notices', { from: 'sample' })
  noticeId = (created.body as { id: string }).id
  // Some history with deletions, so that a sync step 2 always carries a non-empty delete set.
  await http(server.url, 'PATCH', `/api/notices/${noticeId}`, { title: 'Avis révisé' })
  await http(server.url, 'PATCH', `/api/notices/${noticeId}`, { title: 'Avis révisé deux fois' })
  reviewer = await person('rita', 'reviewer')
  viewer = await person('vera', 'viewer')
  editor = await person('eddie', 'editor')
})

describe.each([
  ['reviewer', () => reviewer],
  ['viewer', () => viewer],
] as const)('a %s', (role, who) => {
  it('gets sync step 1 answered and every update, and may send an empty or already-known sync step 2', async () => {
    const before = await storedRows()
    const client = await connect(who())
    expect(JSON.stringify(client.doc.getXmlFragment('content').toJSON())).toContain('agenda')

    client.sendStep2(Uint8Array.of(0, 0))
    // What a stock client answers to the server's step 1 once the document has deletions: its
    // whole delete set, which changes nothing here.
    client.sendStep2(Y.encodeStateAsUpdate(client.doc, Y.encodeStateVector(client.doc)))
    expect(await client.outcome()).toBe('ok')

    const watcher = await connect(editor)
    watcher.change((doc) => doc.getMap('meta').set('title', 'Changé par un éditeur'))
    expect(await watcher.outcome()).toBe('ok')
    await expect.poll(() => client.doc.getMap('meta').get('title')).toBe('Changé par un éditeur')
    expect(before).not.toBe(await storedRows())
  })

  it('is refused a text update, and nothing is stored', async () => {
    const before = await storedRows()
    const client = await connect(who())
    client.sendUpdate(paragraphUpdate('poison'))
    await expectRefused(client, role)
    expect(await storedRows()).toBe(before)
  })

  it('is refused a sync step 2 carrying content (offline edits), and nothing is stored', async () => {
    const before = await storedRows()
    const client = await connect(who())
    const offline = new Y.Doc()
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(client.doc))
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText('écrit hors ligne')])
    offline.getXmlFragment('content').insert(0, [paragraph])
    client.sendStep2(Y.encodeStateAsUpdate(offline, Y.encodeStateVector(client.doc)))
    await expectRefused(client, role)
    expect(await storedRows()).toBe(before)
  })

  it('is refused a metadata change and a deletion of text, and nothing is stored', async () => {
    const before = await storedRows()
    const meta = await connect(who())
    meta.change((doc) => doc.getMap('meta').set('title', 'Titre détourné'))
    await expectRefused(meta, role)
    const deletion = await connect(who(), '', 'token')
    deletion.change((doc) => doc.getXmlFragment('content').delete(0, 1))
    await expectRefused(deletion, role)
    expect(await storedRows()).toBe(before)
    const read = (await http(server.url, 'GET', `/api/notices/${noticeId}`)).body as {
      meta: { title: string }
    }
    expect(read.meta.title).toBe('Avis révisé deux fois')
  })

  it('shows its own presence with the name the server knows, and has presence under another user’s client id ignored', async () => {
    const other = await connect(editor)
    other.sendAwareness([{ clientId: 4242, clock: 1, state: { cursor: rootCaret(1) } }])
    expect(await other.outcome()).toBe('ok')
    const client = await connect(who())
    client.sendAwareness([
      { clientId: 777, clock: 1, state: { user: { name: 'The Boss' }, cursor: rootCaret(2) } },
    ])
    expect(await client.outcome()).toBe('ok')
    await expect
      .poll(() => other.awareness.find((entry) => entry.clientId === 777)?.state)
      .toMatchObject({ user: { name: who().displayName, username: who().username }, cursor: rootCaret(2) })

    // A forged change of the editor's state, then its removal as a stock client's timeout sends it.
    client.sendAwareness([{ clientId: 4242, clock: 2, state: { cursor: rootCaret(-9) } }])
    client.sendAwareness([{ clientId: 4242, clock: 3, state: null }])
    client.sendAwareness([{ clientId: 777, clock: 2, state: { cursor: rootCaret(3) } }])
    expect(await client.outcome()).toBe('ok')
    await expect
      .poll(() => other.awareness.findLast((entry) => entry.clientId === 777)?.state)
      .toMatchObject({ cursor: rootCaret(3) })
    expect(client.closedWith).toBeNull()
    expect(client.denied).toEqual([])
    expect(other.awareness.filter((entry) => entry.clientId === 4242)).toEqual([
      { clientId: 4242, clock: 1, state: expect.objectContaining({ cursor: rootCaret(1) }) },
    ])
    const late = await connect(editor)
    expect(late.awareness.find((entry) => entry.clientId === 4242)?.state).toMatchObject({
      cursor: rootCaret(1),
      user: { username: editor.username, name: editor.displayName },
    })
  })
})

describe('comments from read-only roles', () => {
  it('lands for a reviewer, signed with the session’s identity', async () => {
    const client = await connect(reviewer, '/comments')
    client.change((doc) =>
      createThread(doc, {
        anchor: anchor(),
        quote: 'Ordre du jour',
        text: 'Le point 3 manque.',
        author: { id: reviewer.id, name: reviewer.displayName },
        id: 'thread-1',
      }),
    )
    expect(await client.outcome()).toBe('ok')

    const reader = await connect(viewer, '/comments')
    expect(
      readThreads(reader.doc).map((thread) => [thread.id, thread.authorId, thread.comments[0]?.text]),
    ).toEqual([['thread-1', reviewer.id, 'Le point 3 manque.']])
  })

  it('is refused for a viewer, and nothing is stored', async () => {
    const before = await storedRows()
    const client = await connect(viewer, '/comments')
    client.change((doc) =>
      createThread(doc, {
        anchor: anchor(),
        quote: '',
        text: 'Je ne devrais pas.',
        author: { id: viewer.id, name: viewer.displayName },
      }),
    )
    await expectRefused(client, 'viewer')
    expect(await storedRows()).toBe(before)
  })

  it('is refused when a reviewer signs as someone else or touches the text document’s keys, and nothing is stored', async () => {
    const before = await storedRows()
    const forged = await connect(reviewer, '/comments')
    forged.change((doc) =>
      createThread(doc, {
        anchor: anchor(),
        quote: '',
        text: 'Signé éditeur',
        author: { id: editor.id, name: editor.displayName },
      }),
    )
    await expectRefused(forged, '')
    expect(forged.denied[0]).toContain('must be opened as yourself')
    const stray = await connect(reviewer, '/comments')
    stray.change((doc) => doc.getMap('meta').set('title', 'hors du schéma'))
    // Not a matter of permission: the comments would no longer have their layout (4422).
    expect(await stray.outcome()).toBe('4422')
    expect(stray.denied).toEqual([
      'Refused comment change: Invalid comments document at meta: unexpected top-level type',
    ])
    expect(await storedRows()).toBe(before)
  })
})
