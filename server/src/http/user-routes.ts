/**
 * The accounts API for administrators, mounted at `/api/users`: list, create, change (display
 * name, password, administrator, disabled), delete, and end every session of a user.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { type AccountService, publicUser } from '../accounts/account-service'
import { requireAdmin } from './auth-context'
import { parseBody, readJsonBody } from './request-body'

/** The body of `POST /api/users`; the username pattern and password length are checked by the service. */
export const createUserBodySchema = z.strictObject({
  username: z.string().max(200),
  password: z.string().max(4096),
  displayName: z.string().max(200).optional(),
  isAdmin: z.boolean().optional(),
})

/** The body of `PATCH /api/users/:username`. */
export const updateUserBodySchema = z.strictObject({
  displayName: z.string().max(200).optional(),
  password: z.string().max(4096).optional(),
  isAdmin: z.boolean().optional(),
  disabled: z.boolean().optional(),
})

/** The users routes, served by `accounts`. */
export function userRoutes(accounts: AccountService): Hono {
  const routes = new Hono()

  routes.get('/', async (c) => {
    requireAdmin(c)
    return c.json((await accounts.listUsers()).map(publicUser))
  })

  routes.post('/', async (c) => {
    requireAdmin(c)
    const body = parseBody(createUserBodySchema, await readJsonBody(c))
    return c.json(publicUser(await accounts.createUser(body)), 201)
  })

  routes.patch('/:username', async (c) => {
    const { session } = requireAdmin(c)
    const body = parseBody(updateUserBodySchema, await readJsonBody(c))
    return c.json(publicUser(await accounts.updateUser(c.req.param('username'), body, session.user.id)))
  })

  routes.delete('/:username', async (c) => {
    const { session } = requireAdmin(c)
    await accounts.deleteUser(c.req.param('username'), session.user.id)
    return c.body(null, 204)
  })

  routes.delete('/:username/sessions', async (c) => {
    requireAdmin(c)
    return c.json({ revoked: await accounts.revokeSessions(c.req.param('username')) })
  })

  return routes
}
