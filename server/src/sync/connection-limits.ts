/**
 * Limits that keep one client from starving the others: how many websocket connections one
 * address may hold at once, how many messages one connection may send per second, and how much
 * checking work (bytes examined) its messages may cost per second (token buckets, so that short
 * bursts such as a reconnect's sync pass). Runtime-independent: the Node
 * adapter and the gateway apply them.
 */

/** The connection limits of a server; 0 turns a limit off. */
export type ConnectionLimits = {
  /** The most websocket connections (and pending upgrades) one client address may hold. */
  maxConnectionsPerIp: number
  /** The sustained number of messages per second one connection may send. */
  maxMessagesPerSecond: number
  /** How many messages above the sustained rate one connection may send at once. */
  maxMessageBurst: number
  /**
   * The bytes the server's checks may examine per second for one connection: every check (the
   * update budget, the read-only check, the notice and comment guards) is linear in the message,
   * so a message costs its length; two seconds' worth may come at once.
   */
  maxWorkBytesPerSecond: number
  /** The most bytes queued to one connection before it is dropped as a slow consumer. */
  maxBufferedBytes: number
}

/**
 * A token bucket: holds at most `burst` tokens, refilled at `ratePerSecond`; each message takes
 * one. A client within the rate never runs dry; a flood empties the bucket within `burst`
 * messages.
 */
export class TokenBucket {
  private readonly ratePerMs: number
  private readonly burst: number
  private readonly now: () => number
  private tokens: number
  private last: number

  /** `now` is the clock in milliseconds (default `performance.now`). */
  constructor(ratePerSecond: number, burst: number, now: () => number = () => performance.now()) {
    if (!(ratePerSecond > 0) || !(burst >= 1)) {
      throw new RangeError(
        `A token bucket needs a positive rate and a burst of at least 1, got ${ratePerSecond} and ${burst}`,
      )
    }
    this.ratePerMs = ratePerSecond / 1000
    this.burst = burst
    this.now = now
    this.tokens = burst
    this.last = now()
  }

  /** Takes `cost` tokens (one by default); false when there are not that many left (the caller is over its rate). */
  take(cost = 1): boolean {
    if (!this.hasToken(cost)) return false
    this.tokens -= cost
    return true
  }

  /** Whether `cost` tokens (one by default) are there to take, without taking them. */
  hasToken(cost = 1): boolean {
    const now = this.now()
    this.tokens = Math.min(this.burst, this.tokens + (now - this.last) * this.ratePerMs)
    this.last = now
    return this.tokens >= cost
  }
}

/**
 * The bucket of one connection under `limits`, or null when messages are not limited. The burst
 * is at least the per-second rate, so that one second's worth always passes at once.
 */
export function messageBucket(
  limits: Pick<ConnectionLimits, 'maxMessagesPerSecond' | 'maxMessageBurst'>,
): TokenBucket | null {
  if (limits.maxMessagesPerSecond <= 0) return null
  return new TokenBucket(
    limits.maxMessagesPerSecond,
    Math.max(limits.maxMessageBurst, limits.maxMessagesPerSecond),
  )
}

/**
 * The work budget of one connection under `limits` (tokens are bytes examined, two seconds' worth
 * at once), or null when work is not limited. A message larger than the burst never passes; the
 * message size limit is far below it.
 */
export function workBucket(limits: Pick<ConnectionLimits, 'maxWorkBytesPerSecond'>): TokenBucket | null {
  if (limits.maxWorkBytesPerSecond <= 0) return null
  return new TokenBucket(limits.maxWorkBytesPerSecond, 2 * limits.maxWorkBytesPerSecond)
}

/** Counts the open connections of each client address against a maximum (0: no maximum). */
export class AddressConnections {
  private readonly max: number
  private readonly counts = new Map<string, number>()

  constructor(max: number) {
    this.max = max
  }

  /** How many connections `address` holds now. */
  count(address: string): number {
    return this.counts.get(address) ?? 0
  }

  /**
   * Counts one more connection of `address` and returns the function that uncounts it (safe to
   * call more than once), or null when `address` is at the maximum already.
   */
  admit(address: string): (() => void) | null {
    const count = this.count(address)
    if (this.max > 0 && count >= this.max) return null
    this.counts.set(address, count + 1)
    let released = false
    return () => {
      if (released) return
      released = true
      const left = this.count(address) - 1
      if (left > 0) this.counts.set(address, left)
      else this.counts.delete(address)
    }
  }
}
