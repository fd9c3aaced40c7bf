/**
 * The notices HTTP API, mounted at `/api/notices`: list, create, read, patch metadata, delete.
 * Every route checks the caller's role (permissions.ts): the list shows only the notices the user
 * has a role on (administrators: all), creating makes the creator the owner, and reads answer the
 * caller's `role`. Bodies are @convene/protocol's (notices.ts), validated here; failures are thrown
 * for the app's one error handler.
 */
import {
  archiveNoticeRequestSchema,
  createNoticeRequestSchema,
  type DuplicateNoticeRequest,
  duplicateNoticeRequestSchema,
  type NoticeDetail,
  type NoticeListItem,
  type NoticeListQuery,
  type NoticeOrigin,
  type NoticeRecord,
  type NoticeSummary,
  noticeListQuerySchema,
} from '@convene/protocol'
import { MetaError } from '@convene/schema'
import { Hono } from 'hono'
import type { MembershipService } from '../accounts/membership-service'
import type { Role } from '../accounts/permissions'
import type { DuplicatedNotice } from '../notices/notice-duplication'
import type { LibraryItem } from '../notices/notice-library'
import type { NoticeService } from '../notices/notice-service'
import { ApiError } from './api-error'
import { requireAuth, requireNoticeRole } from './auth-context'
import { userAccess } from './notice-access'
import { parseBody, readJsonBody } from './request-body'

/** What the notices routes serve beside the notices themselves: the library's part. */
export type NoticeRoutesLibrary = {
  /** Makes the next meeting's notice from notice `id` (see notice-duplication.ts). */
  duplicate(id: string, request: DuplicateNoticeRequest): Promise<DuplicatedNotice>
  /** Where notice `id` was made from, or null. */
  originOf(id: string): Promise<NoticeOrigin | null>
  /** The library list: the notices `visible` gives a role on that match `query`. */
  list(query: NoticeListQuery, visible: (id: string) => Role | null): Promise<LibraryItem[]>
  /** Archives notice `id` (false: brings it back); resolves the time archived, or null. */
  archive(id: string, archived: boolean): Promise<number | null>
}

/**
 * Makes `userId` the owner of the notice just made, or deletes it again: a notice nobody owns would
 * be invisible to its creator.
 */
export async function ownNewNotice(
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
 * The notices routes, served by `notices`, with roles from `memberships`; the library (searched
 * list, archiving, duplication, origins) when `library` is given, the bare list otherwise.
 */
export function noticeRoutes(
  notices: NoticeService,
  memberships: MembershipService,
  library?: NoticeRoutesLibrary,
): Hono {
  const routes = new Hono()

  routes.get('/', async (c) => {
    const { user } = requireAuth(c).session
    if (library) {
      const access = await userAccess(c, memberships)
      const query = parseBody(noticeListQuerySchema, c.req.query())
      const items = await library.list(query, access.roleOf)
      return c.json(
        items.flatMap((item) => {
          const role = access.roleOf(item.id)
          return role ? [{ ...item, role }] : []
        }) satisfies NoticeListItem[],
      )
    }
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

    routes.post('/:id/archive', async (c) => {
      const id = c.req.param('id')
      await requireNoticeRole(c, memberships, id, 'archive')
      const { archived } = parseBody(archiveNoticeRequestSchema, await readJsonBody(c))
      const archivedAt = await library.archive(id, archived)
      return c.json({
        id,
        archived,
        archivedAt: archivedAt === null ? null : new Date(archivedAt).toISOString(),
      })
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
