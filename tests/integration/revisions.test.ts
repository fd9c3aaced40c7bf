/**
 * Revisions end to end: a real server on port 0 with its SQLite file, stock y-websocket clients,
 * and the HTTP API. A frozen revision stays exactly as it was whatever is edited and whatever
 * tries to change it (routes, the storage interface, raw SQL); compare reads constructed pairs;
 * restore is an ordinary edit that loses nothing typed concurrently; automatic revisions are never
 * duplicated for an idle notice; compaction leaves revisions and the notice intact.
 */
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import {
  applyNoticeToYDoc,
  CONTENT_FIELD,
  contentBuilders,
  type Notice,
  type NoticeDiff,
  readNoticeFromYDoc,
  sampleNotice,
} from '@convene/schema'
import {
  DATABASE_FILE,
  FrozenRevisionError,
  openDatabase,
  type RevisionJson,
  type RevisionSummary,
  type RevisionTimeline,
} from '@convene/server'
import BetterSqlite3 from 'better-sqlite3'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import {
  api,
  type Client,
  cleanup,
  connectClient,
  contentOf,
  createNotice,
  http,
  insertParagraph,
  startTestServer,
  type TestServer,
  waitFor,
} from './harness'

/** The PostgreSQL schemas of the current test, dropped once its servers are closed. */
const schemas: string[] = []

afterEach(async () => {
  await cleanup()
  for (const name of schemas.splice(0)) await postgres(null, `DROP SCHEMA IF EXISTS ${name} CASCADE`)
})

/** The machine's PostgreSQL (`TEST_DATABASE_URL`, by default the local one). */
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/** Runs `sql` on PostgreSQL with `search_path` set to `schema`; resolves the error it fails with, if any. */
async function postgres(
  schema: string | null,
  sql: string,
): Promise<{ code?: string; message: string } | null> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 5000 })
  await client.connect()
  try {
    if (schema) await client.query(`SET search_path TO ${schema}`)
    await client.query(sql)
    return null
  } catch (error) {
    return error as { code?: string; message: string }
  } finally {
    await client.end()
  }
}

/** A fresh PostgreSQL schema, dropped once the test's servers are closed; the URL that points at it. */
async function freshSchema(): Promise<{ name: string; url: string }> {
  const name = `convene_revisions_${randomBytes(6).toString('hex')}`
  const failed = await postgres(null, `CREATE SCHEMA ${name}`)
  if (failed) throw new Error(`PostgreSQL at ${DATABASE_URL} refused a test schema: ${failed.message}`)
  schemas.push(name)
  return { name, url: `${DATABASE_URL}?options=-c%20search_path%3D${name}` }
}

type JSONNode = { type?: string; attrs?: Record<string, unknown>; content?: JSONNode[]; text?: string }

const revisionsOf = (server: TestServer, id: string) =>
  api<RevisionTimeline>(server, 'GET', `/api/notices/${id}/revisions`, 200)

/** Waits until the server's notice reads exactly as `client`'s document. */
async function serverHas(server: TestServer, id: string, client: Client): Promise<void> {
  const wanted = JSON.stringify(readNoticeFromYDoc(client.doc))
  const deadline = Date.now() + 10_000
  for (;;) {
    const { meta, content } = await api<{ meta: unknown; content: unknown }>(
      server,
      'GET',
      `/api/notices/${id}`,
      200,
    )
    if (JSON.stringify({ meta, content }) === wanted) return
    if (Date.now() > deadline)
      throw new Error(`The server never read as the client: ${JSON.stringify(content)}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** Every node of `root`, in document order. */
const nodes = (root: JSONNode): JSONNode[] => [root, ...(root.content ?? []).flatMap(nodes)]

/** The agenda item `id` of `content`, with its parent and index. */
function findItem(content: JSONNode, id: string): { item: JSONNode; parent: JSONNode; index: number } {
  for (const parent of nodes(content)) {
    const index = (parent.content ?? []).findIndex(
      (child) => child.type === 'agendaItem' && child.attrs?.id === id,
    )
    const item = parent.content?.[index]
    if (item) return { item, parent, index }
  }
  throw new Error(`no agenda item ${id}`)
}

/** The sample notice, edited by `edit`. */
function editedSample(edit: (content: JSONNode) => void): Notice {
  const copy = structuredClone(sampleNotice)
  edit(copy.content as JSONNode)
  return copy
}

describe('a frozen revision', () => {
  it('keeps its content and hash while the notice is edited, and refuses every change through each route', async () => {
    const server = await startTestServer()
    const id = await createNotice(server.url, { from: 'sample' })
    const editor = await connectClient(server.wsBase, id)
    insertParagraph(editor.doc, 'Version à circuler')
    await serverHas(server, id, editor)

    const frozen = await api<RevisionSummary>(server, 'POST', `/api/notices/${id}/revisions`, 201, {
      freeze: true,
    })
    expect(frozen).toMatchObject({ rev: 1, kind: 'frozen', frozen: true, label: 'Rev.1' })
    const me = (await http(server.url, 'GET', '/api/auth/me')).body as { user: { displayName: string } }
    expect((await revisionsOf(server, id)).revisions[0]).toMatchObject({
      rev: 1,
      authorName: me.user.displayName,
    })
    const before = await api<RevisionJson>(server, 'GET', `/api/notices/${id}/revisions/1`, 200)
    expect(JSON.stringify(before.content)).toContain('Version à circuler')

    for (let i = 0; i < 20; i++) insertParagraph(editor.doc, `Après le gel ${i}`)
    await serverHas(server, id, editor)
    await api(server, 'PATCH', `/api/notices/${id}`, 200, { title: 'Titre changé après le gel' })
    await api(server, 'POST', `/api/notices/${id}/revisions`, 201, { label: 'later' })

    expect(await api<RevisionJson>(server, 'GET', `/api/notices/${id}/revisions/1`, 200)).toEqual(before)

    const frozenRefusal = `Revision 1 of notice "${id}" is frozen: it cannot be changed or deleted`
    const attempts: [string, string, unknown, number, string][] = [
      [
        'POST',
        `/api/notices/${id}/revisions/1/freeze`,
        { label: 'Rev.9' },
        409,
        `Revision 1 of notice "${id}" is already frozen as "Rev.1"`,
      ],
      ['PATCH', `/api/notices/${id}/revisions/1`, { label: 'Renamed' }, 409, frozenRefusal],
      ['PATCH', `/api/notices/${id}/revisions/1`, { label: null }, 409, frozenRefusal],
      ['DELETE', `/api/notices/${id}/revisions/1`, undefined, 409, frozenRefusal],
      [
        'DELETE',
        `/api/notices/${id}`,
        undefined,
        409,
        `Notice "${id}" has frozen revisions (Rev.1): a notice with frozen revisions cannot be deleted`,
      ],
    ]
    for (const [method, path, body, status, message] of attempts) {
      const answer = await http(server.url, method, path, body)
      expect({ status: answer.status, body: answer.body }, `${method} ${path}`).toEqual({
        status,
        body: { error: { status, message } },
      })
    }
    expect(await api<RevisionJson>(server, 'GET', `/api/notices/${id}/revisions/1`, 200)).toEqual(before)
    expect((await http(server.url, 'GET', `/api/notices/${id}`)).status).toBe(200)
    expect(editor.closes).toEqual([])
  })

  it('refuses every change through the storage interface and raw SQL, and reads the same after a restart', async () => {
    const first = await startTestServer()
    const id = await createNotice(first.url, { from: 'sample' })
    const frozen = await api<RevisionSummary>(first, 'POST', `/api/notices/${id}/revisions`, 201, {
      freeze: true,
    })
    const before = await api<RevisionJson>(first, 'GET', `/api/notices/${id}/revisions/1`, 200)
    await first.close()

    const { notices: storage, revisions } = await openDatabase({ dataDir: first.dataDir })
    // Raw SQL on a connection of its own: the triggers guard the file, whoever writes to it.
    const raw = new BetterSqlite3(join(first.dataDir, DATABASE_FILE))
    try {
      await expect(revisions.freezeRevision(id, 1, 'Rev.2')).rejects.toBeInstanceOf(FrozenRevisionError)
      await expect(revisions.labelRevision(id, 1, 'Renamed')).rejects.toBeInstanceOf(FrozenRevisionError)
      await expect(revisions.deleteRevision(id, 1)).rejects.toBeInstanceOf(FrozenRevisionError)
      await expect(storage.deleteNotice(id)).rejects.toThrow(/frozen/)

      const refusal = `Revision 1 of notice "${id}" is frozen: it cannot be changed or deleted`
      for (const sql of [
        `UPDATE revisions SET hash = 'forged' WHERE notice_id = '${id}'`,
        `UPDATE revisions SET frozen = 0 WHERE notice_id = '${id}'`,
        `UPDATE revisions SET label = 'Rev.7' WHERE notice_id = '${id}'`,
        `DELETE FROM revisions WHERE notice_id = '${id}'`,
      ]) {
        expect(() => raw.exec(sql), sql).toThrow(refusal)
      }
      expect(() => raw.exec(`UPDATE revision_blobs SET bytes = x'00' WHERE notice_id = '${id}'`)).toThrow(
        /is immutable/,
      )
      expect(() => raw.exec(`DELETE FROM revision_blobs WHERE notice_id = '${id}'`)).toThrow(
        /belongs to a frozen revision/,
      )
      expect(await revisions.getRevision(id, 1)).toMatchObject({
        frozen: true,
        label: 'Rev.1',
        hash: frozen.hash,
      })
    } finally {
      raw.close()
      await revisions.close()
      await storage.close()
    }

    const second = await startTestServer({ dataDir: first.dataDir })
    expect(await api<RevisionJson>(second, 'GET', `/api/notices/${id}/revisions/1`, 200)).toEqual(before)
  })
})

describe('a frozen revision on PostgreSQL', () => {
  it('keeps its content and hash, refusing every change through the routes and raw SQL (triggers)', async () => {
    const schema = await freshSchema()
    const server = await startTestServer({ databaseUrl: schema.url })
    const health = await api<{ storage: string }>(server, 'GET', '/api/health', 200)
    expect(health.storage).toBe('postgres')
    const id = await createNotice(server.url, { from: 'sample' })
    const editor = await connectClient(server.wsBase, id)
    await api<RevisionSummary>(server, 'POST', `/api/notices/${id}/revisions`, 201, { freeze: true })
    const before = await api<RevisionJson>(server, 'GET', `/api/notices/${id}/revisions/1`, 200)
    for (let i = 0; i < 10; i++) insertParagraph(editor.doc, `Après le gel ${i}`)
    await serverHas(server, id, editor)

    const refusal = `Revision 1 of notice "${id}" is frozen: it cannot be changed or deleted`
    for (const [method, path, body] of [
      ['PATCH', `/api/notices/${id}/revisions/1`, { label: 'Renamed' }],
      ['DELETE', `/api/notices/${id}/revisions/1`, undefined],
    ] as const) {
      expect((await http(server.url, method, path, body)).body, `${method} ${path}`).toEqual({
        error: { status: 409, message: refusal },
      })
    }
    expect((await http(server.url, 'DELETE', `/api/notices/${id}`)).status).toBe(409)
    for (const sql of [
      `UPDATE revisions SET hash = 'forged' WHERE notice_id = '${id}'`,
      `UPDATE revisions SET frozen = false WHERE notice_id = '${id}'`,
      `DELETE FROM revisions WHERE notice_id = '${id}'`,
    ]) {
      expect(await postgres(schema.name, sql), sql).toMatchObject({ code: 'CV409', message: refusal })
    }
    expect(await postgres(schema.name, `DELETE FROM notices WHERE id = '${id}'`)).toMatchObject({
      code: 'CV409',
    })
    expect(
      await postgres(schema.name, `UPDATE revision_blobs SET bytes = '\\x00' WHERE notice_id = '${id}'`),
    ).toMatchObject({
      code: 'CV409',
    })
    expect(await api<RevisionJson>(server, 'GET', `/api/notices/${id}/revisions/1`, 200)).toEqual(before)
  })
})

describe('compare', () => {
  const cases: { name: string; edit: (content: JSONNode) => void; expected: Partial<NoticeDiff> }[] = [
    {
      name: 'an item moved (3.2 to 4.1)',
      edit: (content) => {
        const { item, parent, index } = findItem(content, 'msme-investment')
        parent.content?.splice(index, 1)
        findItem(content, 'private-sector-dialogue').item.content?.splice(1, 0, item)
      },
      expected: {
        summary: [
          { code: 'item.moved', id: 'msme-investment', number: '4.1', params: { from: '3.2', to: '4.1' } },
        ],
      },
    },
    {
      name: 'an item retitled',
      edit: (content) => {
        const title = nodes(findItem(content, 'msme-investment').item).find((node) => node.type === 'text')
        if (title) title.text = 'Investissement international des MPME'
      },
      expected: {
        summary: [
          {
            code: 'item.retitled',
            id: 'msme-investment',
            number: '3.2',
            params: { from: 'Investissement des MPME', to: 'Investissement international des MPME' },
          },
        ],
      },
    },
    {
      name: 'a sub-item inserted as 3.3',
      edit: (content) => {
        findItem(content, 'thematic-discussions').item.content?.push(
          contentBuilders.agendaItem('msme-digital', 'Les MPME et le commerce numérique') as JSONNode,
        )
      },
      expected: {
        items: [
          { kind: 'added', id: 'msme-digital', number: '3.3', title: 'Les MPME et le commerce numérique' },
        ],
      },
    },
    {
      name: 'a speaker’s function changed',
      edit: (content) => {
        const speaker = nodes(content).find(
          (node) => node.type === 'speaker' && node.attrs?.name === 'Kate Kallot',
        )
        if (speaker?.attrs) speaker.attrs.role = 'fondatrice et directrice générale'
      },
      expected: {
        summary: [
          {
            code: 'speaker.changed',
            id: 'sustainability-reporting',
            number: '3.1',
            params: { name: 'Kate Kallot', fields: 'role' },
          },
        ],
      },
    },
    {
      name: 'a symbol suffix changed (Rev.2 to Rev.3)',
      edit: (content) => {
        for (const node of nodes(findItem(content, 'msme-package-2020').item)) {
          if (node.type === 'symbol' && node.attrs?.symbol === 'INF/MSME/4/Rev.2')
            node.attrs.symbol = 'INF/MSME/4/Rev.3'
        }
      },
      expected: {
        summary: [
          {
            code: 'symbol.changed',
            id: 'msme-package-2020',
            number: '2',
            params: { from: 'INF/MSME/4/Rev.2', to: 'INF/MSME/4/Rev.3' },
          },
        ],
      },
    },
  ]

  it('reports each constructed change between two revisions, and the same against the live notice', async () => {
    const server = await startTestServer()
    const id = await createNotice(server.url, { from: 'sample' })
    const editor = await connectClient(server.wsBase, id)
    const base = await api<RevisionSummary>(server, 'POST', `/api/notices/${id}/revisions`, 201, {
      label: 'base',
    })
    for (const { name, edit, expected } of cases) {
      applyNoticeToYDoc(editor.doc, editedSample(edit))
      await serverHas(server, id, editor)
      const taken = await api<RevisionSummary>(server, 'POST', `/api/notices/${id}/revisions`, 201, {
        label: name,
      })
      const pair = await api<{ from: unknown; to: unknown; diff: NoticeDiff }>(
        server,
        'GET',
        `/api/notices/${id}/compare?from=${base.rev}&to=${taken.rev}`,
        200,
      )
      expect(pair.from, name).toEqual({ rev: base.rev, label: 'base', hash: base.hash })
      expect(pair.to, name).toEqual({ rev: taken.rev, label: name, hash: taken.hash })
      expect(pair.diff, name).toMatchObject(expected)
      expect(pair.diff.meta, name).toEqual([])
      const live = await api<{ to: unknown; diff: NoticeDiff }>(
        server,
        'GET',
        `/api/notices/${id}/compare?from=${base.rev}&to=live`,
        200,
      )
      expect(live.to, name).toEqual({ rev: 'live', label: null, hash: taken.hash })
      expect(live.diff, name).toEqual(pair.diff)
      // Back to the sample for the next case: the diff against the base is empty again.
      applyNoticeToYDoc(editor.doc, sampleNotice)
      await serverHas(server, id, editor)
    }
    const back = await api<{ diff: NoticeDiff }>(
      server,
      'GET',
      `/api/notices/${id}/compare?from=${base.rev}&to=live`,
      200,
    )
    expect(back.diff).toEqual({ meta: [], preamble: [], items: [], summary: [] })
  })
})

describe('restore', () => {
  it('makes every editor see the old revision while another editor types, losing none of the typing', async () => {
    const server = await startTestServer()
    const id = await createNotice(server.url, { from: 'sample' })
    const a = await connectClient(server.wsBase, id)
    const b = await connectClient(server.wsBase, id)
    const original = await api<RevisionSummary>(server, 'POST', `/api/notices/${id}/revisions`, 201, {
      label: 'original',
    })

    // A rewrites the notice: new title, item 6.2 removed.
    applyNoticeToYDoc(
      a.doc,
      editedSample((content) => {
        const { parent, index } = findItem(content, 'other-matters')
        parent.content?.splice(index, 1)
      }),
    )
    a.doc.getMap('meta').set('title', 'Titre de A')
    await serverHas(server, id, a)
    await waitFor(() => contentOf(b.doc) === contentOf(a.doc), 'B to see A’s edits')

    // B types at the end of the first paragraph, one character at a time, while the restore runs.
    const firstText = (b.doc.getXmlFragment(CONTENT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText
    const opening = firstText.toString()
    const typed = ' (ajout de B pendant la restauration)'
    let restoring: Promise<Awaited<ReturnType<typeof http>>> | null = null
    let typedAfterAnswer = ''
    let answered = false
    for (const [index, character] of [...typed].entries()) {
      firstText.insert(firstText.length, character)
      if (answered) typedAfterAnswer += character
      if (index === 8) {
        restoring = http(server.url, 'POST', `/api/notices/${id}/revisions/${original.rev}/restore`)
        void restoring.then(() => {
          answered = true
        })
      }
      await new Promise((resolve) => setTimeout(resolve, 4))
    }
    const restored = await (restoring as Promise<Awaited<ReturnType<typeof http>>>)
    expect(restored.status).toBe(200)
    expect(restored.body).toMatchObject({ restoredFrom: original.rev, changed: true })

    await waitFor(
      () =>
        contentOf(a.doc) === contentOf(b.doc) &&
        JSON.stringify(a.doc.getMap('meta')) === JSON.stringify(b.doc.getMap('meta')),
      'A and B to converge',
    )
    await serverHas(server, id, a)
    const final = readNoticeFromYDoc(a.doc)
    // The restored revision is there: A's title and removal are undone.
    expect(final.meta.title).toBe(sampleNotice.meta.title)
    expect(JSON.stringify(final.content)).toContain('"other-matters"')
    // B's typing: what reached the server before the restore is in the last revision taken before
    // it, what came after is in the live notice; together, every character, in order.
    const finalOpening = ((final.content as JSONNode).content?.[0]?.content?.[0]?.text ?? '') as string
    expect(finalOpening.startsWith(opening)).toBe(true)
    const after = finalOpening.slice(opening.length)
    const timeline = await revisionsOf(server, id)
    const restoredRev = (restored.body as { revision: RevisionSummary }).revision.rev
    const lastBefore = timeline.revisions.find((revision) => revision.rev < restoredRev) as RevisionSummary
    expect(lastBefore.rev).toBeGreaterThan(original.rev)
    const beforeRevision = await api<RevisionJson>(
      server,
      'GET',
      `/api/notices/${id}/revisions/${lastBefore.rev}`,
      200,
    )
    const beforeOpening = ((beforeRevision.content as JSONNode).content?.[0]?.content?.[0]?.text ??
      '') as string
    const typedBefore = beforeOpening.slice(opening.length)
    expect(beforeRevision.meta.title).toBe('Titre de A')
    expect(typedBefore + after).toBe(typed)
    expect(after.endsWith(typedAfterAnswer)).toBe(true)
    expect(after.length).toBeGreaterThan(0)
    // History was not rewritten: the original revision is unchanged.
    expect(
      (await api<RevisionJson>(server, 'GET', `/api/notices/${id}/revisions/${original.rev}`, 200)).hash,
    ).toBe(original.hash)
  })
})

describe('automatic revisions', () => {
  it('takes one after an interval of editing and none more while the notice is idle, nor when an unchanged notice is left', async () => {
    const server = await startTestServer({ autoRevisionIntervalMs: 300 })
    const id = await createNotice(server.url)
    const autos = async () =>
      (await revisionsOf(server, id)).revisions.filter((revision) => revision.kind === 'auto')

    const editor = await connectClient(server.wsBase, id)
    insertParagraph(editor.doc, 'premier jet')
    await serverHas(server, id, editor)
    const deadline = Date.now() + 5000
    while ((await autos()).length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50))
    expect(await autos()).toHaveLength(1)

    // Idle for many intervals, then the last editor leaves an unchanged notice: nothing new.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    editor.provider.destroy()
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(await autos()).toHaveLength(1)

    // One more edit, and the editor leaves at once: one more revision, then quiet again.
    const again = await connectClient(server.wsBase, id)
    insertParagraph(again.doc, 'deuxième jet')
    await serverHas(server, id, again)
    again.provider.destroy()
    await new Promise((resolve) => setTimeout(resolve, 1500))
    const taken = await autos()
    expect(taken).toHaveLength(2)
    expect(new Set(taken.map((revision) => revision.hash)).size).toBe(2)
  })
})

describe('compaction with revisions in place', () => {
  it('shrinks the update log and the notice and its revisions read the same afterwards', async () => {
    const server = await startTestServer({ compactAfterRows: 10, autoRevisionIntervalMs: 200 })
    const id = await createNotice(server.url)
    const a = await connectClient(server.wsBase, id)
    const b = await connectClient(server.wsBase, id)
    for (let i = 0; i < 120; i++) {
      insertParagraph(i % 2 === 0 ? a.doc : b.doc, `P${i}`)
      if (i === 60) await api(server, 'POST', `/api/notices/${id}/revisions`, 201, { freeze: true })
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await waitFor(
      () =>
        contentOf(a.doc) === contentOf(b.doc) &&
        contentOf(a.doc).includes('P119') &&
        contentOf(a.doc).includes('P118'),
      'both clients to converge',
    )
    await serverHas(server, id, a)
    const expected = contentOf(a.doc)
    const timeline = await revisionsOf(server, id)
    const frozen = timeline.revisions.find((revision) => revision.frozen) as RevisionSummary
    const frozenBefore = await api<RevisionJson>(
      server,
      'GET',
      `/api/notices/${id}/revisions/${frozen.rev}`,
      200,
    )
    a.provider.destroy()
    b.provider.destroy()
    await server.close()

    const storage = (await openDatabase({ dataDir: server.dataDir })).notices
    const rows = await storage.loadUpdates(id)
    await storage.close()
    // 121 rows without compaction (the initial state plus one per paragraph).
    expect(rows?.length).toBeLessThanOrEqual(20)

    const restarted = await startTestServer({ dataDir: server.dataDir })
    const reader = await connectClient(restarted.wsBase, id)
    expect(contentOf(reader.doc)).toBe(expected)
    // Every revision is still listed as it was (shutting down may have added one automatic revision).
    const after = (await revisionsOf(restarted, id)).revisions
    for (const revision of timeline.revisions) expect(after).toContainEqual(revision)
    expect(
      await api<RevisionJson>(restarted, 'GET', `/api/notices/${id}/revisions/${frozen.rev}`, 200),
    ).toEqual(frozenBefore)
    for (const revision of timeline.revisions) {
      await api(restarted, 'GET', `/api/notices/${id}/revisions/${revision.rev}`, 200)
    }
  })
})
