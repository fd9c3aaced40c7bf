/**
 * Finding people by name to share a notice with, mounted at `/api/users/search` (editors only): the
 * enabled accounts whose username or display name hold every word typed, accents and case ignored,
 * with nothing but those two names.
 */
import { userSearchQuerySchema } from '@convene/protocol'
import { matchesSearch } from '@convene/schema'
import { Hono } from 'hono'
import type { AccountService } from '../accounts/account-service'
import type { MembershipService } from '../accounts/membership-service'
import { requireEditor } from './notice-access'
import { parseBody } from './request-body'

/** The most people one search answers. */
export const MAX_USERS_FOUND = 20

/** The user search route, over `accounts`, for the editors `memberships` knows. */
export function userSearchRoutes(accounts: AccountService, memberships: MembershipService): Hono {
  const routes = new Hono()
  routes.get('/', async (c) => {
    await requireEditor(c, memberships, 'look people up')
    const { q = '' } = parseBody(userSearchQuerySchema, c.req.query())
    const users = (await accounts.listUsers())
      .filter((user) => !user.disabled && matchesSearch(q, [user.username, user.displayName]))
      .sort((a, b) => a.displayName.localeCompare(b.displayName))
      .slice(0, MAX_USERS_FOUND)
      .map((user) => ({ username: user.username, displayName: user.displayName }))
    return c.json({ users })
  })
  return routes
}
