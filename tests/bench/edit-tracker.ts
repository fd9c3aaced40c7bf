/**
 * Bookkeeping of benchmark edits: when each edit was made, which clients have seen it, and the
 * delivery latency of every (edit, other client) pair. Flat typed arrays, so that a 100-client run
 * with thousands of edits costs a few megabytes and no garbage per observation.
 */
import { Samples, type Summary } from './stats'

/** Tracks edits made in rooms of at most `clientsPerRoom` clients (each client has a local index in its room). */
export class EditTracker {
  private sentAt: Float64Array
  private writer: Int32Array
  private observers: Int32Array
  private expected: Int32Array
  private seen: Uint8Array
  private count = 0
  /** Edits seen by every client that should see them. */
  completed = 0
  /** Delivery latency of each (edit, client other than its writer) pair, in milliseconds. */
  readonly latency = new Samples(1 << 16)
  /** Observations of edit ids that were never made here (a corrupted marker or another run's edit). */
  unknownIds = 0

  constructor(
    capacity: number,
    private readonly clientsPerRoom: number,
  ) {
    this.sentAt = new Float64Array(capacity)
    this.writer = new Int32Array(capacity)
    this.observers = new Int32Array(capacity)
    this.expected = new Int32Array(capacity)
    this.seen = new Uint8Array(capacity * clientsPerRoom)
  }

  /** Number of edits made so far. */
  get edits(): number {
    return this.count
  }

  get capacity(): number {
    return this.sentAt.length
  }

  /**
   * Reserves the id of a new edit by client `writerLocal`, to be seen by `observersExpected` other
   * clients of its room. Call {@link EditTracker.sent} with the send time just before sending.
   */
  begin(writerLocal: number, observersExpected: number): number {
    if (this.count >= this.sentAt.length)
      throw new RangeError(`EditTracker is full (${this.sentAt.length} edits)`)
    const id = this.count++
    this.writer[id] = writerLocal
    this.expected[id] = observersExpected
    this.sentAt[id] = Number.NaN
    if (observersExpected === 0) this.completed++
    return id
  }

  sent(id: number, now: number): void {
    this.sentAt[id] = now
  }

  /**
   * Records that client `local` saw edit `id` at `now`; returns the delivery latency in milliseconds,
   * or NaN for a repeat or the writer's own echo, which are ignored.
   */
  observe(local: number, id: number, now: number): number {
    if (id >= this.count) {
      this.unknownIds++
      return Number.NaN
    }
    if (local === this.writer[id]) return Number.NaN
    const slot = id * this.clientsPerRoom + local
    if (this.seen[slot] === 1) return Number.NaN
    this.seen[slot] = 1
    const observers = (this.observers[id] ?? 0) + 1
    this.observers[id] = observers
    if (observers === this.expected[id]) this.completed++
    const latency = now - (this.sentAt[id] ?? now)
    this.latency.push(latency)
    return latency
  }

  /** Whether every client that should see edit `id` has seen it. */
  complete(id: number): boolean {
    return (this.observers[id] ?? 0) >= (this.expected[id] ?? 0)
  }

  /** Edits not yet seen by every client that should see them. */
  incomplete(): number {
    let missing = 0
    for (let id = 0; id < this.count; id++) if (!this.complete(id)) missing++
    return missing
  }

  /** (edit, client) pairs still missing. */
  missingDeliveries(): number {
    let missing = 0
    for (let id = 0; id < this.count; id++)
      missing += Math.max(0, (this.expected[id] ?? 0) - (this.observers[id] ?? 0))
    return missing
  }

  latencySummary(): Summary {
    return this.latency.summary()
  }
}
