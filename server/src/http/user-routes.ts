/**
 * The accounts API for administrators, mounted at `/api/users`: list, create, change (display
 * name, password, administrator, disabled), delete, and end every session of a user. Bodies are
 * @convene/protocol's (users.ts); the username pattern and lengths are checked by the account service.
 */
import {
  createUserRequestSchema,
  type PublicUser,
  type RevokedSessions,
  updateUserRequestSchema,
} from '@convene/protocol'
import { Hono } from 'hono'
import { type AccountService, publicUser } from '../accounts/account-service'
import { requireAdmin } from './auth-context'
import { parseBody, readJsonBody } from './request-body'

/** The users routes, served by `accounts`. */
export function userRoutes(accounts: AccountService): Hono {
  const routes = new Hono()

  routes.get('/', async (c) => {
    requireAdmin(c)
    return c.json((await accounts.listUsers()).map(publicUser) satisfies PublicUser[])
  })

  routes.post('/', async (c) => {
    requireAdmin(c)
    const body = parseBody(createUserRequestSchema, await readJsonBody(c))
    return c.json(publicUser(await accounts.createUser(body)) satisfies PublicUser, 201)
  })

  routes.patch('/:username', async (c) => {
    const { session } = requireAdmin(c)
    const body = parseBody(updateUserRequestSchema, await readJsonBody(c))
    return c.json(publicUser(await accounts.updateUser(c.req.param('username'), body, session.user.id)))
  })

  routes.delete('/:username', async (c) => {
    const { session } = requireAdmin(c)
    await accounts.deleteUser(c.req.param('username'), session.user.id)
    return c.body(null, 204)
  })

  routes.delete('/:username/sessions', async (c) => {
    requireAdmin(c)
    return c.json({
      revoked: await accounts.revokeSessions(c.req.param('username')),
    } satisfies RevokedSessions)
  })

  return routes
}
