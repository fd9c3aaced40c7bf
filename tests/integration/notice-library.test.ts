import { afterEach, describe, expect, it } from 'vitest'
import {
  cleanup,
  connectClient,
  createNotice,
  http,
  openCommentThread,
  signIn,
  startTestServer,
  type TestServer,
  waitFor,
} from './harness'

afterEach(cleanup)

type Item = {
  id: string
  title: string
  symbol: string
  language: string
  role: string
  organisation: string
  meetingDate: string
  latestFrozenLabel: string | null
  openComments: number
  archived: boolean
  editing: { name: string; username: string }[]
  duplicatedFrom: { notice: string; revision: number | null } | null
}

type Speaker = {
  id: string
  directory: string
  honorific: string
  name: string
  function: string
  preposition: string
  organisation: string
  delegation: string
  notices: string[]
}

const list = async (server: TestServer, query = ''): Promise<Item[]> => {
  const answer = await http(server.url, 'GET', `/api/notices${query}`)
  if (answer.status !== 200)
    throw new Error(`GET /api/notices${query} answered ${answer.status}: ${answer.text}`)
  return answer.body as Item[]
}
const ids = (items: Item[]) => items.map((item) => item.id).sort()

async function speakers(
  server: TestServer,
  query: string,
  headers?: Record<string, string>,
): Promise<Speaker[]> {
  const answer = await http(server.url, 'GET', `/api/speakers${query}`, undefined, headers)
  if (answer.status !== 200)
    throw new Error(`GET /api/speakers${query} answered ${answer.status}: ${answer.text}`)
  return (answer.body as { speakers: Speaker[] }).speakers
}

/** The sample, frozen once and commented on; its copy for the next meeting; a blank English notice. */
async function library(server: TestServer) {
  const sample = (await list(server)).find((item) => item.symbol === 'INF/MSME/N/27')
  if (!sample) throw new Error('the seeded sample is missing')
  expect(
    (await http(server.url, 'POST', `/api/notices/${sample.id}/revisions`, { freeze: true })).status,
  ).toBe(201)
  const copy = (
    await http(server.url, 'POST', `/api/notices/${sample.id}/duplicate`, { meetingDate: '2024-06-18' })
  ).body as { id: string }
  const blank = await createNotice(server.url, {
    from: 'blank',
    language: 'en',
    meta: { title: 'Budget committee' },
  })
  return { sample: sample.id, copy: copy.id, blank }
}

/** A signed-in user holding `role` on `noticeId`. */
async function member(server: TestServer, username: string, noticeId: string, role: string) {
  const password = `${username}-password-long`
  expect(
    (await http(server.url, 'POST', '/api/users', { username, password, displayName: `Ms ${username}` }))
      .status,
  ).toBe(201)
  expect(
    (await http(server.url, 'PUT', `/api/notices/${noticeId}/members/${username}`, { role })).status,
  ).toBe(200)
  const { cookie } = await signIn(server.url, username, password)
  return { cookie }
}

describe('the notice library', () => {
  it('finds notices by title, symbol, meeting date and text, accents and case ignored', async () => {
    const server = await startTestServer()
    const { sample, copy, blank } = await library(server)

    expect(ids(await list(server, '?q=bolwijn'))).toEqual([sample, copy].sort())
    expect(ids(await list(server, '?q=CNUCED%20investissement'))).toEqual([sample, copy].sort())
    expect(ids(await list(server, '?q=accession%20comores'))).toEqual([sample, copy].sort())
    expect(ids(await list(server, '?q=N%2F28'))).toEqual([copy])
    expect(ids(await list(server, '?q=2024-06-18'))).toEqual([copy])
    expect(ids(await list(server, '?q=budget'))).toEqual([blank])
    expect(ids(await list(server, '?q=reunion%20hybride'))).toEqual([sample, copy].sort())
    expect(await list(server, '?q=nowhere-to-be-found')).toEqual([])
  })

  it('filters by status, language and organisation, and shows the meeting date, frozen label and origin', async () => {
    const server = await startTestServer()
    const { sample, copy, blank } = await library(server)
    await openCommentThread(server, copy)

    expect(ids(await list(server, '?status=frozen'))).toEqual([sample])
    expect(ids(await list(server, '?status=draft'))).toEqual([copy, blank].sort())
    expect(ids(await list(server, '?status=open-comments'))).toEqual([copy])
    expect(ids(await list(server, '?language=en'))).toEqual([blank])
    expect(ids(await list(server, '?language=fr&organisation=wto'))).toEqual([sample, copy].sort())
    expect(await list(server, '?organisation=WIPO')).toEqual([])

    const items = await list(server)
    const bySample = items.find((item) => item.id === sample)
    const byCopy = items.find((item) => item.id === copy)
    expect(bySample).toMatchObject({
      meetingDate: '2024-03-19',
      latestFrozenLabel: 'Rev.1',
      openComments: 0,
      role: 'owner',
    })
    expect(byCopy).toMatchObject({
      meetingDate: '2024-06-18',
      latestFrozenLabel: null,
      openComments: 1,
      symbol: 'INF/MSME/N/28',
      duplicatedFrom: { notice: sample, revision: null },
      organisation: 'WTO',
    })

    const bad = await http(server.url, 'GET', '/api/notices?status=closed')
    expect(bad.status).toBe(400)
    expect(bad.text).toContain('status')
  })

  it('sorts by meeting date, title and symbol', async () => {
    const server = await startTestServer()
    const { sample, copy, blank } = await library(server)
    expect((await list(server, '?sort=meeting-date')).map((item) => item.id)).toEqual([copy, sample, blank])
    expect((await list(server, '?sort=symbol')).map((item) => item.id)).toEqual([blank, sample, copy])
    const titles = (await list(server, '?sort=title')).map((item) => item.title)
    expect(titles[0]).toBe('Avis de convocation')
    expect(titles.at(-1)).toBe('Budget committee')
  })

  it('shows who has a notice open now', async () => {
    const server = await startTestServer()
    const { sample } = await library(server)
    const client = await connectClient(server.wsBase, sample)
    client.provider.awareness.setLocalStateField('user', { name: 'anyone' })
    const me = (await http(server.url, 'GET', '/api/auth/me')).body as {
      user: { username: string; displayName: string }
    }
    let editing: Item['editing'] = []
    await waitFor(() => editing.length > 0, 'the library to show the open notice', 5000).catch(
      () => undefined,
    )
    for (let attempt = 0; attempt < 50 && editing.length === 0; attempt++) {
      editing = (await list(server)).find((item) => item.id === sample)?.editing ?? []
      if (editing.length === 0) await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(editing).toEqual([{ name: me.user.displayName, username: me.user.username }])
    client.provider.destroy()
    await waitFor(() => true, 'nothing')
  })

  it('archives a notice out of the list and back, and keeps refusing to delete one with frozen revisions', async () => {
    const server = await startTestServer()
    const { sample, copy, blank } = await library(server)
    const archived = await http(server.url, 'POST', `/api/notices/${copy}/archive`, { archived: true })
    expect(archived.status).toBe(200)
    expect(archived.body).toMatchObject({ id: copy, archived: true })
    expect(ids(await list(server))).toEqual([sample, blank].sort())
    expect(ids(await list(server, '?archived=only'))).toEqual([copy])
    expect((await list(server, '?archived=include')).find((item) => item.id === copy)?.archived).toBe(true)
    expect((await http(server.url, 'POST', `/api/notices/${copy}/archive`, { archived: false })).status).toBe(
      200,
    )
    expect(ids(await list(server))).toEqual([sample, copy, blank].sort())
    expect((await http(server.url, 'POST', `/api/notices/${copy}/archive`, { archived: 'yes' })).status).toBe(
      400,
    )

    const refused = await http(server.url, 'DELETE', `/api/notices/${sample}`)
    expect(refused.status).toBe(409)
    expect(refused.text).toContain('frozen')
    expect((await http(server.url, 'DELETE', `/api/notices/${copy}`)).status).toBe(204)
    expect(ids(await list(server, '?archived=include'))).toEqual([sample, blank].sort())
  })

  it('lists for a reviewer only what they have a role on', async () => {
    const server = await startTestServer()
    const { copy } = await library(server)
    const { cookie } = await member(server, 'rita', copy, 'reviewer')
    const answer = await http(server.url, 'GET', '/api/notices?q=bolwijn', undefined, { cookie })
    expect((answer.body as Item[]).map((item) => [item.id, item.role])).toEqual([[copy, 'reviewer']])
  })
})

describe("the speakers' directory", () => {
  it('finds a speaker by three letters of the name, or by organisation, accents and case ignored', async () => {
    const server = await startTestServer()
    const { sample, copy } = await library(server)
    const [bolwijn, ...others] = await speakers(server, '?q=Bol')
    expect(others).toEqual([])
    expect(bolwijn).toMatchObject({
      directory: 'WTO',
      name: 'Richard Bolwijn',
      function: "Directeur de la recherche sur l'investissement",
      preposition: 'à la',
      organisation: 'CNUCED',
      delegation: '',
    })
    expect(bolwijn?.notices).toEqual([sample, copy].sort())
    expect((await speakers(server, '?q=mze')).map((speaker) => speaker.name)).toEqual(['Ahmed Mzé'])
    expect((await speakers(server, '?q=comores')).map((speaker) => speaker.name)).toEqual(['Ahmed Mzé'])
    expect((await speakers(server, '?q=bol&organisation=wto')).map((speaker) => speaker.name)).toEqual([
      'Richard Bolwijn',
    ])
    expect(await speakers(server, '?q=bol&organisation=WIPO')).toEqual([])
    // Bob Gokani is named twice in the sample, once bare: one person, with his fullest fields.
    expect(await speakers(server, '?q=gokani')).toMatchObject([
      { name: 'Bob Gokani', organisation: 'EziDrops' },
    ])
    // The nine people the sample names.
    expect(await speakers(server, '')).toHaveLength(9)
  })

  it('edits a function and updates it in the open drafts only when asked, never in a frozen revision', async () => {
    const server = await startTestServer()
    const { sample, copy } = await library(server)
    const [bolwijn] = await speakers(server, '?q=bolwijn')
    if (!bolwijn) throw new Error('Bolwijn is missing')
    const frozenBefore = (await http(server.url, 'GET', `/api/notices/${sample}/revisions/1`)).body

    const patched = await http(server.url, 'PATCH', `/api/speakers/${bolwijn.id}`, {
      function: 'Directeur de la division',
    })
    expect(patched.status).toBe(200)
    const body = patched.body as { speaker: Speaker; drafts: { id: string; mentions: number }[] }
    expect(body.speaker.function).toBe('Directeur de la division')
    expect(body.drafts.map((draft) => draft.id).sort()).toEqual([sample, copy].sort())
    // Not applied yet: the notices keep their own copy.
    expect(JSON.stringify((await http(server.url, 'GET', `/api/notices/${copy}`)).body)).not.toContain(
      'Directeur de la division',
    )

    const editor = await connectClient(server.wsBase, copy)
    const applied = await http(server.url, 'POST', `/api/speakers/${bolwijn.id}/apply`, { notices: [copy] })
    expect(applied.status).toBe(200)
    expect(applied.body).toEqual({ updated: [{ id: copy, mentions: 1 }] })
    expect(JSON.stringify((await http(server.url, 'GET', `/api/notices/${copy}`)).body)).toContain(
      'Directeur de la division',
    )
    await waitFor(
      () => editor.doc.getXmlFragment('content').toString().includes('Directeur de la division'),
      'the open editor to receive the new function',
    )
    expect(JSON.stringify((await http(server.url, 'GET', `/api/notices/${sample}`)).body)).not.toContain(
      'Directeur de la division',
    )
    expect((await http(server.url, 'GET', `/api/notices/${sample}/revisions/1`)).body).toEqual(frozenBefore)
    const again = (await http(server.url, 'PATCH', `/api/speakers/${bolwijn.id}`, {})).body as {
      drafts: { id: string }[]
    }
    expect(again.drafts.map((draft) => draft.id)).toEqual([sample])
  })

  it('lets a reviewer search but not edit, hides people of unreadable notices, and refuses bad fields', async () => {
    const server = await startTestServer()
    const { copy, blank } = await library(server)
    const [bolwijn] = await speakers(server, '?q=bolwijn')
    const reviewer = await member(server, 'rita', copy, 'reviewer')
    const outsider = await member(server, 'otto', blank, 'editor')

    expect((await speakers(server, '?q=bolwijn', reviewer)).map((speaker) => speaker.notices)).toEqual([
      [copy],
    ])
    expect(
      (await http(server.url, 'PATCH', `/api/speakers/${bolwijn?.id}`, { function: 'x' }, reviewer)).status,
    ).toBe(403)
    expect(await speakers(server, '?q=bolwijn', outsider)).toEqual([])
    expect(
      (await http(server.url, 'PATCH', `/api/speakers/${bolwijn?.id}`, { function: 'x' }, outsider)).status,
    ).toBe(404)
    expect((await http(server.url, 'PATCH', `/api/speakers/${bolwijn?.id}`, { role: 'x' })).status).toBe(400)
    expect((await http(server.url, 'PATCH', `/api/speakers/${bolwijn?.id}`, { name: '' })).status).toBe(400)
    expect((await http(server.url, 'PATCH', '/api/speakers/nobody', { function: 'x' })).status).toBe(404)
    expect((await http(server.url, 'GET', '/api/speakers', undefined, {})).status).toBe(401)
  })
})

describe('the user search', () => {
  it('finds people by a part of their name for editors, and refuses the others', async () => {
    const server = await startTestServer()
    const { copy } = await library(server)
    const reviewer = await member(server, 'rita', copy, 'reviewer')
    const editor = await member(server, 'edgar', copy, 'editor')
    const found = await http(server.url, 'GET', '/api/users/search?q=RITA', undefined, editor)
    expect(found.status).toBe(200)
    expect(found.body).toEqual({ users: [{ username: 'rita', displayName: 'Ms rita' }] })
    expect((await http(server.url, 'GET', '/api/users/search?q=ms', undefined, editor)).body).toMatchObject({
      users: [{ username: 'edgar' }, { username: 'rita' }],
    })
    expect((await http(server.url, 'GET', '/api/users/search?q=rita', undefined, reviewer)).status).toBe(403)
    expect((await http(server.url, 'GET', '/api/users/search?q=rita', undefined, {})).status).toBe(401)
  })
})
