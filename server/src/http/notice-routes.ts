/**
 * The notices HTTP API, mounted at `/api/notices`: list, create, read, patch metadata, delete.
 * Every route checks the caller's role (permissions.ts): the list shows only the notices the user
 * has a role on (administrators: all), creating makes the creator the owner, and reads answer the
 * caller's `role`. Bodies are @convene/protocol's (notices.ts), validated here; failures are thrown
 * for the app's one error handler.
 */
import {
  createNoticeRequestSchema,
  type DuplicateNoticeRequest,
  duplicateNoticeRequestSchema,
  type NoticeDetail,
  type NoticeOrigin,
  type NoticeRecord,
  type NoticeSummary,
} from '@convene/protocol'
import { MetaError } from '@convene/schema'
import { Hono } from 'hono'
import type { MembershipService } from '../accounts/membership-service'
import type { DuplicatedNotice } from '../notices/notice-duplication'
import type { NoticeService } from '../notices/notice-service'
import { ApiError } from './api-error'
import { requireAuth, requireNoticeRole } from './auth-context'
import { parseBody, readJsonBody } from './request-body'

/** What the notices routes serve beside the notices themselves: the library's part. */
export type NoticeRoutesLibrary = {
  /** Makes the next meeting's notice from notice `id` (see notice-duplication.ts). */
  duplicate(id: string, request: DuplicateNoticeRequest): Promise<DuplicatedNotice>
  /** Where notice `id` was made from, or null. */
  originOf(id: string): Promise<NoticeOrigin | null>
}

/**
 * Makes `userId` the owner of the notice just made, or deletes it again: a notice nobody owns would
 * be invisible to its creator.
 */
async function ownNewNotice(
  notices: NoticeService,
  memberships: MembershipService,
  noticeId: string,
  userId: string,
): Promise<void> {
  try {
    await memberships.makeOwner(noticeId, userId)
  } catch (error) {
    await notices.delete(noticeId).catch(() => undefined)
    throw error
  }
}

/**
 * The notices routes, served by `notices`, with roles from `memberships`; duplication and origins
 * when `library` is given (otherwise `POST /:id/duplicate` is not served).
 */
export function noticeRoutes(
  notices: NoticeService,
  memberships: MembershipService,
  library?: NoticeRoutesLibrary,
): Hono {
  const routes = new Hono()

  routes.get('/', async (c) => {
    const { user } = requireAuth(c).session
    const list = await notices.list()
    if (user.isAdmin)
      return c.json(list.map((item) => ({ ...item, role: 'owner' })) satisfies NoticeSummary[])
    const roles = await memberships.rolesOf(user.id)
    return c.json(
      list.flatMap((item) => {
        const role = roles.get(item.id)
        return role ? [{ ...item, role }] : []
      }) satisfies NoticeSummary[],
    )
  })

  routes.post('/', async (c) => {
    const { user } = requireAuth(c).session
    const body = parseBody(createNoticeRequestSchema, await readJsonBody(c)) ?? {}
    const notice = await notices.create(body).catch((error: unknown) => {
      // The metadata is the body's `meta`, so its fields are named under it.
      if (error instanceof MetaError && error.field !== '') {
        throw new ApiError(400, error.message, { cause: error, field: `meta.${error.field}` })
      }
      throw error
    })
    await ownNewNotice(notices, memberships, notice.id, user.id)
    return c.json({ ...notice, role: 'owner' } satisfies NoticeRecord, 201)
  })

  if (library) {
    routes.post('/:id/duplicate', async (c) => {
      const id = c.req.param('id')
      const { auth } = await requireNoticeRole(c, memberships, id, 'duplicate')
      const request = parseBody(duplicateNoticeRequestSchema, (await readJsonBody(c)) ?? {})
      const notice = await library.duplicate(id, request)
      await ownNewNotice(notices, memberships, notice.id, auth.session.user.id)
      return c.json({ ...notice, role: 'owner' as const }, 201)
    })
  }

  routes.get('/:id', async (c) => {
    const id = c.req.param('id')
    const { role } = await requireNoticeRole(c, memberships, id, 'read')
    const notice = await notices.get(id)
    const duplicatedFrom = library ? await library.originOf(id) : null
    return c.json({ ...notice, role, duplicatedFrom } satisfies NoticeDetail)
  })

  routes.patch('/:id', async (c) => {
    const id = c.req.param('id')
    const { role } = await requireNoticeRole(c, memberships, id, 'edit')
    // The service validates the patch with @convene/protocol's patchNoticeRequestSchema (the
    // schema's noticeMetaPatchSchema), so that a live-editing peer and HTTP share one rule.
    return c.json({ ...(await notices.patchMeta(id, await readJsonBody(c))), role } satisfies NoticeRecord)
  })

  routes.delete('/:id', async (c) => {
    const id = c.req.param('id')
    await requireNoticeRole(c, memberships, id, 'delete')
    await notices.delete(id)
    return c.body(null, 204)
  })

  return routes
}
