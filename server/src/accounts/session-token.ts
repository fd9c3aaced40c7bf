/**
 * Session tokens: the random secret a browser holds in its session cookie. The database stores only
 * a SHA-256 hash of it, so a leaked database does not hand out live sessions.
 */
import { createHash, randomBytes } from 'node:crypto'

/** A new random session token (32 bytes, base64url). */
export function createSessionToken(): string {
  return randomBytes(32).toString('base64url')
}

/** The hash under which a session token is stored and looked up (SHA-256, hex). */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}
