/**
 * Signing in and out, mounted at `/api/auth`: `POST /login` sets the session cookie and returns a
 * short-lived access token for non-browser websocket clients; `GET /me` says who is signed in and
 * hands out a fresh token; `POST /logout` ends the session. Bodies are @convene/protocol's (auth.ts).
 */

import { type AuthSession, loginRequestSchema } from '@convene/protocol'
import type { Context } from 'hono'
import { Hono } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { type AccountService, publicUser } from '../accounts/account-service'
import { SESSION_COOKIE, sessionCookieOptions } from '../accounts/session-cookie'
import { ApiError } from './api-error'
import { currentAuth, requireAuth } from './auth-context'
import { parseBody, readJsonBody } from './request-body'

/** Whether the request reached us over https (directly, or through a proxy that says so). */
export function isHttps(c: Context): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true
  return c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https'
}

/** The auth routes, served by `accounts`; `clientAddress` names the client for the sign-in rate limit. */
export function authRoutes(accounts: AccountService, clientAddress: (c: Context) => string): Hono {
  const routes = new Hono()

  routes.post('/login', async (c) => {
    const body = parseBody(loginRequestSchema, await readJsonBody(c))
    const { cookieToken, session, user } = await accounts.login(
      body.username,
      body.password,
      clientAddress(c),
    )
    setCookie(
      c,
      SESSION_COOKIE,
      cookieToken,
      sessionCookieOptions(isHttps(c), session.expiresAt, accounts.now()),
    )
    const token = accounts.issueAccessToken(session)
    return c.json({
      user: publicUser(user),
      token: token.token,
      tokenExpiresAt: new Date(token.expiresAt).toISOString(),
    } satisfies AuthSession)
  })

  routes.post('/logout', async (c) => {
    const auth = currentAuth(c)
    if (auth) await accounts.logout(auth.session.id)
    deleteCookie(c, SESSION_COOKIE, sessionCookieOptions(isHttps(c)))
    return c.body(null, 204)
  })

  routes.get('/me', async (c) => {
    const { session } = requireAuth(c)
    const user = await accounts.findUser(session.user.username)
    if (!user) throw new ApiError(401, 'Sign in to use this: the session is missing, expired or revoked')
    const token = accounts.issueAccessToken(session)
    return c.json({
      user: publicUser(user),
      token: token.token,
      tokenExpiresAt: new Date(token.expiresAt).toISOString(),
    } satisfies AuthSession)
  })

  return routes
}
