/**
 * The session cookie: `convene_session=<token>`, HttpOnly (no script reads it), SameSite=Lax (not
 * sent with cross-site subrequests or form posts), Path=/, Secure when the request came over
 * https, and living no longer than the session itself.
 */
import type { CookieOptions } from 'hono/utils/cookie'

/** The name of the session cookie. */
export const SESSION_COOKIE = 'convene_session'

/** The attributes of the session cookie, for a request over https or not, ending at `expiresAt`. */
export function sessionCookieOptions(secure: boolean, expiresAt?: number, now = Date.now()): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure,
    ...(expiresAt === undefined ? {} : { maxAge: Math.max(0, Math.floor((expiresAt - now) / 1000)) }),
  }
}
