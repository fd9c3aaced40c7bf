/**
 * Who is making an HTTP request, and the checks every route makes with it: a middleware reads the
 * session (the session cookie, or `Authorization: Bearer <access token>` for other clients) once
 * per request; routes then require a signed-in user (401), an administrator (403), or a role on
 * the notice they touch (404 without any role, 403 without the right one, see permissions.ts).
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { AccountService, ActiveSession } from '../accounts/account-service'
import type { MembershipService } from '../accounts/membership-service'
import type { OriginPolicy } from '../accounts/origin-policy'
import { type NoticeOperation, type Role, roleAllows } from '../accounts/permissions'
import { type CredentialKind, presentedCredential, resolveSession } from '../accounts/resolve-session'
import { ApiError } from './api-error'

/** The identity of a request: its session, and how it was presented. */
export type RequestAuth = { session: ActiveSession; via: CredentialKind }

type AuthEnv = { Variables: { auth: RequestAuth | null } }

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Reads the request's session, if any, for the routes after it. A state-changing request that
 * carries the session cookie and an `Origin` the origin policy refuses is answered 403 here.
 */
export function authMiddleware(accounts: AccountService, origins: OriginPolicy): MiddlewareHandler {
  return async (c, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
    const credential = presentedCredential({ token: bearer, cookieHeader: c.req.header('cookie') })
    if (credential?.via === 'cookie') {
      const origin = c.req.header('origin')
      if (
        origin !== undefined &&
        !SAFE_METHODS.has(c.req.method) &&
        !origins.allows(origin, c.req.header('host'))
      ) {
        throw new ApiError(403, `Requests from ${origin} may not use this server's session`)
      }
    }
    const session = credential ? await resolveSession(accounts, credential) : null
    const auth: RequestAuth | null = credential && session ? { session, via: credential.via } : null
    ;(c as Context<AuthEnv>).set('auth', auth)
    await next()
  }
}

/** The request's identity, or null when it is not signed in. */
export function currentAuth(c: Context): RequestAuth | null {
  return (c as Context<AuthEnv>).get('auth') ?? null
}

/** The request's identity; throws 401 when it is not signed in. */
export function requireAuth(c: Context): RequestAuth {
  const auth = currentAuth(c)
  if (!auth) throw new ApiError(401, 'Sign in to use this: the session is missing, expired or revoked')
  return auth
}

/** The request's identity, which must be an administrator's (401 signed out, 403 otherwise). */
export function requireAdmin(c: Context): RequestAuth {
  const auth = requireAuth(c)
  if (!auth.session.user.isAdmin) throw new ApiError(403, 'Only administrators can manage accounts')
  return auth
}

const OPERATION_WORDS: Record<NoticeOperation, string> = {
  read: 'read this notice',
  edit: 'change this notice',
  duplicate: 'make a new notice from this notice',
  archive: 'archive this notice',
  delete: 'delete this notice',
  listMembers: 'see who has access to this notice',
  manageMembers: 'change who has access to this notice',
  comment: 'comment on this notice',
  moderateComments: "delete other people's comments",
}

/**
 * The role the signed-in user acts with on notice `noticeId`, if it allows `operation`. Throws 401
 * when signed out, 404 (as if the notice did not exist) without any role, 403 when the role does
 * not allow the operation.
 */
export async function requireNoticeRole(
  c: Context,
  memberships: MembershipService,
  noticeId: string,
  operation: NoticeOperation,
): Promise<{ auth: RequestAuth; role: Role }> {
  const auth = requireAuth(c)
  const role = await memberships.roleOf(auth.session.user, noticeId)
  if (role === null) throw new ApiError(404, `There is no notice with id "${noticeId}"`)
  if (!roleAllows(role, operation)) {
    throw new ApiError(403, `A ${role} cannot ${OPERATION_WORDS[operation]}`)
  }
  return { auth, role }
}
