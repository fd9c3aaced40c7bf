/**
 * Who may open a websocket, decided on the upgrade request before it is upgraded: the `Origin`
 * must be allowed (else HTTP 403), and the request must carry a live session, as the session
 * cookie (browsers, whose requests always carry an Origin) or as a short-lived `token` URL
 * parameter (other clients) (else HTTP 401). The connection then acts under the user's role on
 * the notice; a user without one is upgraded and closed at once with 4404, like for a notice that
 * does not exist.
 */
import type { IncomingMessage } from 'node:http'
import { parse as parseCookies } from 'hono/utils/cookie'
import type { UpgradeVerdict } from '../node-adapter'
import { CLOSE_CODES } from '../sync/protocol'
import { parseRoomPath } from '../sync/room-path'
import type { AccountService, ActiveSession } from './account-service'
import type { ConnectionMonitor } from './connection-monitor'
import { connectionPolicy } from './connection-policy'
import type { MembershipService } from './membership-service'
import type { OriginPolicy } from './origin-policy'
import { SESSION_COOKIE } from './session-cookie'

/** What {@link upgradeAuthorizer} needs. */
export type UpgradeAccessOptions = {
  accounts: AccountService
  memberships: MembershipService
  origins: OriginPolicy
  monitor: ConnectionMonitor
}

const header = (request: IncomingMessage, name: string): string | undefined => {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** The function that decides on each websocket upgrade request (see the module header). */
export function upgradeAuthorizer(
  options: UpgradeAccessOptions,
): (request: IncomingMessage) => Promise<UpgradeVerdict> {
  const { accounts, memberships, origins, monitor } = options
  return async (request) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const origin = header(request, 'origin')
    if (origin !== undefined && !origins.allows(origin, header(request, 'host'))) {
      return { ok: false, status: 403, message: `The origin ${origin} may not open a websocket here` }
    }
    const token = url.searchParams.get('token')
    const cookie = parseCookies(header(request, 'cookie') ?? '', SESSION_COOKIE)[SESSION_COOKIE]
    let session: ActiveSession | null
    if (token !== null) {
      session = await accounts.sessionFromAccessToken(token)
      if (!session) return { ok: false, status: 401, message: 'The token is invalid or has expired' }
    } else if (cookie !== undefined) {
      if (origin === undefined) {
        return {
          ok: false,
          status: 403,
          message: 'A websocket request without an Origin header must authenticate with a token',
        }
      }
      session = await accounts.sessionFromCookie(cookie)
      if (!session) return { ok: false, status: 401, message: 'The session has ended: sign in again' }
    } else {
      return { ok: false, status: 401, message: 'Sign in first (session cookie or token parameter)' }
    }
    const address = parseRoomPath(url.pathname)
    if (!address) {
      return {
        ok: true,
        grant: {
          kind: 'refuse',
          code: CLOSE_CODES.UNKNOWN_NOTICE,
          reason: `There is no room at ${url.pathname}`,
        },
      }
    }
    const role = await memberships.roleOf(session.user, address.noticeId)
    if (role === null) {
      return {
        ok: true,
        grant: {
          kind: 'refuse',
          code: CLOSE_CODES.UNKNOWN_NOTICE,
          reason: `There is no notice "${address.noticeId}"`,
        },
      }
    }
    const watched = { sessionId: session.id, userId: session.user.id, noticeId: address.noticeId, role }
    return {
      ok: true,
      grant: {
        kind: 'admit',
        policy: connectionPolicy(session.user, role, address.kind),
        attach: (close) => monitor.track(watched, close),
      },
    }
  }
}
