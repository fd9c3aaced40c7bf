/**
 * What a websocket connection may do in its room, from its user and role (see permissions.ts):
 * editors and owners change the text, reviewers and viewers cannot; everyone but viewers comments,
 * as the user the session says, within the rules the comments room's guard applies
 * (comments-guard.ts); and presence always shows the user the session says, whatever the client
 * claims.
 */

import { type RoomKind, userColour } from '@convene/protocol'
import type * as Y from 'yjs'
import type { PeerPolicy } from '../sync/peer-policy'
import { CLOSE_CODES, ProtocolError } from '../sync/protocol'
import { readOnlyUpdateExcess, updateChangesNothing } from '../sync/update-effect'
import type { SessionUser } from './account-service'
import { type Role, roleAllows } from './permissions'

/** The `user` field the server puts in every awareness state of `user`'s connections. */
export function awarenessUser(user: SessionUser): { name: string; username: string; color: string } {
  return { name: user.displayName, username: user.username, color: userColour(user.username) }
}

const refuse = (reason: string): never => {
  throw new ProtocolError(CLOSE_CODES.PERMISSION_DENIED, `Permission denied: ${reason}`)
}

/**
 * Whether a read-only connection's update is harmless, to be ignored: it changes nothing (the sync
 * step 2 a stock client answers the server's step 1 with, the delete set both already share).
 * Refused, naming `what` the role cannot do: an update that changes anything, a live update that
 * carries new structs at all, and a delete set no Yjs client writes (unsorted or repeated ranges).
 */
function harmless(doc: Y.Doc, update: Uint8Array, kind: 'sync-step-2' | 'update', what: string): boolean {
  const excess = readOnlyUpdateExcess(update, kind)
  if (excess) return refuse(`${what} (${excess})`)
  return updateChangesNothing(doc, update)
}

/** The policy of a connection of `user`, acting as `role`, to the `kind` room of a notice. */
export function connectionPolicy(user: SessionUser, role: Role, kind: RoomKind): PeerPolicy {
  const identity = awarenessUser(user)
  const rewriteAwarenessState = (state: Record<string, unknown>): Record<string, unknown> => ({
    ...state,
    user: identity,
  })
  if (kind === 'content') {
    const canEdit = roleAllows(role, 'edit')
    return {
      actorId: user.id,
      rewriteAwarenessState,
      admitUpdate: (doc, update, messageKind) => {
        if (canEdit) return true
        const what = `a ${role} cannot change the notice's text or metadata`
        if (harmless(doc, update, messageKind, what)) return false
        return refuse(what)
      },
    }
  }
  const canComment = roleAllows(role, 'comment')
  const actor = { userId: user.id, name: user.displayName, canModerate: roleAllows(role, 'moderateComments') }
  return {
    actorId: user.id,
    rewriteAwarenessState,
    ...(canComment ? { commentActor: actor } : {}),
    admitUpdate: (doc, update, messageKind) => {
      if (!canComment) {
        const what = `a ${role} cannot write comments`
        if (harmless(doc, update, messageKind, what)) return false
        return refuse(what)
      }
      // What it changes is the guard's to check; a change of nothing is ignored, not counted.
      return !updateChangesNothing(doc, update)
    },
  }
}
