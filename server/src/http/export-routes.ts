/**
 * The export HTTP API, mounted at `/api/notices`: a frozen revision as a file to circulate
 * (`GET /:id/revisions/:rev/export.{docx,pdf,html,md,txt}`, the same bytes every time), and a
 * watermarked preview of the live notice for its editors (`GET /:id/export/draft.{...}`).
 * Formats, file names and rendering are @convene/export's (`EXPORT_FORMATS`, `renderExport`);
 * this file only finds the input and maps the result to HTTP.
 */
import {
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportSource,
  exportFileName,
  isExportFormat,
  renderExport,
} from '@convene/export'
import { type Context, Hono } from 'hono'
import { type LiveNotice, type RenderedDraft, renderDraft } from '../notices/draft-export'
import { UnknownRevisionError } from '../storage/revision-storage'
import { ApiError } from './api-error'

/** What the export routes need from the rest of the server. */
export type ExportRoutesDeps = {
  revisions: {
    /**
     * Revision `rev` of notice `noticeId` as export input. Throws `UnknownRevisionError` for a
     * revision the notice does not have, `NoticeNotFoundError` for an unknown notice.
     */
    readRevision(noticeId: string, rev: number): Promise<ExportSource>
  }
  notices: {
    /** The live notice (throws `NoticeNotFoundError` for an unknown one). */
    get(noticeId: string): Promise<LiveNotice>
  }
  /**
   * Lets the request through or throws an `ApiError` (401/403/404): `read` for a frozen revision's
   * export (anyone with a role on the notice), `edit` for a draft preview. Required, so that no
   * export route is ever mounted open.
   */
  authorize: (c: Context, noticeId: string, need: 'read' | 'edit') => Promise<unknown>
  /** The clock of draft previews (their creation date). */
  now?: () => Date
  /** Renders an export (default: `renderExport` in this thread; the server gives its worker pool). */
  render?: (input: ExportSource, format: ExportFormat) => Promise<Uint8Array>
  /**
   * Reads and renders notice `noticeId`'s draft in one go (the server's worker pool, so that
   * neither the reading nor the rendering runs on the event loop); absent: `notices.get`, then `render`.
   */
  draft?: (noticeId: string, format: ExportFormat, createdAt: string) => Promise<RenderedDraft>
}

/** A revision number from the URL: a positive integer, else the revision cannot exist (404). */
function parseRev(noticeId: string, text: string): number {
  const rev = /^[1-9][0-9]{0,9}$/.test(text) ? Number(text) : Number.NaN
  if (!Number.isSafeInteger(rev)) {
    throw new ApiError(
      404,
      `Notice "${noticeId}" has no revision "${text}": revisions are numbered 1, 2, 3 …`,
    )
  }
  return rev
}

function parseFormat(text: string): ExportFormat {
  if (!isExportFormat(text)) {
    const known = Object.keys(EXPORT_FORMATS).join(', ')
    throw new ApiError(404, `There is no export format "${text}": use one of ${known}`)
  }
  return text
}

/**
 * Headers every export carries: an exported page is the notice's own text served from the app's
 * origin, so it may not run scripts or load anything (its styles are inline), whatever it holds.
 */
const SAFE_FILE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
} as const

function contentDisposition(disposition: 'attachment' | 'inline', fileName: string): string {
  // The file name is made of safe ASCII by exportFileName, so the plain form is enough.
  return `${disposition}; filename="${fileName}"`
}

/** The export routes, served from `deps`. */
export function exportRoutes(deps: ExportRoutesDeps): Hono {
  const { authorize } = deps
  const routes = new Hono()
  const now = deps.now ?? (() => new Date())
  const render = deps.render ?? renderExport

  routes.get(`/:id/revisions/:rev/:file{export\\.[A-Za-z0-9]+}`, async (c) => {
    const noticeId = c.req.param('id')
    const rev = parseRev(noticeId, c.req.param('rev'))
    const format = parseFormat(c.req.param('file').slice('export.'.length))
    await authorize(c, noticeId, 'read')
    let input: ExportSource
    try {
      input = await deps.revisions.readRevision(noticeId, rev)
    } catch (error) {
      if (error instanceof UnknownRevisionError) throw new ApiError(404, error.message, { cause: error })
      throw error
    }
    if (!input.revision.frozen) {
      throw new ApiError(
        409,
        `Revision ${rev} of notice "${noticeId}" is not frozen: only a frozen revision, which never changes, ` +
          'is exported for circulation. Freeze it first, or preview the live notice as a draft.',
      )
    }
    const etag = `"${input.revision.hash}.${format}"`
    const headers = {
      ...SAFE_FILE_HEADERS,
      'Content-Type': EXPORT_FORMATS[format].contentType,
      'Content-Disposition': contentDisposition(
        'attachment',
        exportFileName(input.meta, input.revision.label, format),
      ),
      'X-Revision-Hash': input.revision.hash,
      ETag: etag,
      // A frozen revision never changes, but who may read it can: the browser keeps it, shared caches don't.
      'Cache-Control': 'private, max-age=31536000, immutable',
    }
    if (c.req.header('If-None-Match') === etag) return c.body(null, 304, headers)
    const body = await render({ ...input, draft: false }, format)
    return c.body(body as Uint8Array<ArrayBuffer>, 200, headers)
  })

  routes.get(`/:id/export/:file{draft\\.[A-Za-z0-9]+}`, async (c) => {
    const noticeId = c.req.param('id')
    const format = parseFormat(c.req.param('file').slice('draft.'.length))
    await authorize(c, noticeId, 'edit')
    const createdAt = now().toISOString()
    const { body, meta } = deps.draft
      ? await deps.draft(noticeId, format, createdAt)
      : await renderDraft(await deps.notices.get(noticeId), format, createdAt, render)
    return c.body(body as Uint8Array<ArrayBuffer>, 200, {
      ...SAFE_FILE_HEADERS,
      'Content-Type': EXPORT_FORMATS[format].contentType,
      // Shown in the browser (a preview), saved under a name that says it is a draft.
      'Content-Disposition': contentDisposition('inline', exportFileName(meta, 'draft', format)),
      'Cache-Control': 'no-store',
    })
  })

  return routes
}
