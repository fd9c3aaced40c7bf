/**
 * Who may open a websocket, decided on the upgrade request before it is upgraded: the `Origin`
 * must be allowed (else HTTP 403), and the request must carry a live session, as the session
 * cookie (browsers, whose requests always carry an Origin) or as a short-lived `token` URL
 * parameter (other clients) (else HTTP 401). The connection then acts under the user's role on
 * the notice; a user without one is upgraded and closed at once with 4404, like for a notice that
 * does not exist.
 */
import type { IncomingMessage } from 'node:http'
import { parseRoomPath } from '@convene/protocol'
import type { UpgradeVerdict } from '../node-adapter'
import { CLOSE_CODES } from '../sync/protocol'
import type { AccountService } from './account-service'
import type { ConnectionMonitor } from './connection-monitor'
import { connectionPolicy } from './connection-policy'
import type { MembershipService } from './membership-service'
import type { OriginPolicy } from './origin-policy'
import { presentedCredential, resolveSession } from './resolve-session'

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
    const credential = presentedCredential({
      token: url.searchParams.get('token') ?? undefined,
      cookieHeader: header(request, 'cookie'),
    })
    if (!credential) {
      return { ok: false, status: 401, message: 'Sign in first (session cookie or token parameter)' }
    }
    if (credential.via === 'cookie' && origin === undefined) {
      return {
        ok: false,
        status: 403,
        message: 'A websocket request without an Origin header must authenticate with a token',
      }
    }
    const session = await resolveSession(accounts, credential)
    if (!session) {
      const message =
        credential.via === 'token'
          ? 'The token is invalid or has expired'
          : 'The session has ended: sign in again'
      return { ok: false, status: 401, message }
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
