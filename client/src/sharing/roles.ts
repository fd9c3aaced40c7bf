/**
 * The roles a person can hold on a notice and what each lets them do in this interface. The server
 * enforces the same table (server/src/accounts/permissions.ts); the interface only follows it, so
 * nobody is offered a button the server would refuse.
 */

import type { Role } from '@convene/protocol'

// The roles, from most to least powerful, are part of the wire contract.
export { isRole, ROLES, type Role } from '@convene/protocol'

/** What the signed-in person may do with the open notice. */
export type NoticeAccess = {
  role: Role
  /** Change the text and the details. */
  canEdit: boolean
  /** Open threads, reply, resolve. */
  canComment: boolean
  /** See and change who has which role (owners; administrators act as owners). */
  canShare: boolean
  /** Delete anybody's comment, not only one's own. */
  canModerate: boolean
}

/**
 * The access `role` gives. `forceReadOnly` is set after the server refused a change: the text is
 * then read-only whatever the role said, until the notice is opened again.
 */
export function accessFor(role: Role, forceReadOnly = false): NoticeAccess {
  return {
    role,
    canEdit: !forceReadOnly && (role === 'owner' || role === 'editor'),
    canComment: role !== 'viewer',
    canShare: role === 'owner',
    canModerate: role === 'owner',
  }
}
