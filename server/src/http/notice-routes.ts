/**
 * The notices HTTP API, mounted at `/api/notices`: list, create, read, patch metadata, delete.
 * Bodies are validated here; failures are thrown as errors for the app's one error handler.
 */
import { NOTICE_LANGUAGES } from '@convene/schema'
import { Hono } from 'hono'
import { z } from 'zod'
import type { NoticeService } from '../notices/notice-service'
import { parseBody, readJsonBody } from './request-body'

/** The body of `POST /api/notices`; `meta` is validated as a metadata patch by the service. */
export const createNoticeBodySchema = z
  .strictObject({
    from: z.enum(['sample', 'blank']).optional(),
    language: z.enum(NOTICE_LANGUAGES).optional(),
    meta: z.record(z.string(), z.unknown()).optional(),
  })
  .optional()

/** The notices routes, served by `notices`. */
export function noticeRoutes(notices: NoticeService): Hono {
  const routes = new Hono()

  routes.get('/', async (c) => c.json(await notices.list()))

  routes.post('/', async (c) => {
    const body = parseBody(createNoticeBodySchema, await readJsonBody(c)) ?? {}
    return c.json(await notices.create(body), 201)
  })

  routes.get('/:id', async (c) => c.json(await notices.get(c.req.param('id'))))

  routes.patch('/:id', async (c) => c.json(await notices.patchMeta(c.req.param('id'), await readJsonBody(c))))

  routes.delete('/:id', async (c) => {
    await notices.delete(c.req.param('id'))
    return c.body(null, 204)
  })

  return routes
}
