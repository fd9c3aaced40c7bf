/**
 * Who may do what to a notice: the per-notice roles and the one table mapping each operation to
 * the roles allowed to do it. Every HTTP route and the websocket rooms ask this module, so the
 * README's "## Permissions" table and the code cannot disagree about a role.
 */

// The roles, from most to least powerful, are part of the wire contract.
import type { Role } from '@convene/protocol'

export { isRole, ROLES, type Role } from '@convene/protocol'

/**
 * Each operation on a notice and the roles allowed to do it. Administrators act as owners of every
 * notice (see {@link effectiveRole}); account operations (users, sign-in) are not per notice and are
 * checked by the account routes.
 */
export const NOTICE_OPERATIONS = {
  /** See the notice: list it, read it over HTTP, join its rooms and receive every change. */
  read: ['owner', 'editor', 'reviewer', 'viewer'],
  /** Change its text or metadata (HTTP PATCH, updates in the content room). */
  edit: ['owner', 'editor'],
  /** Make a new notice from it or one of its revisions ("New notice from this one"), owned by whoever makes it. */
  duplicate: ['owner', 'editor', 'reviewer', 'viewer'],
  /** Archive it (hidden from the library's list until brought back) or bring it back. */
  archive: ['owner', 'editor'],
  /** Delete it. */
  delete: ['owner'],
  /** See who has which role on it. */
  listMembers: ['owner', 'editor', 'reviewer', 'viewer'],
  /** Grant, change and revoke roles on it. */
  manageMembers: ['owner'],
  /** Open threads, reply, edit and delete one's own comments, resolve and reopen threads. */
  comment: ['owner', 'editor', 'reviewer'],
  /** Delete anybody's comment. */
  moderateComments: ['owner'],
} as const satisfies Record<string, readonly Role[]>

/** One of the keys of {@link NOTICE_OPERATIONS}. */
export type NoticeOperation = keyof typeof NOTICE_OPERATIONS

/** Whether `role` (null: no role) may perform `operation`. */
export function roleAllows(role: Role | null, operation: NoticeOperation): boolean {
  return role !== null && (NOTICE_OPERATIONS[operation] as readonly Role[]).includes(role)
}

/**
 * The role a user acts with on a notice: its membership role, except that administrators act as
 * owners of every notice (they see and manage all of them).
 */
export function effectiveRole(user: { isAdmin: boolean }, membership: Role | null): Role | null {
  return user.isAdmin ? 'owner' : membership
}
