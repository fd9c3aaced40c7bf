/**
 * The notices HTTP API, mounted at `/api/notices`: list, create, read, patch metadata, delete.
 * Every route checks the caller's role (permissions.ts): the list shows only the notices the user
 * has a role on (administrators: all), creating makes the creator the owner, and reads answer the
 * caller's `role`. Bodies are validated here; failures are thrown for the app's one error handler.
 */
import { MetaError, NOTICE_LANGUAGES } from '@convene/schema'
import { Hono } from 'hono'
import { z } from 'zod'
import type { MembershipService } from '../accounts/membership-service'
import type { NoticeService } from '../notices/notice-service'
import { ApiError } from './api-error'
import { requireAuth, requireNoticeRole } from './auth-context'
import { parseBody, readJsonBody } from './request-body'

/** The body of `POST /api/notices`; `meta` is validated as a metadata patch by the service. */
export const createNoticeBodySchema = z
  .strictObject({
    from: z.enum(['sample', 'blank']).optional(),
    language: z.enum(NOTICE_LANGUAGES).optional(),
    meta: z.record(z.string(), z.unknown()).optional(),
  })
  .optional()

/** The notices routes, served by `notices`, with roles from `memberships`. */
export function noticeRoutes(notices: NoticeService, memberships: MembershipService): Hono {
  const routes = new Hono()

  routes.get('/', async (c) => {
    const { user } = requireAuth(c).session
    const list = await notices.list()
    if (user.isAdmin) return c.json(list.map((item) => ({ ...item, role: 'owner' as const })))
    const roles = await memberships.rolesOf(user.id)
    return c.json(
      list.flatMap((item) => {
        const role = roles.get(item.id)
        return role ? [{ ...item, role }] : []
      }),
    )
  })

  routes.post('/', async (c) => {
    const { user } = requireAuth(c).session
    const body = parseBody(createNoticeBodySchema, await readJsonBody(c)) ?? {}
    const notice = await notices.create(body).catch((error: unknown) => {
      // The metadata is the body's `meta`, so its fields are named under it.
      if (error instanceof MetaError && error.field !== '') {
        throw new ApiError(400, error.message, { cause: error, field: `meta.${error.field}` })
      }
      throw error
    })
    try {
      await memberships.makeOwner(notice.id, user.id)
    } catch (error) {
      // A notice nobody owns would be invisible to its creator: undo it.
      await notices.delete(notice.id).catch(() => undefined)
      throw error
    }
    return c.json({ ...notice, role: 'owner' as const }, 201)
  })

  routes.get('/:id', async (c) => {
    const id = c.req.param('id')
    const { role } = await requireNoticeRole(c, memberships, id, 'read')
    return c.json({ ...(await notices.get(id)), role })
  })

  routes.patch('/:id', async (c) => {
    const id = c.req.param('id')
    const { role } = await requireNoticeRole(c, memberships, id, 'edit')
    return c.json({ ...(await notices.patchMeta(id, await readJsonBody(c))), role })
  })

  routes.delete('/:id', async (c) => {
    const id = c.req.param('id')
    await requireNoticeRole(c, memberships, id, 'delete')
    await notices.delete(id)
    return c.body(null, 204)
  })

  return routes
}
