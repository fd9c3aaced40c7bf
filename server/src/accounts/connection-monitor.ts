/**
 * Keeps open websocket connections in step with accounts: a connection whose session ends is
 * closed with 4401, one whose user's role on the notice changes with 4403 (the client reconnects
 * under its new role, or learns it has none). Account events reach it at once within this process;
 * a periodic re-check (every 2 s by default) catches expiry and changes made by other instances,
 * and marks the sessions of open connections as in use.
 */
import type { Logger } from 'pino'
import { CLOSE_CODES, type CloseCode } from '../sync/protocol'
import type { AccountEvent } from './account-events'
import type { AccountService } from './account-service'
import type { MembershipService } from './membership-service'
import type { Role } from './permissions'

/** What the monitor knows of one open connection. */
export type MonitoredConnection = {
  sessionId: string
  userId: string
  noticeId: string
  /** The role the connection was opened with. */
  role: Role
}

type Entry = MonitoredConnection & { close: (code: CloseCode, reason: string) => void }

/** Options of {@link ConnectionMonitor}. */
export type ConnectionMonitorOptions = {
  accounts: AccountService
  memberships: MembershipService
  logger: Logger
  /** How often every open connection is re-checked, in milliseconds (default 2000). */
  intervalMs?: number
}

/** Watches the open connections' sessions and roles. */
export class ConnectionMonitor {
  private readonly accounts: AccountService
  private readonly memberships: MembershipService
  private readonly log: Logger
  private readonly intervalMs: number
  private readonly entries = new Set<Entry>()
  private timer: ReturnType<typeof setInterval> | null = null
  private unsubscribe: (() => void) | null = null
  private sweeping = false

  constructor(options: ConnectionMonitorOptions) {
    this.accounts = options.accounts
    this.memberships = options.memberships
    this.log = options.logger
    this.intervalMs = options.intervalMs ?? 2000
  }

  /** The number of connections watched. */
  get size(): number {
    return this.entries.size
  }

  /** Starts listening to account events and re-checking periodically. */
  start(): void {
    this.unsubscribe ??= this.accounts.events.on((event) => this.onEvent(event))
    if (this.timer) return
    this.timer = setInterval(() => void this.sweep(), this.intervalMs)
    this.timer.unref()
  }

  /** Stops both. */
  stop(): void {
    this.unsubscribe?.()
    this.unsubscribe = null
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** Watches `connection`, closed through `close`; returns the function that stops watching it. */
  track(connection: MonitoredConnection, close: (code: CloseCode, reason: string) => void): () => void {
    const entry: Entry = { ...connection, close }
    this.entries.add(entry)
    return () => this.entries.delete(entry)
  }

  /** Re-checks every watched connection now; resolves when done (used by the timer and by tests). */
  async sweep(): Promise<void> {
    if (this.sweeping) return
    this.sweeping = true
    try {
      await this.recheck([...this.entries], true)
    } finally {
      this.sweeping = false
    }
  }

  private onEvent(event: AccountEvent): void {
    if (event.type === 'sessions-ended') {
      const ended = new Set(event.sessionIds)
      for (const entry of [...this.entries]) if (ended.has(entry.sessionId)) this.end(entry)
      return
    }
    const affected = [...this.entries].filter(
      (entry) =>
        entry.userId === event.userId && (event.type === 'user-changed' || entry.noticeId === event.noticeId),
    )
    if (affected.length > 0) void this.recheck(affected, false)
  }

  /** Checks each connection's session and role, grouped by session so each is read once. */
  private async recheck(entries: readonly Entry[], touch: boolean): Promise<void> {
    const bySession = new Map<string, Entry[]>()
    for (const entry of entries)
      bySession.set(entry.sessionId, [...(bySession.get(entry.sessionId) ?? []), entry])
    for (const [sessionId, group] of bySession) {
      try {
        const session = await this.accounts.sessionById(sessionId, touch)
        if (!session) {
          for (const entry of group) this.end(entry)
          continue
        }
        const roles = new Map<string, Role | null>()
        for (const entry of group) {
          if (!roles.has(entry.noticeId)) {
            roles.set(entry.noticeId, await this.memberships.roleOf(session.user, entry.noticeId))
          }
          const role = roles.get(entry.noticeId) ?? null
          if (role !== entry.role) this.rescope(entry, role)
        }
      } catch (error) {
        // Nothing is lost: the connection keeps its current rights until the next check succeeds.
        this.log.error({ err: error, sessionId }, 'could not re-check the connections of a session')
      }
    }
  }

  private end(entry: Entry): void {
    if (!this.entries.delete(entry)) return
    entry.close(CLOSE_CODES.SESSION_ENDED, 'Your session ended: sign in again')
  }

  private rescope(entry: Entry, role: Role | null): void {
    if (!this.entries.delete(entry)) return
    entry.close(
      CLOSE_CODES.PERMISSION_DENIED,
      role === null
        ? 'Your access to this notice was revoked'
        : `Your role on this notice changed to ${role}: reconnect to continue as ${role}`,
    )
  }
}
