import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  cleanup,
  connectClient,
  contentOf,
  createNotice,
  http,
  insertParagraph,
  openRaw,
  startTestServer,
  tempDataDir,
  waitFor,
} from './harness'

afterEach(cleanup)

type Notice = { id: string; meta: Record<string, string>; content: { type: string; content?: unknown[] } }
type ListItem = { id: string; title: string; symbol: string; language: string; updatedAt: string }

describe('the notices HTTP API', () => {
  it('reports health with the version and the storage backend', async () => {
    const server = await startTestServer()
    const health = await http(server.url, 'GET', '/api/health')
    expect(health.status).toBe(200)
    expect(health.body).toEqual({
      ok: true,
      version: '0.1.0',
      storage: 'sqlite',
      database: 'ok',
      redis: 'off',
    })
  })

  it('creates, lists, reads, patches and deletes a notice', async () => {
    const server = await startTestServer()

    const created = await http(server.url, 'POST', '/api/notices', {
      from: 'blank',
      language: 'es',
      meta: { title: 'Reunión informal', symbol: 'WT/MIN(24)/9' },
    })
    expect(created.status).toBe(201)
    const notice = created.body as Notice
    expect(notice.meta).toMatchObject({ title: 'Reunión informal', symbol: 'WT/MIN(24)/9', language: 'es' })
    expect(notice.content.type).toBe('doc')

    const list = (await http(server.url, 'GET', '/api/notices')).body as ListItem[]
    expect(list.map((item) => item.id)).toContain(notice.id)
    const item = list.find((entry) => entry.id === notice.id)
    expect(item).toMatchObject({ title: 'Reunión informal', symbol: 'WT/MIN(24)/9', language: 'es' })
    expect(new Date(item?.updatedAt ?? '').getTime()).toBeGreaterThan(Date.now() - 60_000)

    // A notice made from nothing says so.
    expect((await http(server.url, 'GET', `/api/notices/${notice.id}`)).body).toEqual({
      ...notice,
      duplicatedFrom: null,
    })

    const patched = await http(server.url, 'PATCH', `/api/notices/${notice.id}`, {
      title: 'Reunión formal',
      meetingDate: '2024-03-19',
    })
    expect(patched.status).toBe(200)
    expect((patched.body as Notice).meta).toMatchObject({
      title: 'Reunión formal',
      meetingDate: '2024-03-19',
    })
    expect(((await http(server.url, 'GET', `/api/notices/${notice.id}`)).body as Notice).meta.title).toBe(
      'Reunión formal',
    )
    const relisted = (await http(server.url, 'GET', '/api/notices')).body as ListItem[]
    expect(relisted.find((entry) => entry.id === notice.id)?.title).toBe('Reunión formal')

    const deleted = await http(server.url, 'DELETE', `/api/notices/${notice.id}`)
    expect(deleted.status).toBe(204)
    expect(deleted.text).toBe('')
    expect((await http(server.url, 'GET', `/api/notices/${notice.id}`)).status).toBe(404)
    const after = (await http(server.url, 'GET', '/api/notices')).body as ListItem[]
    expect(after.map((entry) => entry.id)).not.toContain(notice.id)
  })

  it('creates a notice from the sample with its agenda and French metadata', async () => {
    const server = await startTestServer()
    const created = await http(server.url, 'POST', '/api/notices', { from: 'sample' })
    const notice = created.body as Notice
    expect(created.status).toBe(201)
    expect(notice.meta.language).toBe('fr')
    expect(JSON.stringify(notice.content)).toContain('"type":"agendaItem"')
  })

  it('answers 400 naming the field for a body that fails validation', async () => {
    const server = await startTestServer()
    const id = await createNotice(server.url)

    const badFrom = await http(server.url, 'POST', '/api/notices', { from: 'template' })
    const unknownField = await http(server.url, 'POST', '/api/notices', { form: 'sample' })
    const badDate = await http(server.url, 'PATCH', `/api/notices/${id}`, { meetingDate: '19/03/2024' })
    const unknownMeta = await http(server.url, 'PATCH', `/api/notices/${id}`, { colour: 'red' })
    const notJson = await http(server.url, 'PATCH', `/api/notices/${id}`, '{"title":')

    expect(badFrom.status).toBe(400)
    expect((badFrom.body as { error: { message: string } }).error.message).toMatch(/"from"/)
    expect(unknownField.status).toBe(400)
    expect((unknownField.body as { error: { message: string } }).error.message).toMatch(/"form"/)
    expect(badDate.status).toBe(400)
    expect(badDate.body).toEqual({
      error: {
        status: 400,
        message: 'Invalid notice metadata: meetingDate: expected a date as YYYY-MM-DD, got "19/03/2024"',
        field: 'meetingDate',
      },
    })
    expect(unknownMeta.status).toBe(400)
    expect((unknownMeta.body as { error: { message: string } }).error.message).toMatch(/colour/)
    expect(notJson.status).toBe(400)
    expect(notJson.body).toEqual({ error: { status: 400, message: 'The request body is not valid JSON' } })
    const unchanged = (await http(server.url, 'GET', `/api/notices/${id}`)).body as Notice
    expect(unchanged.meta.meetingDate).toBe('')
    expect(unchanged.meta).not.toHaveProperty('colour')
  })

  it('answers 404 with a JSON error for unknown ids and unknown API routes', async () => {
    const server = await startTestServer()
    const responses = await Promise.all([
      http(server.url, 'GET', '/api/notices/nope'),
      http(server.url, 'PATCH', '/api/notices/nope', { title: 'x' }),
      http(server.url, 'DELETE', '/api/notices/nope'),
    ])
    for (const response of responses) {
      expect(response.status).toBe(404)
      expect(response.body).toEqual({ error: { status: 404, message: 'There is no notice with id "nope"' } })
    }
    const route = await http(server.url, 'GET', '/api/nothing-here')
    expect(route.status).toBe(404)
    expect((route.body as { error: { status: number } }).error.status).toBe(404)
  })

  it('answers 413 for a request body over the limit', async () => {
    const server = await startTestServer({ maxBodyBytes: 2048 })
    const response = await http(server.url, 'POST', '/api/notices', { meta: { title: 'x'.repeat(4096) } })
    expect(response.status).toBe(413)
    expect(response.body).toEqual({
      error: { status: 413, message: 'The request body exceeds the limit of 2048 bytes' },
    })
  })

  it('shows a metadata PATCH live to a connected editor, and the editor’s text to GET', async () => {
    const server = await startTestServer()
    const id = await createNotice(server.url)
    const editor = await connectClient(server.wsBase, id)
    insertParagraph(editor.doc, 'typed in the editor')

    const response = await http(server.url, 'PATCH', `/api/notices/${id}`, { title: 'Titre en direct' })

    expect(response.status).toBe(200)
    await waitFor(
      () => editor.doc.getMap('meta').get('title') === 'Titre en direct',
      'the editor to see the title',
    )
    await waitFor(() => contentOf(editor.doc).includes('typed in the editor'), 'the edit to be local')
    const read = async (): Promise<string> =>
      JSON.stringify((await http(server.url, 'GET', `/api/notices/${id}`)).body)
    const deadline = Date.now() + 5000
    while (!(await read()).includes('typed in the editor') && Date.now() < deadline) {
      await new Promise((resolveWait) => setTimeout(resolveWait, 20))
    }
    expect(await read()).toContain('typed in the editor')
  })

  it('closes the connections of a deleted notice with 4410', async () => {
    const server = await startTestServer()
    const id = await createNotice(server.url)
    const socket = await openRaw(`${server.wsBase}/${id}`)
    await waitFor(() => socket.messages.length > 0, 'the server’s sync step 1')

    await http(server.url, 'DELETE', `/api/notices/${id}`)

    expect((await socket.closed())?.code).toBe(4410)
  })
})

describe('the built client', () => {
  it('says to run the build when client/dist is missing', async () => {
    const server = await startTestServer()
    const response = await fetch(`${server.url}/`)
    expect(response.status).toBe(200)
    expect(await response.text()).toMatch(/pnpm build/)
  })

  it('serves its files, and index.html for app URLs but not for API or websocket paths', async () => {
    const dist = join(tempDataDir(), 'dist')
    mkdirSync(join(dist, 'assets'), { recursive: true })
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Convene test build</title>')
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log("app")')
    const server = await startTestServer({ clientDistDir: dist })

    const asset = await fetch(`${server.url}/assets/app.js`)
    const page = await fetch(`${server.url}/notices/some-id`)
    const api = await fetch(`${server.url}/api/unknown`)
    const collab = await fetch(`${server.url}/collab/some-id`)

    expect(await asset.text()).toBe('console.log("app")')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Convene test build')
    expect(api.status).toBe(404)
    expect(await api.json()).toMatchObject({ error: { status: 404 } })
    expect(collab.status).toBe(426)
  })
})
