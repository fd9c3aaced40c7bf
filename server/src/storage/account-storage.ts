/**
 * The narrow interface behind accounts: users, their sessions, their roles on notices, and the
 * server's secrets, in the same database as the notices. Every backend (memory, SQLite,
 * PostgreSQL) implements exactly this, and `registerAccountStorageContractTests` holds each to it.
 */
import type { Role } from '../accounts/permissions'

/** A stored user. Times are milliseconds since the Unix epoch. */
export type UserRecord = {
  /** A stable random id; usernames can in principle change, ids never do. */
  id: string
  /** Unique, lowercase. */
  username: string
  displayName: string
  /** The scrypt hash (see password-hash.ts), never the password. */
  passwordHash: string
  isAdmin: boolean
  /** A disabled user cannot sign in and has no session. */
  disabled: boolean
  createdAt: number
  updatedAt: number
}

/** The fields of a user that can change. */
export type UserPatch = Partial<Pick<UserRecord, 'displayName' | 'passwordHash' | 'isAdmin' | 'disabled'>> & {
  updatedAt: number
}

/** A stored session: only the hash of its token is kept. */
export type SessionRecord = {
  id: string
  /** SHA-256 of the token in the cookie (hex). */
  tokenHash: string
  userId: string
  createdAt: number
  /** The last time the session was used (for the idle timeout). */
  lastSeenAt: number
  /** The absolute end of the session. */
  expiresAt: number
}

/** A user's role on a notice. */
export type MembershipRecord = {
  noticeId: string
  userId: string
  role: Role
  grantedAt: number
}

/**
 * Durable storage of accounts. A resolved write is durable, a rejected one wrote nothing. Deleting a
 * user deletes their sessions and memberships; deleting a notice (in the notice storage) deletes
 * its memberships in the database backends, and {@link AccountStorage.deleteMembershipsOfNotice}
 * does it explicitly for all.
 */
export interface AccountStorage {
  /** A short name of the backend, e.g. `sqlite`. */
  readonly kind: string

  /** Stores a new user; rejects with {@link DuplicateUsernameError} when the username is taken. */
  createUser(user: UserRecord): Promise<void>
  getUserById(id: string): Promise<UserRecord | null>
  getUserByUsername(username: string): Promise<UserRecord | null>
  /** Every user, by username. */
  listUsers(): Promise<UserRecord[]>
  /** Changes a user; resolves the updated record, or null when there is no such user. */
  updateUser(id: string, patch: UserPatch): Promise<UserRecord | null>
  /** Deletes a user with their sessions and memberships; resolves false when there was none. */
  deleteUser(id: string): Promise<boolean>

  createSession(session: SessionRecord): Promise<void>
  getSessionByTokenHash(tokenHash: string): Promise<SessionRecord | null>
  getSession(id: string): Promise<SessionRecord | null>
  /** Moves a session's `lastSeenAt` forward (never back). */
  touchSession(id: string, lastSeenAt: number): Promise<void>
  /** Deletes one session; resolves false when there was none. */
  deleteSession(id: string): Promise<boolean>
  /** Deletes every session of a user; resolves the ids deleted. */
  deleteSessionsOfUser(userId: string): Promise<string[]>
  /** Deletes every session that ended before `now` given the idle timeout; resolves how many. */
  deleteExpiredSessions(now: number, idleMs: number): Promise<number>

  /** Grants or changes a role; rejects with `UnknownNoticeError` in backends that know the notices. */
  setMembership(membership: MembershipRecord): Promise<void>
  getMembership(noticeId: string, userId: string): Promise<MembershipRecord | null>
  /** Revokes a role; resolves false when there was none. */
  deleteMembership(noticeId: string, userId: string): Promise<boolean>
  /** The memberships of a notice, by grant time. */
  listMembershipsOfNotice(noticeId: string): Promise<MembershipRecord[]>
  /** The memberships of a user. */
  listMembershipsOfUser(userId: string): Promise<MembershipRecord[]>
  deleteMembershipsOfNotice(noticeId: string): Promise<void>

  /**
   * The secret named `name`, created with `create()` and stored the first time it is asked for.
   * Two servers asking at once get the same secret.
   */
  getOrCreateSecret(name: string, create: () => Uint8Array): Promise<Uint8Array>

  /** Releases the backend's resources. */
  close(): Promise<void>
}

/** `createUser` was given a username that is already taken. */
export class DuplicateUsernameError extends Error {
  /** The username that is taken. */
  readonly username: string
  constructor(username: string) {
    super(`The username "${username}" is already taken`)
    this.name = 'DuplicateUsernameError'
    this.username = username
  }
}
