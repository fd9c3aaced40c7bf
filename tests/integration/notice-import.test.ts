/**
 * Importing notice files through the front door: a real server on port 0 with its SQLite file and
 * worker pool, files sent as request bodies, the created notice read back over HTTP and opened by
 * a real y-websocket client. The sample notice's text and its own DOCX export are the files.
 */
import { readFileSync } from 'node:fs'
import { renderExport } from '@convene/export'
import {
  apiErrorBodySchema,
  importCreatedResponseSchema,
  importPreviewResponseSchema,
  noticeDetailSchema,
} from '@convene/protocol'
import { agendaOutline, docFromJSON, type Notice, sampleNotice } from '@convene/schema'
import { afterEach, describe, expect, it } from 'vitest'
import {
  adminHeaders,
  cleanup,
  connectClient,
  http,
  noticeOf,
  startTestServer,
  type TestServer,
  waitFor,
} from './harness'

afterEach(cleanup)

const SAMPLE_TEXT = readFileSync(
  new URL('../../packages/schema/fixtures/wto-msme-notice-2024-03-fr.txt', import.meta.url),
)
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

const outlineOf = (content: Notice['content']) =>
  agendaOutline(docFromJSON(content)).map((entry) => `${entry.number} ${entry.title}`)

async function send(
  server: TestServer,
  query: string,
  body: Uint8Array,
  contentType: string,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}/api/notices/import${query}`, {
    method: 'POST',
    headers: { ...adminHeaders(server.url), 'content-type': contentType },
    body: new Blob([body as Uint8Array<ArrayBuffer>]),
  })
  return { status: response.status, body: await response.json() }
}

describe('POST /api/notices/import', () => {
  it('previews the sample text as the sample notice without creating anything', async () => {
    const server = await startTestServer()
    const before = (await http(server.url, 'GET', '/api/notices')).body as unknown[]
    const answer = await send(server, '?preview=1', SAMPLE_TEXT, 'text/plain; charset=utf-8')
    expect(answer.status).toBe(200)
    const preview = importPreviewResponseSchema.parse(answer.body)
    expect(outlineOf(preview.content)).toEqual(outlineOf(sampleNotice.content))
    expect(preview.meta).toEqual({ ...sampleNotice.meta, symbol: '' })
    expect(preview.report).toMatchObject({
      format: 'text',
      language: 'fr',
      organisation: 'WTO',
      items: 13,
      speakers: 10,
      symbols: 7,
    })
    expect(preview.report.dropped.length).toBeGreaterThan(0)
    expect((await http(server.url, 'GET', '/api/notices')).body).toEqual(before)
  })

  it('creates a notice from a DOCX, the caller its owner, which a websocket client opens in sync', async () => {
    const server = await startTestServer()
    const revision = { label: 'Rev.1', hash: 'it', createdAt: '2024-03-08T00:00:00Z', frozen: true }
    const docx = await renderExport({ ...sampleNotice, revision }, 'docx')
    const answer = await send(server, '', docx, DOCX)
    expect(answer.status).toBe(201)
    const created = importCreatedResponseSchema.parse(answer.body)
    expect(created.report).toMatchObject({ format: 'docx', items: 13, speakers: 10, symbols: 7 })
    const stored = noticeDetailSchema.parse(
      (await http(server.url, 'GET', `/api/notices/${created.id}`)).body,
    )
    expect(stored.role).toBe('owner')
    expect(stored.meta).toMatchObject({ symbol: 'INF/MSME/N/27', revisionLabel: 'Rev.1', language: 'fr' })
    expect(outlineOf(stored.content)).toEqual(outlineOf(sampleNotice.content))
    const client = await connectClient(server.wsBase, created.id)
    await waitFor(() => client.provider.synced, 'the imported notice to sync')
    expect(outlineOf(noticeOf(client.doc).content)).toEqual(outlineOf(sampleNotice.content))
  }, 60_000)

  it('answers a clear 4xx with the error body for a type it does not read, a bad query, a PDF without text and a file over the limit', async () => {
    const server = await startTestServer({ maxImportBytes: 4096 })
    const png = await send(server, '', new Uint8Array([0x89, 0x50, 0x4e, 0x47]), 'image/png')
    expect(png.status).toBe(415)
    expect(apiErrorBodySchema.parse(png.body).error.message).toContain('image/png')
    const language = await send(server, '?preview=1&language=de', SAMPLE_TEXT.subarray(0, 1000), 'text/plain')
    expect(language.status).toBe(400)
    const notPdf = await send(
      server,
      '?preview=1',
      new TextEncoder().encode('%PDF-1.4 nothing here'),
      'application/pdf',
    )
    expect(notPdf.status).toBe(422)
    const large = await send(server, '?preview=1', SAMPLE_TEXT, 'text/plain')
    expect(large.status).toBe(413)
    expect(apiErrorBodySchema.parse(large.body).error.message).toContain('MAX_IMPORT_BYTES')
  })

  it('takes the organisation and language the caller names instead of its guesses, and imports text without items as paragraphs with a warning', async () => {
    const server = await startTestServer()
    const text = new TextEncoder().encode(
      'The meeting will discuss trade and health.\n\nMembers are invited to attend.\n',
    )
    const answer = await send(server, '?preview=true&organisation=who&language=en', text, 'text/plain')
    expect(answer.status).toBe(200)
    const preview = importPreviewResponseSchema.parse(answer.body)
    expect(preview.meta).toMatchObject({ organisation: 'WHO', language: 'en' })
    expect(preview.report.items).toBe(0)
    expect(preview.report.warnings.map((warning) => warning.message).join(' ')).toContain(
      'no numbered agenda items',
    )
    expect(JSON.stringify(preview.content)).toContain('Members are invited to attend.')
  })
})
