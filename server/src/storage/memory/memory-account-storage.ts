/**
 * Account storage held in process memory: nothing survives a restart. It serves tests and servers
 * started on a memory notice storage, and shows the account contract in its simplest form.
 */
import {
  type AccountStorage,
  DuplicateUsernameError,
  type MembershipRecord,
  type SessionRecord,
  type UserPatch,
  type UserRecord,
} from '../account-storage'

/** Creates an empty in-memory {@link AccountStorage}. */
export function createMemoryAccountStorage(): AccountStorage {
  const users = new Map<string, UserRecord>()
  const sessions = new Map<string, SessionRecord>()
  const memberships = new Map<string, MembershipRecord>()
  const secrets = new Map<string, Uint8Array>()
  let closed = false

  const open = (): void => {
    if (closed) throw new Error('The memory account storage is closed')
  }
  const membershipKey = (noticeId: string, userId: string): string => `${noticeId}\u0000${userId}`
  const byGrant = (a: MembershipRecord, b: MembershipRecord): number =>
    a.grantedAt - b.grantedAt || a.userId.localeCompare(b.userId)

  return {
    kind: 'memory',

    async createUser(user) {
      open()
      if ([...users.values()].some((other) => other.username === user.username)) {
        throw new DuplicateUsernameError(user.username)
      }
      users.set(user.id, { ...user })
    },

    async getUserById(id) {
      open()
      const user = users.get(id)
      return user ? { ...user } : null
    },

    async getUserByUsername(username) {
      open()
      const user = [...users.values()].find((candidate) => candidate.username === username)
      return user ? { ...user } : null
    },

    async listUsers() {
      open()
      return [...users.values()]
        .map((user) => ({ ...user }))
        .sort((a, b) => a.username.localeCompare(b.username))
    },

    async updateUser(id: string, patch: UserPatch) {
      open()
      const user = users.get(id)
      if (!user) return null
      const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined))
      Object.assign(user, defined)
      return { ...user }
    },

    async deleteUser(id) {
      open()
      if (!users.delete(id)) return false
      for (const [key, session] of sessions) if (session.userId === id) sessions.delete(key)
      for (const [key, membership] of memberships) if (membership.userId === id) memberships.delete(key)
      return true
    },

    async createSession(session) {
      open()
      sessions.set(session.id, { ...session })
    },

    async getSessionByTokenHash(tokenHash) {
      open()
      const session = [...sessions.values()].find((candidate) => candidate.tokenHash === tokenHash)
      return session ? { ...session } : null
    },

    async getSession(id) {
      open()
      const session = sessions.get(id)
      return session ? { ...session } : null
    },

    async touchSession(id, lastSeenAt) {
      open()
      const session = sessions.get(id)
      if (session) session.lastSeenAt = Math.max(session.lastSeenAt, lastSeenAt)
    },

    async deleteSession(id) {
      open()
      return sessions.delete(id)
    },

    async deleteSessionsOfUser(userId) {
      open()
      const ids = [...sessions.values()].filter((s) => s.userId === userId).map((s) => s.id)
      for (const id of ids) sessions.delete(id)
      return ids
    },

    async deleteExpiredSessions(now, idleMs) {
      open()
      let deleted = 0
      for (const [id, session] of sessions) {
        if (session.expiresAt <= now || session.lastSeenAt + idleMs <= now) {
          sessions.delete(id)
          deleted += 1
        }
      }
      return deleted
    },

    async setMembership(membership) {
      open()
      memberships.set(membershipKey(membership.noticeId, membership.userId), { ...membership })
    },

    async getMembership(noticeId, userId) {
      open()
      const membership = memberships.get(membershipKey(noticeId, userId))
      return membership ? { ...membership } : null
    },

    async deleteMembership(noticeId, userId) {
      open()
      return memberships.delete(membershipKey(noticeId, userId))
    },

    async listMembershipsOfNotice(noticeId) {
      open()
      return [...memberships.values()]
        .filter((m) => m.noticeId === noticeId)
        .map((m) => ({ ...m }))
        .sort(byGrant)
    },

    async listMembershipsOfUser(userId) {
      open()
      return [...memberships.values()]
        .filter((m) => m.userId === userId)
        .map((m) => ({ ...m }))
        .sort(byGrant)
    },

    async deleteMembershipsOfNotice(noticeId) {
      open()
      for (const [key, membership] of memberships) {
        if (membership.noticeId === noticeId) memberships.delete(key)
      }
    },

    async getOrCreateSecret(name, create) {
      open()
      let secret = secrets.get(name)
      if (!secret) {
        secret = create().slice()
        secrets.set(name, secret)
      }
      return secret.slice()
    },

    async close() {
      closed = true
    },
  }
}
