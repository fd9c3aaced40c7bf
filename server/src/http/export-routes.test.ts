import type { ExportInput } from '@convene/export'
import { sampleNotice } from '@convene/schema'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { UnknownRevisionError } from '../storage/revision-storage'
import { NoticeNotFoundError } from '../sync/notice-errors'
import { ApiError, errorBody, toApiError } from './api-error'
import { type ExportRoutesDeps, exportRoutes } from './export-routes'

const HASH = 'a'.repeat(64)

/** Notice n1 has revision 1 frozen as Rev.1 and revision 2 only named. */
function revisionOf(noticeId: string, rev: number): ExportInput {
  if (noticeId !== 'n1') throw new NoticeNotFoundError(noticeId)
  if (rev === 1) {
    return {
      ...sampleNotice,
      revision: { label: 'Rev.1', hash: HASH, createdAt: '2024-03-08T09:00:00.000Z', frozen: true },
    }
  }
  if (rev === 2) {
    return {
      ...sampleNotice,
      revision: {
        label: 'Before the chair’s edits',
        hash: 'b'.repeat(64),
        createdAt: '2024-03-09T09:00:00.000Z',
        frozen: false,
      },
    }
  }
  throw new UnknownRevisionError(noticeId, rev)
}

function setup(overrides: Partial<ExportRoutesDeps> = {}): { app: Hono; calls: string[] } {
  const calls: string[] = []
  const app = new Hono()
  app.onError((error, c) => {
    const apiError = toApiError(error)
    return c.json(errorBody(apiError), apiError.status)
  })
  app.route(
    '/api/notices',
    exportRoutes({
      revisions: { readRevision: async (noticeId, rev) => revisionOf(noticeId, rev) },
      notices: {
        get: async (noticeId) => {
          if (noticeId !== 'n1') throw new NoticeNotFoundError(noticeId)
          return sampleNotice
        },
      },
      authorize: async (_c, noticeId, need) => {
        calls.push(`${need} ${noticeId}`)
      },
      now: () => new Date('2024-03-10T10:00:00.000Z'),
      ...overrides,
    }),
  )
  return { app, calls }
}

async function errorMessage(response: Response): Promise<string> {
  return ((await response.json()) as { error: { message: string } }).error.message
}

describe('the export routes', () => {
  it('serves a frozen revision as a DOCX attachment named after its symbol, revision and language', async () => {
    const { app, calls } = setup()
    const response = await app.request('/api/notices/n1/revisions/1/export.docx')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    )
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="INF-MSME-N-27-Rev.1-fr.docx"',
    )
    expect(response.headers.get('x-revision-hash')).toBe(HASH)
    expect(response.headers.get('etag')).toBe(`"${HASH}.docx"`)
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]) // a zip
    expect(calls).toEqual(['read n1'])
  })

  it('gives the same bytes for every request of the same revision and format', async () => {
    const { app } = setup()
    for (const format of ['pdf', 'docx', 'html', 'md', 'txt']) {
      const first = await app.request(`/api/notices/n1/revisions/1/export.${format}`)
      const second = await app.request(`/api/notices/n1/revisions/1/export.${format}`)
      expect(first.status).toBe(200)
      expect(Buffer.from(await second.arrayBuffer())).toEqual(Buffer.from(await first.arrayBuffer()))
    }
  }, 30_000)

  it('answers 304 to a request that already holds this export', async () => {
    const { app } = setup()
    const response = await app.request('/api/notices/n1/revisions/1/export.pdf', {
      headers: { 'If-None-Match': `"${HASH}.pdf"` },
    })
    expect(response.status).toBe(304)
    expect(await response.text()).toBe('')
  })

  it('refuses with 409 to export a revision that is not frozen, saying why', async () => {
    const { app } = setup()
    const response = await app.request('/api/notices/n1/revisions/2/export.pdf')
    expect(response.status).toBe(409)
    expect(await errorMessage(response)).toMatch(/^Revision 2 of notice "n1" is not frozen/)
  })

  it('answers 404 for an unknown revision, a malformed revision number, a format or a notice', async () => {
    const { app } = setup()
    const unknown = await app.request('/api/notices/n1/revisions/9/export.pdf')
    expect(unknown.status).toBe(404)
    expect(await errorMessage(unknown)).toBe('Notice "n1" has no revision 9')
    expect((await app.request('/api/notices/n1/revisions/0/export.pdf')).status).toBe(404)
    expect((await app.request('/api/notices/n1/revisions/abc/export.pdf')).status).toBe(404)
    const format = await app.request('/api/notices/n1/revisions/1/export.odt')
    expect(format.status).toBe(404)
    expect(await errorMessage(format)).toBe(
      'There is no export format "odt": use one of docx, pdf, html, md, txt',
    )
    expect((await app.request('/api/notices/n2/revisions/1/export.pdf')).status).toBe(404)
  })

  it('previews the live notice for editors, watermarked in its language and never cached', async () => {
    const { app, calls } = setup()
    const response = await app.request('/api/notices/n1/export/draft.html')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe('inline; filename="INF-MSME-N-27-draft-fr.html"')
    expect(response.headers.get('cache-control')).toBe('no-store')
    // the notice's own text, served from the app's origin: no script may run in it
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'/)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await response.text()).toContain('PROJET')
    expect(calls).toEqual(['edit n1'])
    const pdf = await app.request('/api/notices/n1/export/draft.pdf')
    expect(pdf.status).toBe(200)
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-')
  })

  it('lets the permission check refuse an export', async () => {
    const { app } = setup({
      authorize: async (_c, _noticeId, need) => {
        if (need === 'edit') throw new ApiError(403, 'Only editors preview drafts')
      },
    })
    expect((await app.request('/api/notices/n1/revisions/1/export.txt')).status).toBe(200)
    const draft = await app.request('/api/notices/n1/export/draft.pdf')
    expect(draft.status).toBe(403)
  })
})
