/**
 * Account storage in the PostgreSQL database of the notices, on the pool shared by every store
 * (see postgres-storage.ts). The tables come from `POSTGRES_ACCOUNTS_MIGRATION`. Driver failures are
 * rethrown naming the operation, with the failure as cause.
 */
import { DatabaseError, type Pool } from 'pg'
import { isRole } from '../../accounts/permissions'
import {
  type AccountStorage,
  DuplicateUsernameError,
  type MembershipRecord,
  type SessionRecord,
  type UserRecord,
} from '../account-storage'
import { UnknownNoticeError } from '../storage'

/** Options of {@link createPostgresAccountStorage}. */
export type PostgresAccountStorageOptions = {
  /** The pool of the notice storage, on a migrated database (shared, not ended by this storage). */
  pool: Pool
  /** The database, for messages (URL without password, and schema). */
  where: string
}

// bigint columns arrive as strings.
type UserRow = {
  id: string
  username: string
  display_name: string
  password_hash: string
  is_admin: boolean
  disabled: boolean
  created_at: string
  updated_at: string
}

type SessionRow = {
  id: string
  token_hash: string
  user_id: string
  created_at: string
  last_seen_at: string
  expires_at: string
}

type MembershipRow = { notice_id: string; user_id: string; role: string; granted_at: string }

const toUser = (row: UserRow): UserRecord => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  passwordHash: row.password_hash,
  isAdmin: row.is_admin,
  disabled: row.disabled,
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
})

const toSession = (row: SessionRow): SessionRecord => ({
  id: row.id,
  tokenHash: row.token_hash,
  userId: row.user_id,
  createdAt: Number(row.created_at),
  lastSeenAt: Number(row.last_seen_at),
  expiresAt: Number(row.expires_at),
})

function toMembership(row: MembershipRow): MembershipRecord {
  if (!isRole(row.role))
    throw new Error(`Membership of "${row.user_id}" on "${row.notice_id}" has role "${row.role}"`)
  return { noticeId: row.notice_id, userId: row.user_id, role: row.role, grantedAt: Number(row.granted_at) }
}

const USER_COLUMNS = 'id, username, display_name, password_hash, is_admin, disabled, created_at, updated_at'
const SESSION_COLUMNS = 'id, token_hash, user_id, created_at, last_seen_at, expires_at'
const MEMBERSHIP_COLUMNS = 'notice_id, user_id, role, granted_at'

const UNIQUE_VIOLATION = '23505'
const FOREIGN_KEY_VIOLATION = '23503'

const isOwnError = (error: unknown): boolean =>
  error instanceof DuplicateUsernameError || error instanceof UnknownNoticeError

/**
 * An {@link AccountStorage} on the PostgreSQL database of `options.pool`, which must have been
 * migrated (opened by `openPostgresDatabase`).
 */
export function createPostgresAccountStorage(options: PostgresAccountStorageOptions): AccountStorage {
  const { pool, where } = options
  let closed = false

  const run = async <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    if (closed) throw new Error(`Cannot ${operation}: the PostgreSQL account storage ${where} is closed`)
    try {
      return await work()
    } catch (error) {
      if (isOwnError(error)) throw error
      throw new Error(`Cannot ${operation} in the PostgreSQL database ${where}`, { cause: error })
    }
  }
  const rows = async <R extends object>(sql: string, values: unknown[]): Promise<R[]> =>
    (await pool.query<R>(sql, values)).rows
  const count = async (sql: string, values: unknown[]): Promise<number> =>
    (await pool.query(sql, values)).rowCount ?? 0

  return {
    kind: 'postgres',

    createUser: (user) =>
      run(`create user "${user.username}"`, async () => {
        try {
          await pool.query(`INSERT INTO users (${USER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
            user.id,
            user.username,
            user.displayName,
            user.passwordHash,
            user.isAdmin,
            user.disabled,
            user.createdAt,
            user.updatedAt,
          ])
        } catch (error) {
          if (
            error instanceof DatabaseError &&
            error.code === UNIQUE_VIOLATION &&
            error.constraint === 'users_username_key'
          ) {
            throw new DuplicateUsernameError(user.username)
          }
          throw error
        }
      }),

    getUserById: (id) =>
      run(`read user ${id}`, async () => {
        const [row] = await rows<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id])
        return row ? toUser(row) : null
      }),

    getUserByUsername: (username) =>
      run(`read user "${username}"`, async () => {
        const [row] = await rows<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE username = $1`, [username])
        return row ? toUser(row) : null
      }),

    listUsers: () =>
      run('list users', async () =>
        (await rows<UserRow>(`SELECT ${USER_COLUMNS} FROM users ORDER BY username`, [])).map(toUser),
      ),

    updateUser: (id, patch) =>
      run(`update user ${id}`, async () => {
        const [row] = await rows<UserRow>(
          `UPDATE users SET
             display_name = coalesce($2, display_name),
             password_hash = coalesce($3, password_hash),
             is_admin = coalesce($4, is_admin),
             disabled = coalesce($5, disabled),
             updated_at = $6
           WHERE id = $1 RETURNING ${USER_COLUMNS}`,
          [
            id,
            patch.displayName ?? null,
            patch.passwordHash ?? null,
            patch.isAdmin ?? null,
            patch.disabled ?? null,
            patch.updatedAt,
          ],
        )
        return row ? toUser(row) : null
      }),

    deleteUser: (id) =>
      run(`delete user ${id}`, async () => (await count('DELETE FROM users WHERE id = $1', [id])) > 0),

    createSession: (session) =>
      run('create a session', async () => {
        await pool.query(`INSERT INTO sessions (${SESSION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`, [
          session.id,
          session.tokenHash,
          session.userId,
          session.createdAt,
          session.lastSeenAt,
          session.expiresAt,
        ])
      }),

    getSessionByTokenHash: (tokenHash) =>
      run('read a session', async () => {
        const [row] = await rows<SessionRow>(
          `SELECT ${SESSION_COLUMNS} FROM sessions WHERE token_hash = $1`,
          [tokenHash],
        )
        return row ? toSession(row) : null
      }),

    getSession: (id) =>
      run(`read session ${id}`, async () => {
        const [row] = await rows<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = $1`, [id])
        return row ? toSession(row) : null
      }),

    touchSession: (id, lastSeenAt) =>
      run(`touch session ${id}`, async () => {
        await pool.query('UPDATE sessions SET last_seen_at = greatest(last_seen_at, $2) WHERE id = $1', [
          id,
          lastSeenAt,
        ])
      }),

    deleteSession: (id) =>
      run(`delete session ${id}`, async () => (await count('DELETE FROM sessions WHERE id = $1', [id])) > 0),

    deleteSessionsOfUser: (userId) =>
      run(`delete the sessions of user ${userId}`, async () =>
        (await rows<{ id: string }>('DELETE FROM sessions WHERE user_id = $1 RETURNING id', [userId])).map(
          (row) => row.id,
        ),
      ),

    deleteExpiredSessions: (now, idleMs) =>
      run('delete expired sessions', () =>
        count('DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2', [now, now - idleMs]),
      ),

    setMembership: (membership: MembershipRecord) =>
      run(`grant a role on notice "${membership.noticeId}"`, async () => {
        try {
          await pool.query(
            `INSERT INTO memberships (${MEMBERSHIP_COLUMNS}) VALUES ($1, $2, $3, $4)
             ON CONFLICT (notice_id, user_id) DO UPDATE SET role = excluded.role, granted_at = excluded.granted_at`,
            [membership.noticeId, membership.userId, membership.role, membership.grantedAt],
          )
        } catch (error) {
          if (
            error instanceof DatabaseError &&
            error.code === FOREIGN_KEY_VIOLATION &&
            error.constraint === 'memberships_notice_id_fkey'
          ) {
            throw new UnknownNoticeError(membership.noticeId)
          }
          throw error
        }
      }),

    getMembership: (noticeId, userId) =>
      run(`read a role on notice "${noticeId}"`, async () => {
        const [row] = await rows<MembershipRow>(
          `SELECT ${MEMBERSHIP_COLUMNS} FROM memberships WHERE notice_id = $1 AND user_id = $2`,
          [noticeId, userId],
        )
        return row ? toMembership(row) : null
      }),

    deleteMembership: (noticeId, userId) =>
      run(
        `revoke a role on notice "${noticeId}"`,
        async () =>
          (await count('DELETE FROM memberships WHERE notice_id = $1 AND user_id = $2', [noticeId, userId])) >
          0,
      ),

    listMembershipsOfNotice: (noticeId) =>
      run(`list the members of notice "${noticeId}"`, async () =>
        (
          await rows<MembershipRow>(
            `SELECT ${MEMBERSHIP_COLUMNS} FROM memberships WHERE notice_id = $1 ORDER BY granted_at, user_id`,
            [noticeId],
          )
        ).map(toMembership),
      ),

    listMembershipsOfUser: (userId) =>
      run(`list the roles of user ${userId}`, async () =>
        (
          await rows<MembershipRow>(
            `SELECT ${MEMBERSHIP_COLUMNS} FROM memberships WHERE user_id = $1 ORDER BY granted_at, notice_id`,
            [userId],
          )
        ).map(toMembership),
      ),

    deleteMembershipsOfNotice: (noticeId) =>
      run(`delete the members of notice "${noticeId}"`, async () => {
        await pool.query('DELETE FROM memberships WHERE notice_id = $1', [noticeId])
      }),

    getOrCreateSecret: (name, create) =>
      run(`read the server secret "${name}"`, async () => {
        await pool.query(
          'INSERT INTO server_secrets (name, value, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING',
          [name, Buffer.from(create()), Date.now()],
        )
        const [row] = await rows<{ value: Buffer }>('SELECT value FROM server_secrets WHERE name = $1', [
          name,
        ])
        if (!row) throw new Error(`The server secret "${name}" was not stored`)
        return new Uint8Array(row.value)
      }),

    async close() {
      // The pool belongs to the notice storage, which ends it.
      closed = true
    },
  }
}
