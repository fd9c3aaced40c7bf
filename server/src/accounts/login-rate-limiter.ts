/**
 * Slows down password guessing: failed sign-ins are counted per username and client address, and
 * once a pair has failed too often within the window it is refused until the oldest failure ages
 * out. Kept in memory: a restart forgets the counts, which costs an attacker a restart of ours.
 */

/** Options of {@link LoginRateLimiter}. */
export type LoginRateLimiterOptions = {
  /** How many failures a username and address pair may have within the window (default 10). */
  maxFailures?: number
  /** The window, in milliseconds (default 5 minutes). */
  windowMs?: number
  /** The clock (default `Date.now`). */
  now?: () => number
}

/** Counts failed sign-ins per username and client address. */
export class LoginRateLimiter {
  private readonly maxFailures: number
  private readonly windowMs: number
  private readonly now: () => number
  private readonly failures = new Map<string, number[]>()

  constructor(options: LoginRateLimiterOptions = {}) {
    this.maxFailures = options.maxFailures ?? 10
    this.windowMs = options.windowMs ?? 5 * 60_000
    this.now = options.now ?? Date.now
  }

  /**
   * How many milliseconds `username` from `address` must wait before trying again, or 0 when a
   * sign-in may be attempted now.
   */
  retryAfterMs(username: string, address: string): number {
    const recent = this.recent(this.key(username, address))
    if (recent.length < this.maxFailures) return 0
    return Math.max(1, (recent[recent.length - this.maxFailures] as number) + this.windowMs - this.now())
  }

  /** Records a failed sign-in. */
  fail(username: string, address: string): void {
    const key = this.key(username, address)
    const recent = this.recent(key)
    recent.push(this.now())
    this.failures.set(key, recent)
    if (this.failures.size > 10_000) this.prune()
  }

  /** Forgets the failures of a pair after a successful sign-in. */
  succeed(username: string, address: string): void {
    this.failures.delete(this.key(username, address))
  }

  private key(username: string, address: string): string {
    return `${username}\u0000${address}`
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs
    return (this.failures.get(key) ?? []).filter((time) => time > since)
  }

  /** Drops pairs whose failures have all aged out, so the map cannot grow without bound. */
  private prune(): void {
    for (const key of [...this.failures.keys()]) {
      if (this.recent(key).length === 0) this.failures.delete(key)
    }
  }
}
