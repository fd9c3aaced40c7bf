/**
 * Group commit for document updates: every update appended during one turn of the event loop
 * (across all rooms) is written in one storage transaction, so a burst of keystrokes from many
 * clients costs one fsync instead of one each. A write's promise resolves, with the seq the
 * update got in its notice's log, only once it is durable.
 */
import type { UpdateAppend, UpdateLog } from '../storage/update-log'

/** An update that could not be stored; the room that accepted it must close. */
export class UpdateWriteError extends Error {
  /** The notice whose update was not stored. */
  readonly noticeId: string
  constructor(noticeId: string, options: ErrorOptions) {
    super(`An update to notice "${noticeId}" could not be stored`, options)
    this.name = 'UpdateWriteError'
    this.noticeId = noticeId
  }
}

type Pending = {
  entry: UpdateAppend
  /** `performance.now()` when it was appended. */
  queuedAt: number
  resolve: (seq: number) => void
  reject: (error: UpdateWriteError) => void
}

/** Options of {@link UpdateWriter}. */
export type UpdateWriterOptions = {
  /** The most updates written in one transaction (default 1000). */
  maxBatch?: number
  /** Told, for each durable update, the seconds from its append to its being durable (metrics). */
  observeLatency?: (seconds: number) => void
}

/**
 * Queues updates and writes them in batches, one batch at a time, in the order they were
 * appended; so each notice's log keeps the order in which its room applied the updates.
 */
export class UpdateWriter {
  private readonly storage: UpdateLog
  private readonly maxBatch: number
  private readonly observeLatency: ((seconds: number) => void) | undefined
  private queue: Pending[] = []
  private scheduled = false
  private flushing: Promise<void> | null = null
  private idleWaiters: (() => void)[] = []

  constructor(storage: UpdateLog, options: UpdateWriterOptions = {}) {
    this.storage = storage
    this.maxBatch = options.maxBatch ?? 1000
    this.observeLatency = options.observeLatency
  }

  /**
   * Queues `entry`; resolves with its seq when it is durable, rejects with {@link UpdateWriteError}
   * if it is not.
   */
  append(entry: UpdateAppend): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ entry, queuedAt: performance.now(), resolve, reject })
      this.schedule()
    })
  }

  /** Resolves once every update appended so far has been written or has failed. */
  drain(): Promise<void> {
    if (this.queue.length === 0 && !this.flushing && !this.scheduled) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return
    this.scheduled = true
    // setImmediate, not a microtask: let every message already read from the sockets in this
    // turn of the event loop join the batch.
    setImmediate(() => {
      this.scheduled = false
      this.flushing = this.flush().finally(() => {
        this.flushing = null
        if (this.queue.length > 0) this.schedule()
        else for (const wake of this.idleWaiters.splice(0)) wake()
      })
    })
  }

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0, this.maxBatch)
    if (batch.length === 0) return
    try {
      this.settle(batch, await this.storage.appendUpdates(batch.map((pending) => pending.entry)))
      return
    } catch (error) {
      if (new Set(batch.map((pending) => pending.entry.noticeId)).size === 1) {
        this.fail(batch, error)
        return
      }
    }
    // The transaction rolled back as a whole. Retry notice by notice, so that one notice's
    // failure (say, deleted meanwhile) does not close the rooms of all the others.
    const byNotice = new Map<string, Pending[]>()
    for (const pending of batch) {
      const group = byNotice.get(pending.entry.noticeId) ?? []
      group.push(pending)
      byNotice.set(pending.entry.noticeId, group)
    }
    for (const group of byNotice.values()) {
      try {
        this.settle(group, await this.storage.appendUpdates(group.map((pending) => pending.entry)))
      } catch (error) {
        this.fail(group, error)
      }
    }
  }

  private settle(group: Pending[], seqs: readonly number[]): void {
    const now = performance.now()
    group.forEach((pending, index) => {
      const seq = seqs[index]
      if (seq === undefined) {
        pending.reject(
          new UpdateWriteError(pending.entry.noticeId, {
            cause: new Error(`The storage answered ${seqs.length} seqs for a batch of ${group.length}`),
          }),
        )
      } else {
        this.observeLatency?.((now - pending.queuedAt) / 1000)
        pending.resolve(seq)
      }
    })
  }

  private fail(group: Pending[], cause: unknown): void {
    for (const pending of group) pending.reject(new UpdateWriteError(pending.entry.noticeId, { cause }))
  }
}
