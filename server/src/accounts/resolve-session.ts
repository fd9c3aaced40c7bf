/**
 * How a request's credentials become a session, the same for HTTP requests and websocket
 * upgrades: an access token (HTTP `Authorization: Bearer`, or the upgrade's `token` parameter)
 * is used when present, else the session cookie. Each caller applies its own origin rules to a
 * cookie between reading the credential and resolving it, so a refused request touches no session.
 */
import { parse as parseCookies } from 'hono/utils/cookie'
import type { AccountService, ActiveSession } from './account-service'
import { SESSION_COOKIE } from './session-cookie'

/** The credentials a request presents, as read from it by its transport. */
export type PresentedCredentials = {
  /** An access token, or undefined when none was presented. */
  token: string | undefined
  /** The request's `Cookie` header, if any (only the session cookie in it is read). */
  cookieHeader: string | undefined
}

/** The one credential a request is judged by, and which kind it is. */
export type Credential = { via: 'token'; token: string } | { via: 'cookie'; cookie: string }

/** Which kind of credential a session was resolved from. */
export type CredentialKind = Credential['via']

/** The credential of `credentials` that counts (the token over the cookie), or null for none. */
export function presentedCredential(credentials: PresentedCredentials): Credential | null {
  if (credentials.token !== undefined) return { via: 'token', token: credentials.token }
  const cookie = parseCookies(credentials.cookieHeader ?? '', SESSION_COOKIE)[SESSION_COOKIE]
  // An empty value is no cookie (what a cleared cookie reads as).
  return cookie ? { via: 'cookie', cookie } : null
}

/**
 * The live session `credential` belongs to, or null when it is invalid, expired or its session
 * ended; marks the session as used.
 */
export function resolveSession(
  accounts: AccountService,
  credential: Credential,
): Promise<ActiveSession | null> {
  return credential.via === 'token'
    ? accounts.sessionFromAccessToken(credential.token)
    : accounts.sessionFromCookie(credential.cookie)
}
