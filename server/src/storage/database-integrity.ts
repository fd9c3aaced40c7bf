/**
 * The integrity of the database file as last checked (`PRAGMA quick_check`): checked once at
 * start, then again when readiness is asked, at most once per interval and one check at a time,
 * so that a load balancer polling `/api/ready` never queues checks. A failed check is logged (once
 * for the same problems); the
 * server keeps serving what still reads, and a notice stored on a damaged page fails to load and
 * is refused (never rewritten).
 */
import type { Logger } from 'pino'

/** Options of {@link DatabaseIntegrity}. */
export type DatabaseIntegrityOptions = {
  /** Runs one check: the problems found, empty when the database is sound; never rejects. */
  check(): Promise<string[]>
  /** The least time between two checks, in milliseconds; a request sooner gets the last result. */
  minIntervalMs: number
  logger: Logger
  /** The clock, in milliseconds (defaults to `Date.now`). */
  now?: () => number
}

/** The database's integrity, checked now and then. */
export class DatabaseIntegrity {
  private readonly options: DatabaseIntegrityOptions
  private readonly now: () => number
  private last: string[] = []
  private checkedAt = Number.NEGATIVE_INFINITY
  private running: Promise<string[]> | null = null

  constructor(options: DatabaseIntegrityOptions) {
    this.options = options
    this.now = options.now ?? Date.now
  }

  /** The problems the last check found (empty: sound, or not checked yet). */
  get problems(): readonly string[] {
    return this.last
  }

  /** Records the result of a check made elsewhere (the one at start, before the worker pool runs). */
  record(problems: string[]): void {
    this.checkedAt = this.now()
    const changed = problems.join('\n') !== this.last.join('\n')
    if (problems.length > 0 && changed) {
      this.options.logger.error(
        { problems },
        'the database failed its integrity check (PRAGMA quick_check): notices stored on damaged pages are refused; restore the file from a backup',
      )
    } else if (problems.length === 0 && this.last.length > 0) {
      this.options.logger.info('the database passes its integrity check again')
    }
    this.last = problems
  }

  /** The problems found by a check at most `minIntervalMs` old, running one if the last is older. */
  async current(): Promise<readonly string[]> {
    if (this.now() - this.checkedAt < this.options.minIntervalMs) return this.last
    this.running ??= this.options
      .check()
      .then((problems) => {
        this.record(problems)
        return problems
      })
      .finally(() => {
        this.running = null
      })
    return this.running
  }
}
