/**
 * `POST /api/notices/import`: an existing notice file (DOCX, HTML, PDF or plain text, as the body,
 * its media type in `Content-Type`) read into a structured notice. With `?preview=1` it answers the
 * notice and the report without storing anything; without, it creates the notice (the caller its
 * owner). The file is parsed off the event loop (the worker pool); its size has its own limit,
 * MAX_IMPORT_BYTES, not the JSON body limit.
 */
import { ImportError, type ImportedNotice, type ImportFileOptions } from '@convene/import'
import {
  type ImportCreatedResponse,
  type ImportPreviewResponse,
  importNoticeQuerySchema,
} from '@convene/protocol'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { MembershipService } from '../accounts/membership-service'
import type { NoticeService } from '../notices/notice-service'
import { ApiError } from './api-error'
import { requireAuth } from './auth-context'
import { ownNewNotice } from './notice-routes'
import { parseBody } from './request-body'

/** Reads and recognises a notice file (the worker pool in the server; in this thread in tests). */
export type ImportNotice = (
  bytes: Uint8Array,
  contentType: string,
  options: ImportFileOptions,
) => Promise<ImportedNotice>

/** What the import route needs. */
export type ImportRoutesDeps = {
  notices: NoticeService
  memberships: MembershipService
  importNotice: ImportNotice
  /** The largest file accepted, in bytes (413 beyond). */
  maxImportBytes: number
}

/** The import route, mounted at `/api/notices/import`. */
export function importRoutes(deps: ImportRoutesDeps): Hono {
  const routes = new Hono()
  routes.post(
    '/',
    bodyLimit({
      maxSize: deps.maxImportBytes,
      onError: () => {
        throw new ApiError(
          413,
          `The file exceeds the import limit of ${deps.maxImportBytes} bytes (MAX_IMPORT_BYTES)`,
        )
      },
    }),
    async (c) => {
      const { user } = requireAuth(c).session
      const query = parseBody(importNoticeQuerySchema, c.req.query())
      const contentType = c.req.header('content-type') ?? ''
      if (contentType === '')
        throw new ApiError(
          415,
          'Send the file as the body with its Content-Type (DOCX, HTML, PDF or text/plain)',
        )
      const bytes = new Uint8Array(await c.req.arrayBuffer())
      const options: ImportFileOptions = {
        maxBytes: deps.maxImportBytes,
        ...(query.language ? { language: query.language } : {}),
        ...(query.organisation ? { organisation: query.organisation } : {}),
      }
      const imported = await deps.importNotice(bytes, contentType, options).catch((error: unknown) => {
        if (error instanceof ImportError) throw new ApiError(error.status, error.message, { cause: error })
        throw error
      })
      if (query.preview === '1' || query.preview === 'true') {
        return c.json(imported satisfies ImportPreviewResponse)
      }
      const notice = await deps.notices.createFrom({ meta: imported.meta, content: imported.content })
      await ownNewNotice(deps.notices, deps.memberships, notice.id, user.id)
      return c.json(
        {
          id: notice.id,
          meta: imported.meta,
          content: imported.content,
          report: imported.report,
          role: 'owner',
        } satisfies ImportCreatedResponse,
        201,
      )
    },
  )
  return routes
}
