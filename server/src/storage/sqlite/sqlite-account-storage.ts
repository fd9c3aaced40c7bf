/**
 * Account storage in the SQLite database of the notices, on the notice storage's own connection
 * (see sqlite-storage.ts), so memberships follow their notices in the same transactions and
 * files. The tables come from `SQLITE_ACCOUNTS_MIGRATION`.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { isRole } from '../../accounts/permissions'
import {
  type AccountStorage,
  DuplicateUsernameError,
  type MembershipRecord,
  type SessionRecord,
  type UserPatch,
  type UserRecord,
} from '../account-storage'
import { UnknownNoticeError } from '../storage'

type UserRow = {
  id: string
  username: string
  display_name: string
  password_hash: string
  is_admin: number
  disabled: number
  created_at: number
  updated_at: number
}

type SessionRow = {
  id: string
  token_hash: string
  user_id: string
  created_at: number
  last_seen_at: number
  expires_at: number
}

type MembershipRow = { notice_id: string; user_id: string; role: string; granted_at: number }

const toUser = (row: UserRow): UserRecord => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  passwordHash: row.password_hash,
  isAdmin: row.is_admin === 1,
  disabled: row.disabled === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
})

const toSession = (row: SessionRow): SessionRecord => ({
  id: row.id,
  tokenHash: row.token_hash,
  userId: row.user_id,
  createdAt: row.created_at,
  lastSeenAt: row.last_seen_at,
  expiresAt: row.expires_at,
})

function toMembership(row: MembershipRow): MembershipRecord {
  if (!isRole(row.role))
    throw new Error(`Membership of "${row.user_id}" on "${row.notice_id}" has role "${row.role}"`)
  return { noticeId: row.notice_id, userId: row.user_id, role: row.role, grantedAt: row.granted_at }
}

const USER_COLUMNS = 'id, username, display_name, password_hash, is_admin, disabled, created_at, updated_at'
const SESSION_COLUMNS = 'id, token_hash, user_id, created_at, last_seen_at, expires_at'
const MEMBERSHIP_COLUMNS = 'notice_id, user_id, role, granted_at'

/** SQLite's result code names for a violated UNIQUE and FOREIGN KEY constraint. */
const isConstraint = (error: unknown, code: string): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code

/**
 * An {@link AccountStorage} on `db`, an open connection whose schema is migrated (the notice
 * storage did it). Closing it leaves `db` open: its owner closes it.
 */
export function createSqliteAccountStorage(db: BetterSqlite3.Database): AccountStorage {
  const insertUser = db.prepare<[string, string, string, string, number, number, number, number]>(
    `INSERT INTO users (${USER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const selectUserById = db.prepare<[string], UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`)
  const selectUserByName = db.prepare<[string], UserRow>(
    `SELECT ${USER_COLUMNS} FROM users WHERE username = ?`,
  )
  const selectUsers = db.prepare<[], UserRow>(`SELECT ${USER_COLUMNS} FROM users ORDER BY username`)
  const updateUserRow = db.prepare<
    [string | null, string | null, number | null, number | null, number, string],
    UserRow
  >(
    `UPDATE users SET
       display_name = coalesce(?, display_name),
       password_hash = coalesce(?, password_hash),
       is_admin = coalesce(?, is_admin),
       disabled = coalesce(?, disabled),
       updated_at = ?
     WHERE id = ? RETURNING ${USER_COLUMNS}`,
  )
  const deleteUserRow = db.prepare<[string]>('DELETE FROM users WHERE id = ?')
  const insertSession = db.prepare<[string, string, string, number, number, number]>(
    `INSERT INTO sessions (${SESSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`,
  )
  const selectSessionByHash = db.prepare<[string], SessionRow>(
    `SELECT ${SESSION_COLUMNS} FROM sessions WHERE token_hash = ?`,
  )
  const selectSession = db.prepare<[string], SessionRow>(
    `SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = ?`,
  )
  const touch = db.prepare<[number, string]>(
    'UPDATE sessions SET last_seen_at = max(last_seen_at, ?) WHERE id = ?',
  )
  const deleteSessionRow = db.prepare<[string]>('DELETE FROM sessions WHERE id = ?')
  const deleteUserSessions = db.prepare<[string], { id: string }>(
    'DELETE FROM sessions WHERE user_id = ? RETURNING id',
  )
  const deleteExpired = db.prepare<[number, number]>(
    'DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?',
  )
  const upsertMembership = db.prepare<[string, string, string, number]>(
    `INSERT INTO memberships (${MEMBERSHIP_COLUMNS}) VALUES (?, ?, ?, ?)
     ON CONFLICT (notice_id, user_id) DO UPDATE SET role = excluded.role, granted_at = excluded.granted_at`,
  )
  const selectMembership = db.prepare<[string, string], MembershipRow>(
    `SELECT ${MEMBERSHIP_COLUMNS} FROM memberships WHERE notice_id = ? AND user_id = ?`,
  )
  const deleteMembershipRow = db.prepare<[string, string]>(
    'DELETE FROM memberships WHERE notice_id = ? AND user_id = ?',
  )
  const selectNoticeMemberships = db.prepare<[string], MembershipRow>(
    `SELECT ${MEMBERSHIP_COLUMNS} FROM memberships WHERE notice_id = ? ORDER BY granted_at, user_id`,
  )
  const selectUserMemberships = db.prepare<[string], MembershipRow>(
    `SELECT ${MEMBERSHIP_COLUMNS} FROM memberships WHERE user_id = ? ORDER BY granted_at, notice_id`,
  )
  const deleteNoticeMemberships = db.prepare<[string]>('DELETE FROM memberships WHERE notice_id = ?')
  const insertSecret = db.prepare<[string, Uint8Array, number]>(
    'INSERT INTO server_secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING',
  )
  const selectSecret = db.prepare<[string], { value: Buffer }>(
    'SELECT value FROM server_secrets WHERE name = ?',
  )
  const noticeExists = db.prepare<[string], { id: string }>('SELECT id FROM notices WHERE id = ?')

  const flag = (value: boolean | undefined): number | null => (value === undefined ? null : value ? 1 : 0)

  return {
    kind: 'sqlite',

    async createUser(user) {
      try {
        insertUser.run(
          user.id,
          user.username,
          user.displayName,
          user.passwordHash,
          user.isAdmin ? 1 : 0,
          user.disabled ? 1 : 0,
          user.createdAt,
          user.updatedAt,
        )
      } catch (error) {
        if (isConstraint(error, 'SQLITE_CONSTRAINT_UNIQUE')) throw new DuplicateUsernameError(user.username)
        throw error
      }
    },

    async getUserById(id) {
      const row = selectUserById.get(id)
      return row ? toUser(row) : null
    },

    async getUserByUsername(username) {
      const row = selectUserByName.get(username)
      return row ? toUser(row) : null
    },

    async listUsers() {
      return selectUsers.all().map(toUser)
    },

    async updateUser(id: string, patch: UserPatch) {
      const row = updateUserRow.get(
        patch.displayName ?? null,
        patch.passwordHash ?? null,
        flag(patch.isAdmin),
        flag(patch.disabled),
        patch.updatedAt,
        id,
      )
      return row ? toUser(row) : null
    },

    async deleteUser(id) {
      return deleteUserRow.run(id).changes > 0
    },

    async createSession(session) {
      insertSession.run(
        session.id,
        session.tokenHash,
        session.userId,
        session.createdAt,
        session.lastSeenAt,
        session.expiresAt,
      )
    },

    async getSessionByTokenHash(tokenHash) {
      const row = selectSessionByHash.get(tokenHash)
      return row ? toSession(row) : null
    },

    async getSession(id) {
      const row = selectSession.get(id)
      return row ? toSession(row) : null
    },

    async touchSession(id, lastSeenAt) {
      touch.run(lastSeenAt, id)
    },

    async deleteSession(id) {
      return deleteSessionRow.run(id).changes > 0
    },

    async deleteSessionsOfUser(userId) {
      return deleteUserSessions.all(userId).map((row) => row.id)
    },

    async deleteExpiredSessions(now, idleMs) {
      return deleteExpired.run(now, now - idleMs).changes
    },

    async setMembership(membership) {
      try {
        upsertMembership.run(membership.noticeId, membership.userId, membership.role, membership.grantedAt)
      } catch (error) {
        if (isConstraint(error, 'SQLITE_CONSTRAINT_FOREIGNKEY') && !noticeExists.get(membership.noticeId)) {
          throw new UnknownNoticeError(membership.noticeId)
        }
        throw error
      }
    },

    async getMembership(noticeId, userId) {
      const row = selectMembership.get(noticeId, userId)
      return row ? toMembership(row) : null
    },

    async deleteMembership(noticeId, userId) {
      return deleteMembershipRow.run(noticeId, userId).changes > 0
    },

    async listMembershipsOfNotice(noticeId) {
      return selectNoticeMemberships.all(noticeId).map(toMembership)
    },

    async listMembershipsOfUser(userId) {
      return selectUserMemberships.all(userId).map(toMembership)
    },

    async deleteMembershipsOfNotice(noticeId) {
      deleteNoticeMemberships.run(noticeId)
    },

    async getOrCreateSecret(name, create) {
      insertSecret.run(name, create(), Date.now())
      const row = selectSecret.get(name)
      if (!row) throw new Error(`The server secret "${name}" could not be stored`)
      return new Uint8Array(row.value)
    },

    async close() {
      // The connection belongs to the notice storage, which closes it.
    },
  }
}
