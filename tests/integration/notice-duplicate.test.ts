/**
 * "New notice from this one" through the front door: a real server on port 0 with its SQLite file,
 * HTTP, and raw websockets on the comments room. The sample notice, with a comment and a frozen
 * revision, becomes the notice of the next meeting: same outline and speakers, the next symbol,
 * no revisions, no comments, and the original exactly as it was.
 */
import { agendaOutline, docFromJSON, NODE_NAMES, type Notice, readThreads } from '@convene/schema'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { cleanup, http, openCommentThread, openRaw, startTestServer, type TestServer } from './harness'

afterEach(cleanup)

type JSONContent = Notice['content']

type NoticeBody = {
  id: string
  meta: Record<string, string>
  content: JSONContent
  role: string
  duplicatedFrom: { notice: string; revision: number | null } | null
}

const outlineOf = (content: JSONContent) =>
  agendaOutline(docFromJSON(content)).map((entry) => `${entry.number} ${entry.id}`)

/** Every speaker node of `content`, in document order, as its fields. */
function speakersOf(content: JSONContent): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = []
  const visit = (node: JSONContent): void => {
    if (node.type === NODE_NAMES.speaker) found.push({ ...node.attrs })
    for (const child of node.content ?? []) visit(child)
  }
  visit(content)
  return found
}

async function sampleOf(server: TestServer): Promise<NoticeBody> {
  const list = (await http(server.url, 'GET', '/api/notices')).body as { id: string; symbol: string }[]
  const sample = list.find((notice) => notice.symbol === 'INF/MSME/N/27')
  if (!sample) throw new Error('the seeded sample notice is missing')
  return (await http(server.url, 'GET', `/api/notices/${sample.id}`)).body as NoticeBody
}

/** The threads of notice `noticeId`'s comments room, as the server holds them. */
async function threadsOf(server: TestServer, noticeId: string) {
  const client = await openRaw(`${server.wsBase}/${noticeId}/comments`)
  const full = await client.roundTrip()
  const doc = new Y.Doc()
  if (full) Y.applyUpdate(doc, full)
  return readThreads(doc)
}

describe('POST /api/notices/:id/duplicate', () => {
  it('makes the next meeting from the sample: same outline and speakers, the next symbol, no revisions, no comments, the original unchanged', async () => {
    const server = await startTestServer()
    const sample = await sampleOf(server)
    await openCommentThread(server, sample.id)
    const frozen = await http(server.url, 'POST', `/api/notices/${sample.id}/revisions`, { freeze: true })
    expect(frozen.status).toBe(201)
    const before = await http(server.url, 'GET', `/api/notices/${sample.id}`)

    const answer = await http(server.url, 'POST', `/api/notices/${sample.id}/duplicate`, {
      meetingDate: '2024-06-18',
    })

    expect(answer.status).toBe(201)
    const copy = answer.body as NoticeBody
    expect(copy.id).not.toBe(sample.id)
    expect(copy.role).toBe('owner')
    expect(copy.duplicatedFrom).toEqual({ notice: sample.id, revision: null })
    expect(outlineOf(copy.content)).toEqual(outlineOf(sample.content))
    expect(speakersOf(copy.content)).toEqual(speakersOf(sample.content))
    expect(speakersOf(copy.content).length).toBeGreaterThan(5)
    expect(copy.meta).toMatchObject({
      symbol: 'INF/MSME/N/28',
      organisation: 'WTO',
      issuingBody: sample.meta.issuingBody,
      meetingDate: '2024-06-18',
      revisionLabel: '',
      issueDate: '',
    })
    const revisions = (await http(server.url, 'GET', `/api/notices/${copy.id}/revisions`)).body as {
      revisions: unknown[]
      nextFrozenLabel: string
    }
    expect(revisions.revisions).toEqual([])
    expect(await threadsOf(server, copy.id)).toEqual([])
    expect(await threadsOf(server, sample.id)).toHaveLength(1)
    // The copy is stored and says where it came from; the original reads as before.
    const stored = (await http(server.url, 'GET', `/api/notices/${copy.id}`)).body as NoticeBody
    expect(stored.duplicatedFrom).toEqual({ notice: sample.id, revision: null })
    expect(stored.content).toEqual(copy.content)
    expect((await http(server.url, 'GET', `/api/notices/${sample.id}`)).body).toEqual(before.body)
    const listed = (await http(server.url, 'GET', '/api/notices')).body as { id: string; symbol: string }[]
    expect(listed.find((notice) => notice.id === copy.id)?.symbol).toBe('INF/MSME/N/28')
  })

  it('starts from a frozen revision as it was, without the items left out, keeping the recurring ones', async () => {
    const server = await startTestServer()
    const sample = await sampleOf(server)
    const frozen = (await http(server.url, 'POST', `/api/notices/${sample.id}/revisions`, { freeze: true }))
      .body as { rev: number }
    await http(server.url, 'PATCH', `/api/notices/${sample.id}`, { issuingBody: 'Changé après le gel' })
    const kept = agendaOutline(docFromJSON(sample.content))
      .map((entry) => entry.id)
      .filter((id) => id !== 'msme-investment' && id !== 'other-business' && id !== 'other-matters')

    const answer = await http(server.url, 'POST', `/api/notices/${sample.id}/duplicate`, {
      fromRevision: frozen.rev,
      symbol: 'INF/MSME/N/30',
      meetingTime: '10:00',
      keepItems: kept,
    })

    expect(answer.status).toBe(201)
    const copy = answer.body as NoticeBody
    expect(copy.duplicatedFrom).toEqual({ notice: sample.id, revision: frozen.rev })
    expect(copy.meta).toMatchObject({
      issuingBody: sample.meta.issuingBody,
      symbol: 'INF/MSME/N/30',
      meetingTime: '10:00',
      meetingDate: '',
    })
    const outline = outlineOf(copy.content)
    expect(outline).not.toContain('3.2 msme-investment')
    expect(outline).toContain('3.1 sustainability-reporting')
    expect(outline).toContain('6 other-business')
    expect(outline).toContain('6.2 other-matters')
    expect(speakersOf(copy.content).map((speaker) => speaker.name)).not.toContain('Richard Bolwijn')
  })

  it('refuses bad choices with a 400 naming the field, and an unknown revision or notice with a 404', async () => {
    const server = await startTestServer()
    const sample = await sampleOf(server)
    const count = async () => ((await http(server.url, 'GET', '/api/notices')).body as unknown[]).length
    const notices = await count()
    const path = `/api/notices/${sample.id}/duplicate`

    const badDate = await http(server.url, 'POST', path, { meetingDate: '2024-02-30' })
    expect(badDate.status).toBe(400)
    expect(badDate.text).toContain('meetingDate')
    const badSymbol = await http(server.url, 'POST', path, { symbol: 'inf//27' })
    expect(badSymbol.status).toBe(400)
    expect(badSymbol.text).toContain('symbol')
    const unknownField = await http(server.url, 'POST', path, { title: 'x' })
    expect(unknownField.status).toBe(400)
    expect(unknownField.text).toContain('Unknown field')
    const badItems = await http(server.url, 'POST', path, { keepItems: 'all' })
    expect(badItems.status).toBe(400)
    expect(badItems.text).toContain('keepItems')
    expect((await http(server.url, 'POST', path, { fromRevision: 999 })).status).toBe(404)
    expect((await http(server.url, 'POST', '/api/notices/nope/duplicate', {})).status).toBe(404)
    expect(await count()).toBe(notices)
  })
})
