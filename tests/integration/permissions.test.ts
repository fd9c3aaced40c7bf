/**
 * The permission table, cell by cell, through the front door: a real server on port 0, real HTTP
 * requests with each user's session cookie, real websockets speaking hand-built y-protocols
 * messages. The table is data in ONE place ({@link TABLE}) and must equal the one in README.md's
 * "## Permissions" section, which this test parses.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  addReply,
  anchorFromRelativePositions,
  type CommentAuthor,
  createThread,
  deleteComment,
  editComment,
  readThreads,
  setResolved,
} from '@convene/schema'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { rootCaret } from '../support/notice-content'
import { RawClient } from '../support/raw-client'
import { cleanup, http, signIn, startTestServer, TEST_ADMIN, type TestServer, waitFor } from './harness'

const REPO_ROOT = join(import.meta.dirname, '..', '..')

/** The columns of the table, in README order. */
const COLUMNS = ['admin', 'owner', 'editor', 'reviewer', 'viewer', 'no role', 'signed out'] as const
type Column = (typeof COLUMNS)[number]

/**
 * THE permission table: each operation (as README.md names it) and the expected cell for each
 * column. HTTP cells are statuses; websocket cells are `ok`, a close code, or the HTTP status that
 * refused the upgrade.
 */
const TABLE: Record<string, readonly string[]> = {
  '`GET /api/health`': ['200', '200', '200', '200', '200', '200', '200'],
  '`POST /api/auth/login`': ['200', '200', '200', '200', '200', '200', '200'],
  '`GET /api/auth/me`': ['200', '200', '200', '200', '200', '200', '401'],
  '`POST /api/auth/logout`': ['204', '204', '204', '204', '204', '204', '204'],
  '`GET /api/users`': ['200', '403', '403', '403', '403', '403', '401'],
  '`POST /api/users`': ['201', '403', '403', '403', '403', '403', '401'],
  '`PATCH /api/users/:username`': ['200', '403', '403', '403', '403', '403', '401'],
  '`DELETE /api/users/:username`': ['204', '403', '403', '403', '403', '403', '401'],
  '`DELETE /api/users/:username/sessions`': ['200', '403', '403', '403', '403', '403', '401'],
  '`GET /api/users/search` (editors: a role that edits some notice)': [
    '200',
    '200',
    '200',
    '403',
    '403',
    '403',
    '401',
  ],
  '`GET /api/notices` (lists only notices with a role)': ['200', '200', '200', '200', '200', '200', '401'],
  '`POST /api/notices`': ['201', '201', '201', '201', '201', '201', '401'],
  '`POST /api/symbols/parse`': ['200', '200', '200', '200', '200', '200', '401'],
  '`GET /api/notices/:id`': ['200', '200', '200', '200', '200', '404', '401'],
  '`PATCH /api/notices/:id`': ['200', '200', '200', '403', '403', '404', '401'],
  '`DELETE /api/notices/:id`': ['204', '204', '403', '403', '403', '404', '401'],
  '`POST /api/notices/:id/duplicate` (the caller owns the copy)': [
    '201',
    '201',
    '201',
    '201',
    '201',
    '404',
    '401',
  ],
  '`POST /api/notices/:id/archive`': ['200', '200', '200', '403', '403', '404', '401'],
  '`GET /api/speakers`': ['200', '200', '200', '200', '200', '200', '401'],
  '`PATCH /api/speakers/:id` (editors of a notice naming the person)': [
    '200',
    '200',
    '200',
    '403',
    '403',
    '404',
    '401',
  ],
  '`POST /api/speakers/:id/apply`': ['200', '200', '200', '403', '403', '404', '401'],
  '`GET /api/notices/:id/members`': ['200', '200', '200', '200', '200', '404', '401'],
  '`PUT /api/notices/:id/members/:username`': ['200', '200', '403', '403', '403', '404', '401'],
  '`DELETE /api/notices/:id/members/:username`': ['204', '204', '403', '403', '403', '404', '401'],
  '`GET /api/notices/:id/revisions`': ['200', '200', '200', '200', '200', '404', '401'],
  '`POST /api/notices/:id/revisions`': ['201', '201', '201', '403', '403', '404', '401'],
  '`GET /api/notices/:id/revisions/:rev`': ['200', '200', '200', '200', '200', '404', '401'],
  '`PATCH /api/notices/:id/revisions/:rev`': ['200', '200', '200', '403', '403', '404', '401'],
  '`DELETE /api/notices/:id/revisions/:rev`': ['204', '204', '204', '403', '403', '404', '401'],
  '`POST /api/notices/:id/revisions/:rev/freeze`': ['200', '200', '200', '403', '403', '404', '401'],
  '`POST /api/notices/:id/revisions/:rev/restore`': ['200', '200', '200', '403', '403', '404', '401'],
  '`GET /api/notices/:id/compare`': ['200', '200', '200', '200', '200', '404', '401'],
  '`GET /api/notices/:id/revisions/:rev/export.:format` (a frozen revision)': [
    '200',
    '200',
    '200',
    '200',
    '200',
    '404',
    '401',
  ],
  '`GET /api/notices/:id/export/draft.:format`': ['200', '200', '200', '403', '403', '404', '401'],
  'ws `/collab/:id`: join, get sync step 1 answered and every update': [
    'ok',
    'ok',
    'ok',
    'ok',
    'ok',
    '4404',
    '401',
  ],
  'ws `/collab/:id`: change the text (update or sync step 2)': [
    'ok',
    'ok',
    'ok',
    '4403',
    '4403',
    '4404',
    '401',
  ],
  'ws `/collab/:id`: change the metadata (`meta` map)': ['ok', 'ok', 'ok', '4403', '4403', '4404', '401'],
  'ws `/collab/:id`: presence under its own client id (name set by the server)': [
    'ok',
    'ok',
    'ok',
    'ok',
    'ok',
    '4404',
    '401',
  ],
  "ws `/collab/:id`: presence under another user's client id": [
    'ignored',
    'ignored',
    'ignored',
    'ignored',
    'ignored',
    '4404',
    '401',
  ],
  'ws `/collab/:id/comments`: join and read the comments': ['ok', 'ok', 'ok', 'ok', 'ok', '4404', '401'],
  'ws `/collab/:id/comments`: open a thread, reply, resolve and reopen': [
    'ok',
    'ok',
    'ok',
    'ok',
    '4403',
    '4404',
    '401',
  ],
  "ws `/collab/:id/comments`: edit and delete one's own comment": [
    'ok',
    'ok',
    'ok',
    'ok',
    '4403',
    '4404',
    '401',
  ],
  "ws `/collab/:id/comments`: delete another user's comment": [
    'ok',
    'ok',
    '4403',
    '4403',
    '4403',
    '4404',
    '401',
  ],
  "ws `/collab/:id/comments`: edit another user's comment, or write as another user": [
    '4403',
    '4403',
    '4403',
    '4403',
    '4403',
    '4404',
    '401',
  ],
  "ws upgrade from another site's `Origin`, session cookie attached": [
    '403',
    '403',
    '403',
    '403',
    '403',
    '403',
    '403',
  ],
}

/** Parses the table of README.md's "## Permissions" section into the same shape as {@link TABLE}. */
function readmeTable(): { columns: string[]; rows: Record<string, string[]> } {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')
  const start = readme.indexOf('\n## Permissions\n')
  if (start < 0) throw new Error('README.md has no "## Permissions" section')
  const next = readme.indexOf('\n## ', start + 1)
  const section = readme.slice(start, next < 0 ? undefined : next)
  const lines = section.split('\n').filter((line) => line.startsWith('| '))
  const cells = (line: string): string[] =>
    line
      .slice(2, -2)
      .split(' | ')
      .map((cell) => cell.trim())
  const [header, ...body] = lines.filter((line) => !/^\|[-| ]+\|$/.test(line))
  const headerCells = cells(header ?? '')
  if (headerCells[0] !== 'operation') throw new Error(`The permissions table starts with "${headerCells[0]}"`)
  const rows: Record<string, string[]> = {}
  for (const line of body) {
    const [operation, ...values] = cells(line)
    // The section holds a second table (the accounts API routes); only the first one has columns.
    if (values.length !== COLUMNS.length) continue
    rows[operation as string] = values
  }
  return { columns: headerCells.slice(1), rows }
}

/** A user of one column: its session cookie (none for "signed out") and who it is. */
type Actor = {
  column: Column
  username: string
  password: string
  cookie: string | null
  id: string
  displayName: string
}

let server: TestServer
const actors = {} as Record<Column, Actor>
/** A reviewer on every fixture notice who is none of the columns: the "other user". */
let oscar: Actor
/** A user no probe signs in as, whom the admin API and sharing probes act upon. */
const TARGET = 'target-user'
/** The notice shared by the probes that change nothing lasting. */
let shared: string
let counter = 0
const clients: RawClient[] = []

const PASSWORD = 'permissions-test-password'

async function createUser(username: string, displayName: string): Promise<void> {
  const response = await http(server.url, 'POST', '/api/users', { username, password: PASSWORD, displayName })
  if (response.status !== 201)
    throw new Error(`Creating ${username} answered ${response.status}: ${response.text}`)
}

async function actor(column: Column, username: string, password: string): Promise<Actor> {
  const signed = await signIn(server.url, username, password)
  return {
    column,
    username,
    password,
    cookie: signed.cookie,
    id: signed.user.id,
    displayName: signed.user.displayName,
  }
}

const headersOf = (who: Actor): Record<string, string> => (who.cookie ? { cookie: who.cookie } : {})

/** The status of a request as `who`, as a table cell. */
async function status(who: Actor, method: string, path: string, body?: unknown): Promise<string> {
  return String((await http(server.url, method, path, body, headersOf(who))).status)
}

/** A request that must succeed, as `who`; returns the body. */
async function must(who: Actor, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await http(server.url, method, path, body, headersOf(who))
  if (response.status >= 300) {
    throw new Error(`${method} ${path} as ${who.username} answered ${response.status}: ${response.text}`)
  }
  return response.body
}

/** A notice owned by the owner, shared with the editor, reviewer and viewer, and with oscar (reviewer). */
async function fixture(from: 'blank' | 'sample' = 'blank'): Promise<string> {
  const { id } = (await must(actors.owner, 'POST', '/api/notices', { from, language: 'fr' })) as {
    id: string
  }
  for (const [who, role] of [
    [actors.editor, 'editor'],
    [actors.reviewer, 'reviewer'],
    [actors.viewer, 'viewer'],
    [oscar, 'reviewer'],
  ] as const) {
    await must(actors.owner, 'PUT', `/api/notices/${id}/members/${who.username}`, { role })
  }
  return id
}

let speakerNotice: Promise<{ speakerId: string; noticeId: string }> | null = null

/**
 * A copy of the sample shared like {@link fixture}, and the directory's Richard Bolwijn, whom it
 * names (as does the seeded sample, on which nobody but the administrator has a role).
 */
function speakerFixture(): Promise<{ speakerId: string; noticeId: string }> {
  speakerNotice ??= (async () => {
    const noticeId = await fixture('sample')
    const { speakers } = (await must(actors.owner, 'GET', '/api/speakers?q=bolwijn')) as {
      speakers: { id: string }[]
    }
    const speakerId = speakers[0]?.id
    if (!speakerId) throw new Error('The directory has no Richard Bolwijn')
    return { speakerId, noticeId }
  })()
  return speakerNotice
}

const wsUrl = (path: string): string => `${server.url.replace(/^http/, 'ws')}/collab${path}`

/** Opens a websocket as `who` from the app's own page; `origin` overrides the Origin header. */
async function open(who: Actor, path: string, origin = server.url): Promise<RawClient | string> {
  const opened = await RawClient.open(wsUrl(path), { ...headersOf(who), origin })
  if (!opened.client) return String(opened.refused)
  clients.push(opened.client)
  if (!(await opened.client.sync())) return String(opened.client.closedWith?.code ?? 'closed')
  return opened.client
}

/** An anchor somewhere in a notice's text (the server cannot resolve it and does not need to). */
function anchor(): ReturnType<typeof anchorFromRelativePositions> {
  const content = new Y.Doc().getXmlFragment('content')
  return anchorFromRelativePositions(
    Y.createRelativePositionFromTypeIndex(content, 0),
    Y.createRelativePositionFromTypeIndex(content, 0, -1),
  )
}

const authorOf = (who: Actor): CommentAuthor => ({ id: who.id, name: who.displayName })

/** Opens a thread on notice `noticeId` as `who`; resolves its id and first comment id. */
async function threadBy(who: Actor, noticeId: string): Promise<{ threadId: string; commentId: string }> {
  const client = await open(who, `/${noticeId}/comments`)
  if (typeof client === 'string') throw new Error(`${who.username} could not join the comments: ${client}`)
  const threadId = `t${++counter}`
  const commentId = `c${counter}`
  client.change((doc) =>
    createThread(doc, {
      anchor: anchor(),
      quote: 'ordre du jour',
      text: `by ${who.username}`,
      author: authorOf(who),
      id: threadId,
      commentId,
    }),
  )
  const result = await client.outcome()
  client.close()
  if (result !== 'ok') throw new Error(`${who.username} could not open a thread: ${result}`)
  return { threadId, commentId }
}

/** Whether the server's copy of `client`'s room satisfies `check` (read through a full round trip). */
async function serverDoc(client: RawClient): Promise<Y.Doc> {
  const full = await client.roundTrip()
  const doc = new Y.Doc()
  if (full) Y.applyUpdate(doc, full)
  return doc
}

/** Runs `steps` in order while each says `ok`; the first other answer is the cell. */
async function firstRefusal(...steps: (() => Promise<string>)[]): Promise<string> {
  for (const step of steps) {
    const result = await step()
    if (result !== 'ok') return result
  }
  return 'ok'
}

const EXPECTED_ROLE: Record<Column, string | null> = {
  admin: 'owner',
  owner: 'owner',
  editor: 'editor',
  reviewer: 'reviewer',
  viewer: 'viewer',
  'no role': null,
  'signed out': null,
}

/**
 * Sends, as `who`, a change of the presence under oscar's `clientId` and its removal (as a stock
 * client's timeout sends it), then presence of its own; resolves `ignored` when the connection
 * stays open, its own presence lands, and `observer` and a newcomer still see oscar's unchanged.
 */
async function spoofPresence(who: Actor, clientId: number, observer: RawClient): Promise<string> {
  const client = await open(who, `/${shared}`)
  if (typeof client === 'string') return client
  try {
    // A change of oscar's state, then its removal as a stock client's timeout sends it (clock + 1).
    client.sendAwareness([{ clientId, clock: 2, state: { cursor: rootCaret(-9) } }])
    client.sendAwareness([{ clientId, clock: 3, state: null }])
    // Then presence of its own: it must still land, relayed after whatever the above caused.
    const ownId = 3_000_000 + counter
    client.sendAwareness([{ clientId: ownId, clock: 1, state: { cursor: rootCaret(3) } }])
    const result = await client.outcome()
    if (result !== 'ok') return result
    await waitFor(
      () => observer.awareness.some((entry) => entry.clientId === ownId),
      `the admin to see the presence of ${who.column}`,
    )
    const changed = observer.awareness.filter((entry) => entry.clientId === clientId && entry.clock !== 1)
    if (changed.length > 0) return `relayed ${JSON.stringify(changed)}`
  } finally {
    client.close()
  }
  // A newcomer is sent every state the room holds: oscar's must be there, unchanged.
  const late = await open(actors.admin, `/${shared}`)
  if (typeof late === 'string') throw new Error(`the admin could not join again: ${late}`)
  late.close()
  const held = late.awareness.find((entry) => entry.clientId === clientId)
  const state = held?.state as { cursor?: unknown; user?: { username?: string } } | null | undefined
  if (
    JSON.stringify(state?.cursor) !== JSON.stringify(rootCaret(15)) ||
    state?.user?.username !== oscar.username
  )
    return `oscar's presence became ${JSON.stringify(held ?? 'absent')}`
  return 'ignored'
}

/** How each operation is tried as one actor; resolves the observed cell. */
const PROBES: Record<string, (who: Actor) => Promise<string>> = {
  '`GET /api/health`': (who) => status(who, 'GET', '/api/health'),

  '`POST /api/auth/login`': async (who) =>
    String(
      (
        await http(
          server.url,
          'POST',
          '/api/auth/login',
          { username: who.username, password: who.password },
          {},
        )
      ).status,
    ),

  '`GET /api/auth/me`': (who) => status(who, 'GET', '/api/auth/me'),

  '`POST /api/auth/logout`': async (who) => {
    if (!who.cookie) return status(who, 'POST', '/api/auth/logout')
    // A session of its own, so the actor's main session survives.
    const { cookie } = await signIn(server.url, who.username, who.password)
    const result = String((await http(server.url, 'POST', '/api/auth/logout', undefined, { cookie })).status)
    const after = (await http(server.url, 'GET', '/api/auth/me', undefined, { cookie })).status
    return after === 401 ? result : `${result}, but the session still works`
  },

  '`GET /api/users`': (who) => status(who, 'GET', '/api/users'),

  '`POST /api/users`': (who) =>
    status(who, 'POST', '/api/users', { username: `new-user-${++counter}`, password: PASSWORD }),

  '`PATCH /api/users/:username`': (who) =>
    status(who, 'PATCH', `/api/users/${TARGET}`, { displayName: `Target ${++counter}` }),

  '`DELETE /api/users/:username`': async (who) => {
    const username = `doomed-${++counter}`
    await createUser(username, username)
    return status(who, 'DELETE', `/api/users/${username}`)
  },

  '`DELETE /api/users/:username/sessions`': (who) => status(who, 'DELETE', `/api/users/${TARGET}/sessions`),

  '`GET /api/notices` (lists only notices with a role)': async (who) => {
    const response = await http(server.url, 'GET', '/api/notices', undefined, headersOf(who))
    if (response.status !== 200) return String(response.status)
    const listed = (response.body as { id: string; role: string }[]).find((item) => item.id === shared)
    const expected = EXPECTED_ROLE[who.column]
    if ((listed?.role ?? null) !== expected) return `200, but listed with role ${listed?.role ?? 'none'}`
    return '200'
  },

  '`GET /api/users/search` (editors: a role that edits some notice)': (who) =>
    status(who, 'GET', `/api/users/search?q=${TARGET}`),
  '`POST /api/notices`': (who) => status(who, 'POST', '/api/notices', { from: 'blank' }),
  '`POST /api/symbols/parse`': (who) => status(who, 'POST', '/api/symbols/parse', { symbol: 'WT/MIN(24)/9' }),

  '`GET /api/notices/:id`': async (who) => {
    const response = await http(server.url, 'GET', `/api/notices/${shared}`, undefined, headersOf(who))
    const role = (response.body as { role?: string } | undefined)?.role
    if (response.status === 200 && role !== EXPECTED_ROLE[who.column]) return `200, but with role ${role}`
    return String(response.status)
  },

  '`PATCH /api/notices/:id`': (who) =>
    status(who, 'PATCH', `/api/notices/${shared}`, { title: `Titre ${++counter}` }),

  '`DELETE /api/notices/:id`': async (who) => status(who, 'DELETE', `/api/notices/${await fixture()}`),

  '`POST /api/notices/:id/duplicate` (the caller owns the copy)': async (who) => {
    const response = await http(server.url, 'POST', `/api/notices/${shared}/duplicate`, {}, headersOf(who))
    if (response.status !== 201) return String(response.status)
    const copy = (response.body as { id: string }).id
    const role = (
      (await http(server.url, 'GET', `/api/notices/${copy}`, undefined, headersOf(who))).body as {
        role?: string
      }
    )?.role
    return who.column === 'admin' || role === 'owner' ? '201' : `201, but the copy's role is ${role}`
  },

  '`POST /api/notices/:id/archive`': async (who) => {
    const answer = await status(who, 'POST', `/api/notices/${shared}/archive`, { archived: true })
    // Back in the list for the next cells.
    await must(actors.admin, 'POST', `/api/notices/${shared}/archive`, { archived: false })
    return answer
  },

  '`GET /api/speakers`': (who) => status(who, 'GET', '/api/speakers?q=bolwijn'),

  '`PATCH /api/speakers/:id` (editors of a notice naming the person)': async (who) => {
    const { speakerId } = await speakerFixture()
    return status(who, 'PATCH', `/api/speakers/${speakerId}`, { function: `Directeur ${++counter}` })
  },

  '`POST /api/speakers/:id/apply`': async (who) => {
    const { speakerId, noticeId } = await speakerFixture()
    return status(who, 'POST', `/api/speakers/${speakerId}/apply`, { notices: [noticeId] })
  },

  '`GET /api/notices/:id/members`': (who) => status(who, 'GET', `/api/notices/${shared}/members`),

  '`PUT /api/notices/:id/members/:username`': (who) =>
    status(who, 'PUT', `/api/notices/${shared}/members/${TARGET}`, { role: 'viewer' }),

  '`DELETE /api/notices/:id/members/:username`': async (who) => {
    await must(actors.owner, 'PUT', `/api/notices/${shared}/members/${TARGET}`, { role: 'viewer' })
    return status(who, 'DELETE', `/api/notices/${shared}/members/${TARGET}`)
  },

  '`GET /api/notices/:id/revisions`': (who) => status(who, 'GET', `/api/notices/${shared}/revisions`),

  '`POST /api/notices/:id/revisions`': (who) =>
    status(who, 'POST', `/api/notices/${shared}/revisions`, { label: `Étape ${++counter}` }),

  '`GET /api/notices/:id/revisions/:rev`': (who) =>
    status(who, 'GET', `/api/notices/${shared}/revisions/${baseRev}`),

  '`PATCH /api/notices/:id/revisions/:rev`': async (who) =>
    status(who, 'PATCH', `/api/notices/${shared}/revisions/${await revision()}`, {
      label: `Nommée ${++counter}`,
    }),

  '`DELETE /api/notices/:id/revisions/:rev`': async (who) =>
    status(who, 'DELETE', `/api/notices/${shared}/revisions/${await revision()}`),

  '`POST /api/notices/:id/revisions/:rev/freeze`': async (who) => {
    // An unchanged notice is never frozen twice, so each attempt freezes a new text.
    await must(actors.owner, 'PATCH', `/api/notices/${shared}`, { title: `Édition ${++counter}` })
    return status(who, 'POST', `/api/notices/${shared}/revisions/${await revision()}/freeze`, {
      label: `Rev.${++counter}`,
    })
  },

  '`POST /api/notices/:id/revisions/:rev/restore`': (who) =>
    status(who, 'POST', `/api/notices/${shared}/revisions/${baseRev}/restore`),

  '`GET /api/notices/:id/compare`': (who) =>
    status(who, 'GET', `/api/notices/${shared}/compare?from=${baseRev}&to=live`),

  '`GET /api/notices/:id/revisions/:rev/export.:format` (a frozen revision)': (who) =>
    status(who, 'GET', `/api/notices/${shared}/revisions/${frozenRev}/export.html`),

  '`GET /api/notices/:id/export/draft.:format`': (who) =>
    status(who, 'GET', `/api/notices/${shared}/export/draft.txt`),

  'ws `/collab/:id`: join, get sync step 1 answered and every update': async (who) => {
    const client = await open(who, `/${shared}`)
    if (typeof client === 'string') return client
    const title = `Vu en direct ${++counter}`
    await must(actors.admin, 'PATCH', `/api/notices/${shared}`, { title })
    await waitFor(
      () => client.doc.getMap('meta').get('title') === title,
      `${who.column} to receive the change`,
    )
    return 'ok'
  },

  'ws `/collab/:id`: change the text (update or sync step 2)': async (who) => {
    const client = await open(who, `/${shared}`)
    if (typeof client === 'string') return client
    const marker = `texte ${++counter}`
    client.change((doc) => {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText(marker)])
      doc.getXmlFragment('content').insert(0, [paragraph])
    })
    const result = await client.outcome()
    if (result !== 'ok') return result
    const stored = await http(server.url, 'GET', `/api/notices/${shared}`)
    return JSON.stringify(stored.body).includes(marker) ? 'ok' : 'accepted but not stored'
  },

  'ws `/collab/:id`: change the metadata (`meta` map)': async (who) => {
    const client = await open(who, `/${shared}`)
    if (typeof client === 'string') return client
    const title = `Titre websocket ${++counter}`
    client.change((doc) => doc.getMap('meta').set('title', title))
    const result = await client.outcome()
    if (result !== 'ok') return result
    const stored = (await http(server.url, 'GET', `/api/notices/${shared}`)).body as {
      meta: { title: string }
    }
    return stored.meta.title === title ? 'ok' : 'accepted but not stored'
  },

  'ws `/collab/:id`: presence under its own client id (name set by the server)': async (who) => {
    const observer = await open(oscar, `/${shared}`)
    if (typeof observer === 'string') throw new Error(`oscar could not join: ${observer}`)
    const client = await open(who, `/${shared}`)
    if (typeof client === 'string') return client
    const clientId = 1_000_000 + ++counter
    client.sendAwareness([
      { clientId, clock: 1, state: { user: { name: 'Someone Else' }, cursor: rootCaret(7) } },
    ])
    const result = await client.outcome()
    if (result !== 'ok') return result
    await waitFor(
      () => observer.awareness.some((entry) => entry.clientId === clientId),
      `oscar to see the presence of ${who.column}`,
    )
    const seen = observer.awareness.find((entry) => entry.clientId === clientId)?.state as {
      user: { name: string; username: string }
      cursor: unknown
    }
    const caret = JSON.stringify(seen.cursor) === JSON.stringify(rootCaret(7))
    return seen.user.username === who.username && seen.user.name === who.displayName && caret
      ? 'ok'
      : `relayed as ${JSON.stringify(seen)}`
  },

  "ws `/collab/:id`: presence under another user's client id": async (who) => {
    const other = await open(oscar, `/${shared}`)
    if (typeof other === 'string') throw new Error(`oscar could not join: ${other}`)
    const clientId = 2_000_000 + ++counter
    other.sendAwareness([{ clientId, clock: 1, state: { cursor: rootCaret(15) } }])
    if ((await other.outcome()) !== 'ok') throw new Error('oscar could not announce his presence')
    const observer = await open(actors.admin, `/${shared}`)
    if (typeof observer === 'string') throw new Error(`the admin could not join: ${observer}`)
    try {
      return await spoofPresence(who, clientId, observer)
    } finally {
      // Four sockets per column: give them back, or later probes hit MAX_CONNECTIONS_PER_IP.
      other.close()
      observer.close()
    }
  },

  'ws `/collab/:id/comments`: join and read the comments': async (who) => {
    const client = await open(who, `/${shared}/comments`)
    if (typeof client === 'string') return client
    return readThreads(client.doc).some((thread) => thread.authorId === oscar.id)
      ? 'ok'
      : 'joined, no comments'
  },

  'ws `/collab/:id/comments`: open a thread, reply, resolve and reopen': async (who) => {
    const client = await open(who, `/${shared}/comments`)
    if (typeof client === 'string') return client
    const threadId = `t${++counter}`
    const result = await firstRefusal(
      async () => {
        client.change((doc) =>
          createThread(doc, {
            anchor: anchor(),
            quote: 'q',
            text: 'Une remarque',
            author: authorOf(who),
            id: threadId,
          }),
        )
        return client.outcome()
      },
      async () => {
        client.change((doc) => addReply(doc, threadId, { text: 'Une réponse', author: authorOf(who) }))
        return client.outcome()
      },
      async () => {
        client.change((doc) => setResolved(doc, threadId, true, who.id))
        return client.outcome()
      },
      async () => {
        client.change((doc) => setResolved(doc, threadId, false, who.id))
        return client.outcome()
      },
    )
    if (result !== 'ok') return result
    const thread = readThreads(await serverDoc(client)).find((candidate) => candidate.id === threadId)
    return thread?.comments.length === 2 && !thread.resolved ? 'ok' : 'accepted but not stored'
  },

  "ws `/collab/:id/comments`: edit and delete one's own comment": async (who) => {
    if (who.column === 'no role' || who.column === 'signed out') {
      return (await open(who, `/${shared}/comments`)) as string
    }
    const noticeId = await fixture()
    // A viewer's own comment is one written while they were a reviewer.
    if (who.column === 'viewer') {
      await must(actors.owner, 'PUT', `/api/notices/${noticeId}/members/${who.username}`, {
        role: 'reviewer',
      })
    }
    const own = await threadBy(who, noticeId)
    if (who.column === 'viewer') {
      await must(actors.owner, 'PUT', `/api/notices/${noticeId}/members/${who.username}`, { role: 'viewer' })
    }
    const client = await open(who, `/${noticeId}/comments`)
    if (typeof client === 'string') return client
    return firstRefusal(
      async () => {
        client.change((doc) => editComment(doc, own.threadId, own.commentId, 'Corrigé'))
        return client.outcome()
      },
      async () => {
        client.change((doc) => deleteComment(doc, own.threadId, own.commentId))
        return client.outcome()
      },
    )
  },

  "ws `/collab/:id/comments`: delete another user's comment": async (who) => {
    if (who.column === 'no role' || who.column === 'signed out') {
      return (await open(who, `/${shared}/comments`)) as string
    }
    const noticeId = await fixture()
    const others = await threadBy(oscar, noticeId)
    const client = await open(who, `/${noticeId}/comments`)
    if (typeof client === 'string') return client
    client.change((doc) => deleteComment(doc, others.threadId, others.commentId))
    const result = await client.outcome()
    if (result !== 'ok') return result
    const thread = readThreads(await serverDoc(client)).find((candidate) => candidate.id === others.threadId)
    return thread?.comments[0]?.deleted ? 'ok' : 'accepted but not stored'
  },

  "ws `/collab/:id/comments`: edit another user's comment, or write as another user": async (who) => {
    const others = sharedThread
    const editing = await open(who, `/${shared}/comments`)
    if (typeof editing === 'string') return editing
    editing.change((doc) => editComment(doc, others.threadId, others.commentId, 'Réécrit par un autre'))
    const edit = await editing.outcome()
    const forging = await open(who, `/${shared}/comments`)
    if (typeof forging === 'string') return forging
    forging.change((doc) =>
      createThread(doc, { anchor: anchor(), quote: 'q', text: 'Signé Oscar', author: authorOf(oscar) }),
    )
    const forge = await forging.outcome()
    return edit === forge ? edit : `edit ${edit}, forge ${forge}`
  },

  "ws upgrade from another site's `Origin`, session cookie attached": async (who) => {
    const opened = await RawClient.open(wsUrl(`/${shared}`), {
      ...headersOf(who),
      origin: 'https://evil.example',
    })
    if (opened.client) {
      clients.push(opened.client)
      return 'upgraded'
    }
    return String(opened.refused)
  },
}

let sharedThread: { threadId: string; commentId: string }
/** A revision of the shared notice, and a frozen one. */
let baseRev: number
let frozenRev: number

/** A new revision of the shared notice, taken by the owner; resolves its number. */
async function revision(): Promise<number> {
  const body = (await must(actors.owner, 'POST', `/api/notices/${shared}/revisions`, {
    label: `Prise ${++counter}`,
  })) as {
    rev: number
  }
  return body.rev
}

beforeAll(async () => {
  server = await startTestServer()
  await createUser('olga', 'Olga Owner')
  await createUser('eddie', 'Eddie Editor')
  await createUser('rita', 'Rita Reviewer')
  await createUser('vera', 'Vera Viewer')
  await createUser('noor', 'Noor Nobody')
  await createUser('oscar', 'Oscar Other')
  await createUser(TARGET, 'Target')
  actors.admin = await actor('admin', TEST_ADMIN.username, TEST_ADMIN.password)
  actors.owner = await actor('owner', 'olga', PASSWORD)
  actors.editor = await actor('editor', 'eddie', PASSWORD)
  actors.reviewer = await actor('reviewer', 'rita', PASSWORD)
  actors.viewer = await actor('viewer', 'vera', PASSWORD)
  actors['no role'] = await actor('no role', 'noor', PASSWORD)
  actors['signed out'] = { ...(await actor('signed out', 'noor', PASSWORD)), cookie: null }
  oscar = await actor('reviewer', 'oscar', PASSWORD)
  shared = await fixture()
  sharedThread = await threadBy(oscar, shared)
  baseRev = await revision()
  frozenRev = (
    (await must(actors.owner, 'POST', `/api/notices/${shared}/revisions`, {
      label: 'Rev.1',
      freeze: true,
    })) as {
      rev: number
    }
  ).rev
}, 120_000)

afterAll(async () => {
  for (const client of clients) client.close()
  await cleanup()
})

describe('the permission table', () => {
  it('is the same in README.md and in this test', () => {
    const readme = readmeTable()
    expect(readme.columns).toEqual([...COLUMNS])
    expect(readme.rows).toEqual(TABLE)
    expect(Object.keys(PROBES).sort()).toEqual(Object.keys(TABLE).sort())
  })

  for (const [operation, expected] of Object.entries(TABLE)) {
    it(`holds for ${operation}`, async () => {
      const observed: string[] = []
      for (const column of COLUMNS) {
        const probe = PROBES[operation]
        if (!probe) throw new Error(`No probe for ${operation}`)
        observed.push(await probe(actors[column]))
      }
      expect(Object.fromEntries(COLUMNS.map((column, i) => [column, observed[i]]))).toEqual(
        Object.fromEntries(COLUMNS.map((column, i) => [column, expected[i]])),
      )
    })
  }
})
