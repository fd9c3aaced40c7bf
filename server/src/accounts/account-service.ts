/**
 * Local accounts and their sessions: creating and changing users, signing in (scrypt, rate
 * limited), session cookies that expire when idle and at an absolute limit and can be revoked, and
 * the short-lived signed tokens that non-browser clients hand to the websocket.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import {
  DISPLAY_NAME_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type PublicUser,
  USERNAME_PATTERN,
} from '@convene/protocol'
import type { AccountStorage, SessionRecord, UserRecord } from '../storage/account-storage'
import { DuplicateUsernameError } from '../storage/account-storage'
import { signAccessToken, verifyAccessToken } from './access-token'
import { AccountError, LoginBackoffError } from './account-errors'
import { AccountEvents } from './account-events'
import { LoginRateLimiter } from './login-rate-limiter'
import { hashPassword, verifyAgainstNothing, verifyPassword } from './password-hash'
import { createSessionToken, hashSessionToken } from './session-token'

export type { PublicUser }

/** The name of the secret that signs access tokens, in the server's secrets table. */
export const ACCESS_TOKEN_SECRET = 'access-token-hmac'

/** A session is written back as "seen" at most this often, so requests do not each cost a write. */
const TOUCH_INTERVAL_MS = 60_000

/** The user of a request or connection, as the session says now. */
export type SessionUser = Pick<UserRecord, 'id' | 'username' | 'displayName' | 'isAdmin'>

/** A live session and its user. */
export type ActiveSession = {
  id: string
  user: SessionUser
  /** When the session ends at the latest (ms since the epoch). */
  expiresAt: number
}

/** A short-lived access token and when it expires. */
export type AccessToken = { token: string; expiresAt: number }

/** Options of {@link AccountService.open}. */
export type AccountServiceOptions = {
  storage: AccountStorage
  /** A session ends after this long without use, in milliseconds. */
  sessionIdleMs: number
  /** A session ends this long after sign-in whatever happens, in milliseconds. */
  sessionMaxMs: number
  /** How long an access token is valid, in milliseconds. */
  accessTokenTtlMs: number
  /** The clock (default `Date.now`). */
  now?: () => number
  /** Where account changes are announced (default: a bus nobody listens to). */
  events?: AccountEvents
  /** Counts failed sign-ins and backs off (default: the rules of `DEFAULT_LOGIN_BACKOFF`). */
  limiter?: LoginRateLimiter
}

/** What {@link AccountService.createUser} takes. */
export type NewUserInput = { username: string; password: string; displayName?: string; isAdmin?: boolean }

/** What {@link AccountService.updateUser} takes; every field is optional. */
export type UserUpdate = { displayName?: string; password?: string; isAdmin?: boolean; disabled?: boolean }

/** The API form of a user. */
export function publicUser(user: UserRecord): PublicUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    isAdmin: user.isAdmin,
    disabled: user.disabled,
    createdAt: new Date(user.createdAt).toISOString(),
  }
}

/** Lowercases and trims a username as typed; usernames are case-insensitive. */
export const normalizeUsername = (username: string): string => username.trim().toLowerCase()

function checkUsername(username: string): void {
  if (!USERNAME_PATTERN.test(username)) {
    throw new AccountError(
      'invalid',
      `Invalid username "${username}": use 2 to 32 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit`,
      { field: 'username' },
    )
  }
}

function checkPassword(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new AccountError('invalid', `The password must have at least ${PASSWORD_MIN_LENGTH} characters`, {
      field: 'password',
    })
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw new AccountError('invalid', `The password must have at most ${PASSWORD_MAX_LENGTH} characters`, {
      field: 'password',
    })
  }
}

function checkDisplayName(displayName: string): string {
  const trimmed = displayName.trim()
  if (trimmed === '' || trimmed.length > DISPLAY_NAME_MAX_LENGTH) {
    throw new AccountError(
      'invalid',
      `The display name must have 1 to ${DISPLAY_NAME_MAX_LENGTH} characters`,
      {
        field: 'displayName',
      },
    )
  }
  return trimmed
}

const toSessionUser = (user: UserRecord): SessionUser => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  isAdmin: user.isAdmin,
})

/** Users, sign-in and sessions. */
export class AccountService {
  /** Where account changes are announced. */
  readonly events: AccountEvents
  /** A session ends after this long without use, in milliseconds. */
  readonly sessionIdleMs: number
  /** A session ends this long after sign-in, in milliseconds. */
  readonly sessionMaxMs: number
  private readonly storage: AccountStorage
  /** The clock sessions and tokens are measured with. */
  readonly now: () => number
  private readonly accessTokenTtlMs: number
  private readonly limiter: LoginRateLimiter
  private readonly secret: Uint8Array

  private constructor(options: AccountServiceOptions, secret: Uint8Array) {
    this.storage = options.storage
    this.sessionIdleMs = options.sessionIdleMs
    this.sessionMaxMs = options.sessionMaxMs
    this.accessTokenTtlMs = options.accessTokenTtlMs
    this.now = options.now ?? Date.now
    this.events = options.events ?? new AccountEvents()
    this.limiter = options.limiter ?? new LoginRateLimiter({ now: this.now })
    this.secret = secret
  }

  /** Opens the service, creating the server's token-signing secret on first start. */
  static async open(options: AccountServiceOptions): Promise<AccountService> {
    const secret = await options.storage.getOrCreateSecret(ACCESS_TOKEN_SECRET, () => randomBytes(32))
    return new AccountService(options, secret)
  }

  /** Creates an account. Throws {@link AccountError} (`invalid`, or `conflict` for a taken username). */
  async createUser(input: NewUserInput): Promise<UserRecord> {
    const username = normalizeUsername(input.username)
    checkUsername(username)
    checkPassword(input.password)
    const displayName = checkDisplayName(input.displayName ?? username)
    const time = this.now()
    const user: UserRecord = {
      id: randomUUID(),
      username,
      displayName,
      passwordHash: await hashPassword(input.password),
      isAdmin: input.isAdmin ?? false,
      disabled: false,
      createdAt: time,
      updatedAt: time,
    }
    try {
      await this.storage.createUser(user)
    } catch (error) {
      if (error instanceof DuplicateUsernameError)
        throw new AccountError('conflict', error.message, { cause: error, field: 'username' })
      throw error
    }
    return user
  }

  /** Every account, by username. */
  async listUsers(): Promise<UserRecord[]> {
    return this.storage.listUsers()
  }

  /** The display name of each account id in `ids` that exists (deleted accounts are left out). */
  async displayNames(ids: Iterable<string>): Promise<Map<string, string>> {
    const names = new Map<string, string>()
    for (const id of new Set(ids)) {
      const user = await this.storage.getUserById(id)
      if (user) names.set(id, user.displayName)
    }
    return names
  }

  /** The account `username`, or null. */
  async findUser(username: string): Promise<UserRecord | null> {
    return this.storage.getUserByUsername(normalizeUsername(username))
  }

  /** The account `username`; throws {@link AccountError} `notFound` naming it. */
  async requireUser(username: string): Promise<UserRecord> {
    const user = await this.findUser(username)
    if (!user) throw new AccountError('notFound', `There is no user "${normalizeUsername(username)}"`)
    return user
  }

  /**
   * Changes account `username`. Disabling it or changing its password ends its sessions; nobody may
   * disable, or take the administrator flag from, their own account (`actorId`).
   */
  async updateUser(username: string, update: UserUpdate, actorId: string): Promise<UserRecord> {
    const user = await this.requireUser(username)
    if (user.id === actorId && (update.disabled === true || update.isAdmin === false)) {
      throw new AccountError(
        'conflict',
        'You cannot disable your own account or remove your own administrator rights',
      )
    }
    if (update.password !== undefined) checkPassword(update.password)
    const updated = await this.storage.updateUser(user.id, {
      ...(update.displayName !== undefined ? { displayName: checkDisplayName(update.displayName) } : {}),
      ...(update.password !== undefined ? { passwordHash: await hashPassword(update.password) } : {}),
      ...(update.isAdmin !== undefined ? { isAdmin: update.isAdmin } : {}),
      ...(update.disabled !== undefined ? { disabled: update.disabled } : {}),
      updatedAt: this.now(),
    })
    if (!updated) throw new AccountError('notFound', `There is no user "${user.username}"`)
    if (update.disabled === true || update.password !== undefined) await this.endSessionsOf(user.id)
    this.events.emit({ type: 'user-changed', userId: user.id })
    return updated
  }

  /** Deletes account `username` with its sessions and roles; nobody may delete their own (`actorId`). */
  async deleteUser(username: string, actorId: string): Promise<void> {
    const user = await this.requireUser(username)
    if (user.id === actorId) throw new AccountError('conflict', 'You cannot delete your own account')
    await this.endSessionsOf(user.id)
    await this.storage.deleteUser(user.id)
    this.events.emit({ type: 'user-changed', userId: user.id })
  }

  /** Ends every session of account `username` (its open connections close with 4401). */
  async revokeSessions(username: string): Promise<number> {
    const user = await this.requireUser(username)
    return (await this.endSessionsOf(user.id)).length
  }

  /**
   * Signs `username` in from client `address`: returns the new session's cookie token and the
   * user. Throws {@link AccountError}: `rateLimited` ({@link LoginBackoffError}, the password unchecked)
   * while a backoff after failures runs, `unauthenticated` for
   * a wrong username or password (the same message for both), `forbidden` for a disabled account.
   */
  async login(
    username: string,
    password: string,
    address: string,
  ): Promise<{ cookieToken: string; session: ActiveSession; user: UserRecord }> {
    const name = normalizeUsername(username)
    const { waitMs, reason } = this.limiter.wait(name, address)
    if (waitMs > 0) {
      const who =
        reason === 'account' ? `for "${name}"` : reason === 'address' ? 'from this address' : 'on this server'
      throw new LoginBackoffError(
        `Too many failed sign-ins ${who}: try again in ${Math.ceil(waitMs / 1000)} s`,
        waitMs,
      )
    }
    const user = await this.storage.getUserByUsername(name)
    const valid = user
      ? await verifyPassword(password, user.passwordHash)
      : await verifyAgainstNothing(password)
    if (!user || !valid) {
      this.limiter.fail(name, address)
      throw new AccountError('unauthenticated', 'Wrong username or password')
    }
    if (user.disabled) throw new AccountError('forbidden', `The account "${name}" is disabled`)
    this.limiter.succeed(name, address)
    const cookieToken = createSessionToken()
    const time = this.now()
    const record: SessionRecord = {
      id: randomUUID(),
      tokenHash: hashSessionToken(cookieToken),
      userId: user.id,
      createdAt: time,
      lastSeenAt: time,
      expiresAt: time + this.sessionMaxMs,
    }
    await this.storage.createSession(record)
    return {
      cookieToken,
      session: { id: record.id, user: toSessionUser(user), expiresAt: record.expiresAt },
      user,
    }
  }

  /** Ends session `sessionId` (sign-out). */
  async logout(sessionId: string): Promise<void> {
    if (await this.storage.deleteSession(sessionId)) {
      this.events.emit({ type: 'sessions-ended', sessionIds: [sessionId] })
    }
  }

  /** The live session whose cookie holds `cookieToken`, or null; marks it as used. */
  async sessionFromCookie(cookieToken: string): Promise<ActiveSession | null> {
    const record = await this.storage.getSessionByTokenHash(hashSessionToken(cookieToken))
    return record ? this.activate(record, true) : null
  }

  /** The live session an access token was issued for, or null (bad signature, expired, session ended). */
  async sessionFromAccessToken(token: string): Promise<ActiveSession | null> {
    const claims = verifyAccessToken(this.secret, token, this.now())
    return claims ? this.sessionById(claims.sessionId, true) : null
  }

  /** Session `id` if it is still live, or null; `touch` marks it as used. */
  async sessionById(id: string, touch = false): Promise<ActiveSession | null> {
    const record = await this.storage.getSession(id)
    return record ? this.activate(record, touch) : null
  }

  /** A fresh access token for `session`, valid for the configured few seconds (never past the session's end). */
  issueAccessToken(session: ActiveSession): AccessToken {
    const expiresAt = Math.min(this.now() + this.accessTokenTtlMs, session.expiresAt)
    return { token: signAccessToken(this.secret, session.id, expiresAt), expiresAt }
  }

  /** Deletes the sessions that have ended; resolves how many. */
  async purgeExpiredSessions(): Promise<number> {
    return this.storage.deleteExpiredSessions(this.now(), this.sessionIdleMs)
  }

  private async activate(record: SessionRecord, touch: boolean): Promise<ActiveSession | null> {
    const time = this.now()
    if (time >= record.expiresAt || time >= record.lastSeenAt + this.sessionIdleMs) return null
    const user = await this.storage.getUserById(record.userId)
    if (!user || user.disabled) return null
    if (touch && time - record.lastSeenAt >= TOUCH_INTERVAL_MS)
      await this.storage.touchSession(record.id, time)
    return { id: record.id, user: toSessionUser(user), expiresAt: record.expiresAt }
  }

  private async endSessionsOf(userId: string): Promise<string[]> {
    const ids = await this.storage.deleteSessionsOfUser(userId)
    if (ids.length > 0) this.events.emit({ type: 'sessions-ended', sessionIds: ids })
    return ids
  }
}
