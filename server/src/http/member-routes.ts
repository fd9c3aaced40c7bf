/**
 * Sharing a notice, mounted at `/api/notices/:id/members`: anyone with a role on the notice sees
 * its members; owners (and administrators) grant, change and revoke roles. Bodies are
 * @convene/protocol's (members.ts).
 */
import { type Member, setMemberRoleRequestSchema } from '@convene/protocol'
import { Hono } from 'hono'
import type { MembershipService } from '../accounts/membership-service'
import { requireNoticeRole } from './auth-context'
import { parseBody, readJsonBody } from './request-body'

/** The members routes, served by `memberships`. */
export function memberRoutes(memberships: MembershipService): Hono {
  const routes = new Hono()
  const noticeId = (param: string | undefined): string => param ?? ''

  routes.get('/', async (c) => {
    const id = noticeId(c.req.param('id'))
    await requireNoticeRole(c, memberships, id, 'listMembers')
    return c.json((await memberships.listMembers(id)) satisfies Member[])
  })

  routes.put('/:username', async (c) => {
    const id = noticeId(c.req.param('id'))
    await requireNoticeRole(c, memberships, id, 'manageMembers')
    const { role } = parseBody(setMemberRoleRequestSchema, await readJsonBody(c))
    return c.json((await memberships.grant(id, c.req.param('username'), role)) satisfies Member)
  })

  routes.delete('/:username', async (c) => {
    const id = noticeId(c.req.param('id'))
    await requireNoticeRole(c, memberships, id, 'manageMembers')
    await memberships.revoke(id, c.req.param('username'))
    return c.body(null, 204)
  })

  return routes
}
