/**
 * Slows down password guessing with backoff on three counters: per account (whatever the
 * address), per client address (whatever the account: a spray from one machine) and over all
 * sign-ins (a spray from many). Past a counter's free failures, each further attempt must wait
 * a delay that doubles with each failure up to a cap; once it has passed, the right password
 * works again, so a stranger can hold an account back for at most the account's cap, never lock
 * it. Kept in memory: a restart forgets the counts, which costs an attacker a restart of ours.
 */

/** How one counter backs off. */
export type BackoffRule = {
  /** Failures allowed before the first wait. */
  freeFailures: number
  /** The first wait, in milliseconds; each further failure doubles it. */
  baseDelayMs: number
  /** The longest wait, in milliseconds. */
  maxDelayMs: number
  /** A counter with no failure for this long starts again from zero, in milliseconds. */
  forgetAfterMs: number
}

/** The rules of the three counters. */
export type LoginBackoffRules = { account: BackoffRule; address: BackoffRule; global: BackoffRule }

/**
 * The defaults: an account waits after 5 failures, at most a minute; an address after 20 (a
 * shared office NAT), at most 15 minutes; all sign-ins together after 200 failures without a
 * pause of a minute, at most 5 seconds (enough to make a distributed spray slow, short enough
 * not to shut everyone out).
 */
export const DEFAULT_LOGIN_BACKOFF: LoginBackoffRules = {
  account: { freeFailures: 5, baseDelayMs: 1000, maxDelayMs: 60_000, forgetAfterMs: 15 * 60_000 },
  address: { freeFailures: 20, baseDelayMs: 1000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 },
  global: { freeFailures: 200, baseDelayMs: 100, maxDelayMs: 5000, forgetAfterMs: 60_000 },
}

/** Options of {@link LoginRateLimiter}. */
export type LoginRateLimiterOptions = {
  rules?: Partial<LoginBackoffRules>
  /** The clock (default `Date.now`). */
  now?: () => number
}

/** Which counter makes a sign-in wait. */
export type LoginWaitReason = keyof LoginBackoffRules

/** A counter's failures since it was last forgotten, and when the last one happened. */
type Counter = { failures: number; lastFailureAt: number }

/** The most accounts and addresses remembered before the forgotten ones are dropped. */
const MAX_TRACKED = 100_000

/** Counts failed sign-ins and says how long the next attempt must wait. */
export class LoginRateLimiter {
  private readonly rules: LoginBackoffRules
  private readonly now: () => number
  private readonly accounts = new Map<string, Counter>()
  private readonly addresses = new Map<string, Counter>()
  private global: Counter = { failures: 0, lastFailureAt: 0 }

  constructor(options: LoginRateLimiterOptions = {}) {
    this.rules = { ...DEFAULT_LOGIN_BACKOFF, ...options.rules }
    this.now = options.now ?? Date.now
  }

  /**
   * How long a sign-in of `username` from `address` must wait, in milliseconds, and which counter
   * says so; `{ waitMs: 0 }` when it may be checked now.
   */
  wait(username: string, address: string): { waitMs: number; reason?: LoginWaitReason } {
    const waits: [LoginWaitReason, number][] = [
      ['account', this.waitOf(this.accounts.get(username), this.rules.account)],
      ['address', this.waitOf(this.addresses.get(address), this.rules.address)],
      ['global', this.waitOf(this.global, this.rules.global)],
    ]
    const [reason, waitMs] = waits.reduce((longest, next) => (next[1] > longest[1] ? next : longest))
    return waitMs > 0 ? { waitMs, reason } : { waitMs: 0 }
  }

  /** Records a failed sign-in of `username` from `address`. */
  fail(username: string, address: string): void {
    const time = this.now()
    this.bump(this.accounts, username, this.rules.account, time)
    this.bump(this.addresses, address, this.rules.address, time)
    this.global = this.next(this.global, this.rules.global, time)
  }

  /** A sign-in succeeded: its account and address start again from zero (all sign-ins do not). */
  succeed(username: string, address: string): void {
    this.accounts.delete(username)
    this.addresses.delete(address)
  }

  private waitOf(counter: Counter | undefined, rule: BackoffRule): number {
    if (!counter || counter.failures < rule.freeFailures) return 0
    const time = this.now()
    if (time - counter.lastFailureAt >= rule.forgetAfterMs) return 0
    const doublings = Math.min(counter.failures - rule.freeFailures, 30)
    const delay = Math.min(rule.maxDelayMs, rule.baseDelayMs * 2 ** doublings)
    return Math.max(0, counter.lastFailureAt + delay - time)
  }

  private next(counter: Counter | undefined, rule: BackoffRule, time: number): Counter {
    const fresh = !counter || time - counter.lastFailureAt >= rule.forgetAfterMs
    return { failures: fresh ? 1 : counter.failures + 1, lastFailureAt: time }
  }

  private bump(counters: Map<string, Counter>, key: string, rule: BackoffRule, time: number): void {
    const counter = this.next(counters.get(key), rule, time)
    // Deleted first so that the map's order is the order of last failures, oldest first.
    counters.delete(key)
    counters.set(key, counter)
    for (const [name, oldest] of counters) {
      if (counters.size <= MAX_TRACKED && time - oldest.lastFailureAt < rule.forgetAfterMs) break
      counters.delete(name)
    }
  }
}
