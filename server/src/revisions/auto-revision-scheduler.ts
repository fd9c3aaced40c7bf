/**
 * Automatic revisions while a notice is being edited: one after `intervalMs` of activity (counted
 * from the first edit since the last one), one when the last editor leaves its room, and one for
 * each notice still changed when the server shuts down. Never one for an unchanged notice: the
 * service compares with the latest revision's hash. It listens to the rooms as a `RoomEvents`.
 */
import type { Logger } from 'pino'
import { NoticeNotFoundError } from '../sync/notice-errors'
import type { Room } from '../sync/room'
import type { RoomEvents } from '../sync/room-events'
import { RegistryClosedError } from '../sync/room-registry'
import type { RevisionService } from './revision-service'

/** Options of {@link AutoRevisionScheduler}. */
export type AutoRevisionSchedulerOptions = {
  service: Pick<RevisionService, 'autoRevision'>
  /** How long after the first edit since the last revision to take one; 0: only when editors leave. */
  intervalMs: number
  logger: Logger
}

/** Takes automatic revisions of the notices being edited in this process. */
export class AutoRevisionScheduler implements RoomEvents {
  private readonly options: AutoRevisionSchedulerOptions
  /** The notices changed since their last automatic revision, with the timer of the next one. */
  private readonly changed = new Map<string, ReturnType<typeof setTimeout> | null>()
  private readonly running = new Set<Promise<void>>()
  private closing = false

  constructor(options: AutoRevisionSchedulerOptions) {
    this.options = options
  }

  /** The notices changed since their last automatic revision (for tests and metrics). */
  get pendingNotices(): string[] {
    return [...this.changed.keys()]
  }

  /** An edit of `noticeId` was accepted: start counting towards its next revision. */
  noticeChanged(noticeId: string): void {
    if (this.closing || this.changed.has(noticeId)) return
    const { intervalMs } = this.options
    const timer = intervalMs > 0 ? setTimeout(() => this.take(noticeId), intervalMs) : null
    timer?.unref()
    this.changed.set(noticeId, timer)
  }

  /** Nobody edits `noticeId` any more (its last editor left): take its revision now if it changed. */
  noticeIdle(noticeId: string): void {
    if (this.changed.has(noticeId)) this.take(noticeId)
  }

  /** `noticeId` is gone (deleted): forget it. */
  noticeDeleted(noticeId: string): void {
    this.clear(noticeId)
  }

  /**
   * Stops scheduling: takes the revision of every notice still changed, then waits for every
   * revision under way. Call it while the rooms are still open.
   */
  async close(): Promise<void> {
    for (const noticeId of [...this.changed.keys()]) this.take(noticeId)
    this.closing = true
    while (this.running.size > 0) await Promise.all(this.running)
  }

  // RoomEvents: an accepted edit is durable, the room is idle, the notice was deleted.

  opened(_room: Room, _lastSeq: number): void {}

  stored(room: Room, _update: Uint8Array, _seq: number): void {
    this.noticeChanged(room.noticeId)
  }

  awareness(_room: Room, _update: Uint8Array): void {}

  idle(room: Room): void {
    this.noticeIdle(room.noticeId)
  }

  closed(_room: Room): void {}

  deleted(noticeId: string): void {
    this.noticeDeleted(noticeId)
  }

  private clear(noticeId: string): void {
    const timer = this.changed.get(noticeId)
    if (timer) clearTimeout(timer)
    this.changed.delete(noticeId)
  }

  private take(noticeId: string): void {
    this.clear(noticeId)
    if (this.closing) return
    const log = this.options.logger
    const run = this.options.service.autoRevision(noticeId).then(
      (revision) => {
        if (revision) log.debug({ noticeId, rev: revision.rev }, 'took an automatic revision')
      },
      (error: unknown) => {
        // Gone or shutting down: there is nothing to keep. Anything else loses no edit (the update
        // log has them all) but leaves a gap in the history, which an operator should hear about.
        if (error instanceof NoticeNotFoundError || error instanceof RegistryClosedError) return
        log.error({ err: error, noticeId }, 'an automatic revision could not be taken')
      },
    )
    this.running.add(run)
    void run.then(() => this.running.delete(run))
  }
}
