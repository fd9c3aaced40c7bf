/**
 * What a signed-in user may do across notices, for the routes that span many (the library, the
 * speakers' directory, the user search): the roles they hold, administrators acting as owners of
 * every notice, and whether they edit anything at all ("editors").
 */
import type { Context } from 'hono'
import type { MembershipService } from '../accounts/membership-service'
import { effectiveRole, type Role, roleAllows } from '../accounts/permissions'
import type { NoticeAccess } from '../speakers/speaker-directory'
import { ApiError } from './api-error'
import { requireAuth } from './auth-context'

/** A signed-in user's access to every notice. */
export type UserAccess = NoticeAccess & {
  /** The role the user acts with on notice `id`, or null. */
  roleOf(id: string): Role | null
  /** Whether the user is an administrator or may edit at least one notice. */
  editsSomething: boolean
}

/** The access of the request's user (401 when signed out). */
export async function userAccess(c: Context, memberships: MembershipService): Promise<UserAccess> {
  const { user } = requireAuth(c).session
  const roles = user.isAdmin ? new Map<string, Role>() : await memberships.rolesOf(user.id)
  const roleOf = (id: string): Role | null =>
    effectiveRole(user, user.isAdmin ? null : (roles.get(id) ?? null))
  return {
    roleOf,
    all: user.isAdmin,
    canRead: (id) => user.isAdmin || roleAllows(roleOf(id), 'read'),
    canEdit: (id) => user.isAdmin || roleAllows(roleOf(id), 'edit'),
    editsSomething: user.isAdmin || [...roles.values()].some((role) => roleAllows(role, 'edit')),
  }
}

/** The access of the request's user, who must edit something (401 signed out, 403 otherwise). */
export async function requireEditor(
  c: Context,
  memberships: MembershipService,
  what: string,
): Promise<UserAccess> {
  const access = await userAccess(c, memberships)
  if (!access.editsSomething) throw new ApiError(403, `Only editors can ${what}`)
  return access
}
