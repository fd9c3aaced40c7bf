import { inflateSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { pdfText } from '../support/poppler'
import {
  adminHeaders,
  api,
  cleanup,
  createNotice,
  http,
  signIn,
  startTestServer,
  type TestServer,
} from './harness'

afterEach(cleanup)

type Revision = { rev: number; label: string | null; frozen: boolean; hash: string }

const CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
} as const

/** A GET as the harness administrator, whose body is kept as bytes. */
async function download(
  server: TestServer,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(`${server.url}${path}`, {
    headers: { ...adminHeaders(server.url), ...headers },
  })
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  }
}

/** The decompressed content streams of a PDF (pdfkit deflates them). */
function pdfStreams(bytes: Buffer): string {
  const text = bytes.toString('latin1')
  const streams: string[] = []
  for (const match of text.matchAll(/stream\r?\n/g)) {
    const start = (match.index ?? 0) + match[0].length
    const end = text.indexOf('endstream', start)
    try {
      streams.push(inflateSync(bytes.subarray(start, end)).toString('latin1'))
    } catch {
      // not deflated (fonts are, images may not be): not a page's drawing
    }
  }
  return streams.join('\n')
}

/** The drawing of the DRAFT watermark: a rotation by 50 degrees, then very large text. */
const WATERMARK_DRAWING = /0\.642788 -0\.766044 0\.766044 0\.642788 [-\d.]+ [-\d.]+ cm\n[\s\S]*?\/F\d+ 120 Tf/

/** A server with the sample notice frozen as Rev.1 (revision 1) and named once more (revision 2). */
async function frozenSample(): Promise<{ server: TestServer; id: string; rev1: Revision; rev2: Revision }> {
  const server = await startTestServer()
  const id = await createNotice(server.url, { from: 'sample' })
  const rev1 = await api<Revision>(server, 'POST', `/api/notices/${id}/revisions`, 201, {
    label: 'Rev.1',
    freeze: true,
  })
  const rev2 = await api<Revision>(server, 'POST', `/api/notices/${id}/revisions`, 201, {
    label: 'Before the chair’s edits',
  })
  return { server, id, rev1, rev2 }
}

describe('exporting a frozen revision over HTTP', () => {
  it('downloads Rev.1 in every format, named after the notice, with its hash, the same bytes twice', async () => {
    const { server, id, rev1 } = await frozenSample()
    expect(rev1).toMatchObject({ label: 'Rev.1', frozen: true })
    expect(rev1.hash).toMatch(/^[0-9a-f]{64}$/)

    for (const [format, contentType] of Object.entries(CONTENT_TYPES)) {
      const path = `/api/notices/${id}/revisions/${rev1.rev}/export.${format}`
      const first = await download(server, path)
      expect(first.status, `${format}: ${first.bytes.toString().slice(0, 200)}`).toBe(200)
      expect(first.headers.get('content-type')).toBe(contentType)
      expect(first.headers.get('content-disposition')).toBe(
        `attachment; filename="INF-MSME-N-27-Rev.1-fr.${format}"`,
      )
      expect(first.headers.get('x-revision-hash')).toBe(rev1.hash)
      expect(first.headers.get('etag')).toBe(`"${rev1.hash}.${format}"`)
      expect(first.bytes.length).toBeGreaterThan(500)

      const second = await download(server, path)
      expect(second.status).toBe(200)
      expect(second.bytes.equals(first.bytes), `${format} differs between two downloads`).toBe(true)
    }

    const pdf = await download(server, `/api/notices/${id}/revisions/${rev1.rev}/export.pdf`)
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdfText(pdf.bytes)).toContain('INF/MSME/N/27/Rev.1')
    const html = await download(server, `/api/notices/${id}/revisions/${rev1.rev}/export.html`)
    expect(html.bytes.toString()).not.toContain('PROJET')
  })

  it('keeps serving the frozen bytes after the live notice changed', async () => {
    const { server, id, rev1 } = await frozenSample()
    const path = `/api/notices/${id}/revisions/${rev1.rev}/export.txt`
    const before = await download(server, path)
    await api(server, 'PATCH', `/api/notices/${id}`, 200, { title: 'Un autre titre' })
    const after = await download(server, path)
    expect(after.bytes.equals(before.bytes)).toBe(true)
    expect(after.bytes.toString()).not.toContain('Un autre titre')
  })

  it('answers 304 to a request that already holds this export', async () => {
    const { server, id, rev1 } = await frozenSample()
    const path = `/api/notices/${id}/revisions/${rev1.rev}/export.pdf`
    const cached = await download(server, path, { 'If-None-Match': `"${rev1.hash}.pdf"` })
    expect(cached.status).toBe(304)
    expect(cached.bytes.length).toBe(0)
  })

  it('refuses with 409 and a reason to export a revision that is not frozen', async () => {
    const { server, id, rev2 } = await frozenSample()
    expect(rev2.frozen).toBe(false)
    const refused = await http(server.url, 'GET', `/api/notices/${id}/revisions/${rev2.rev}/export.pdf`)
    expect(refused.status).toBe(409)
    expect((refused.body as { error: { message: string } }).error.message).toMatch(
      new RegExp(`^Revision ${rev2.rev} of notice "${id}" is not frozen`),
    )
  })

  it('answers 404 for an unknown revision, format or notice', async () => {
    const { server, id } = await frozenSample()
    const unknown = await http(server.url, 'GET', `/api/notices/${id}/revisions/99/export.pdf`)
    expect(unknown.status).toBe(404)
    expect((unknown.body as { error: { message: string } }).error.message).toContain('99')
    for (const rev of ['0', 'abc']) {
      expect((await http(server.url, 'GET', `/api/notices/${id}/revisions/${rev}/export.pdf`)).status).toBe(
        404,
      )
    }
    const format = await http(server.url, 'GET', `/api/notices/${id}/revisions/1/export.odt`)
    expect(format.status).toBe(404)
    expect((format.body as { error: { message: string } }).error.message).toBe(
      'There is no export format "odt": use one of docx, pdf, html, md, txt',
    )
    expect((await http(server.url, 'GET', '/api/notices/no-such-notice/revisions/1/export.pdf')).status).toBe(
      404,
    )
  })

  it('lets a viewer download a frozen revision but not preview the draft, and hides both from outsiders', async () => {
    const { server, id, rev1 } = await frozenSample()
    const password = 'viewer-password-123'
    for (const username of ['vera', 'olga']) {
      await api(server, 'POST', '/api/users', 201, { username, password, displayName: username })
    }
    await api(server, 'PUT', `/api/notices/${id}/members/vera`, 200, { role: 'viewer' })
    const as = async (username: string, path: string) => {
      const { cookie } = await signIn(server.url, username, password)
      return (await http(server.url, 'GET', path, undefined, { cookie })).status
    }
    const frozen = `/api/notices/${id}/revisions/${rev1.rev}/export.pdf`
    const draft = `/api/notices/${id}/export/draft.pdf`
    expect(await as('vera', frozen)).toBe(200)
    expect(await as('vera', draft)).toBe(403)
    expect(await as('olga', frozen)).toBe(404)
    expect(await as('olga', draft)).toBe(404)
    expect((await http(server.url, 'GET', frozen, undefined, {})).status).toBe(401)
  })

  it('previews the live notice as a draft, watermarked, in PDF and HTML', async () => {
    const { server, id } = await frozenSample()
    await api(server, 'PATCH', `/api/notices/${id}`, 200, { title: 'Titre en cours de rédaction' })

    const html = await download(server, `/api/notices/${id}/export/draft.html`)
    expect(html.status).toBe(200)
    expect(html.headers.get('content-type')).toBe(CONTENT_TYPES.html)
    expect(html.headers.get('content-disposition')).toBe('inline; filename="INF-MSME-N-27-draft-fr.html"')
    expect(html.headers.get('cache-control')).toBe('no-store')
    // The notice's own text, served from the app's origin: no script may run in it.
    expect(html.headers.get('content-security-policy')).toMatch(/^default-src 'none'/)
    expect(html.headers.get('x-content-type-options')).toBe('nosniff')
    const page = html.bytes.toString()
    expect(page).toContain('PROJET')
    expect(page).toContain('<h1>Titre en cours de rédaction</h1>')

    const pdf = await download(server, `/api/notices/${id}/export/draft.pdf`)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe(CONTENT_TYPES.pdf)
    // pdftotext does not read text set at 50 degrees, so the watermark's drawing is looked for
    expect(pdfStreams(pdf.bytes)).toMatch(WATERMARK_DRAWING)
    const frozen = await download(server, `/api/notices/${id}/revisions/1/export.pdf`)
    expect(pdfStreams(frozen.bytes)).not.toMatch(WATERMARK_DRAWING)

    const text = await download(server, `/api/notices/${id}/export/draft.txt`)
    expect(text.bytes.toString()).toContain('*** PROJET: Projet (aperçu): ne pas distribuer ***')
  })
})
