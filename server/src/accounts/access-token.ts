/**
 * Short-lived access tokens for clients that cannot send the session cookie (a websocket from Node,
 * a benchmark): an HMAC-SHA256 signature, with the server's secret, of a session id and an expiry.
 * A token is only as good as its session: the session is checked again whenever a token is used.
 *
 * ```
 * token = "v1." sessionId "." expiresAt (ms since the epoch, decimal) "." base64url(HMAC-SHA256(secret, "v1." sessionId "." expiresAt))
 * ```
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

const VERSION = 'v1'
const SESSION_ID = /^[A-Za-z0-9-]{1,64}$/

/** What a valid token says. */
export type AccessTokenClaims = { sessionId: string; expiresAt: number }

const sign = (secret: Uint8Array, payload: string): Buffer =>
  createHmac('sha256', secret).update(payload, 'utf8').digest()

/** Signs a token for session `sessionId` that expires at `expiresAt` (ms since the epoch). */
export function signAccessToken(secret: Uint8Array, sessionId: string, expiresAt: number): string {
  if (!SESSION_ID.test(sessionId)) throw new RangeError(`Cannot sign a token for session id "${sessionId}"`)
  const payload = `${VERSION}.${sessionId}.${expiresAt}`
  return `${payload}.${sign(secret, payload).toString('base64url')}`
}

/**
 * The claims of `token` if its signature is valid and it has not expired at `now`; null otherwise
 * (malformed, forged, or expired: the caller answers 401 alike).
 */
export function verifyAccessToken(secret: Uint8Array, token: string, now: number): AccessTokenClaims | null {
  const parts = token.split('.')
  if (parts.length !== 4) return null
  const [version, sessionId, expires, signature] = parts as [string, string, string, string]
  if (version !== VERSION || !SESSION_ID.test(sessionId) || !/^\d{1,16}$/.test(expires)) return null
  const expected = sign(secret, `${version}.${sessionId}.${expires}`)
  const actual = Buffer.from(signature, 'base64url')
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null
  const expiresAt = Number(expires)
  return expiresAt > now ? { sessionId, expiresAt } : null
}
