/**
 * The pool of worker threads (Piscina) that renders exports and comparisons off the event loop,
 * with a bounded number of threads, a bounded queue and a heap limit per thread: a task beyond
 * the queue is refused at once ({@link PoolSaturatedError}, a 503 with Retry-After), and a task
 * that needs more memory than a worker has fails alone ({@link HeavyTaskError}), the server runs on.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { ExportFormat, ExportRevision, ExportSource } from '@convene/export'
import { ImportError, type ImportedNotice, type ImportFileOptions } from '@convene/import'
import type { NoticeDiff, NoticeSnapshot } from '@convene/schema'
import { Piscina } from 'piscina'
import type { RenderedDraft } from '../notices/draft-export'
import type { FreezeRefusal } from '../revisions/freeze-check'
import type { HeavyTask, ImportOutcome } from './heavy-work-worker'

/** Options of {@link HeavyWorkPool}. */
export type HeavyWorkPoolOptions = {
  /** Worker threads. */
  threads: number
  /** Tasks that may wait for a thread; one more is refused. */
  queue: number
  /** Heap of each worker (old generation), in MiB. */
  memoryMb: number
  /** Told when a worker thread fails outside a task (it cannot start, say); never throws. */
  onWorkerError?: (error: unknown) => void
}

/** Every thread is busy and the queue is full: try again later. */
export class PoolSaturatedError extends Error {
  constructor(
    readonly threads: number,
    readonly queue: number,
  ) {
    super(
      `The server is busy: ${threads} exports or comparisons are running and ${queue} are waiting (WORKER_THREADS, WORKER_QUEUE); try again in a few seconds`,
    )
    this.name = 'PoolSaturatedError'
  }
}

/** A task failed in its worker (out of memory, or the renderer threw). */
export class HeavyTaskError extends Error {
  constructor(kind: HeavyTask['kind'], options: { cause: unknown }) {
    const reason = options.cause instanceof Error ? options.cause.message : String(options.cause)
    const work = {
      export: 'export',
      compare: 'comparison',
      draft: 'draft export',
      'freeze-check': 'check before freezing',
      'quick-check': 'database integrity check',
      import: 'import',
    }[kind]
    super(`The ${work} failed in its worker: ${reason}`, options)
    this.name = 'HeavyTaskError'
  }
}

/**
 * The worker file, found from this module's real location: bundled (server/dist), the compiled
 * `heavy-work-worker.js` beside it; from sources, the entry that registers tsx in the worker thread
 * first (heavy-work-worker-source.mjs). Read through `meta`, not as one expression: the bundler
 * rewrites that expression to the source file's path.
 */
function workerEntry(): string {
  const meta = import.meta
  const compiled = fileURLToPath(new URL('./heavy-work-worker.js', meta.url))
  if (!meta.url.endsWith('.ts') && existsSync(compiled)) return compiled
  return fileURLToPath(new URL('./heavy-work-worker-source.mjs', meta.url))
}

/** Runs exports and comparisons on worker threads. */
export class HeavyWorkPool {
  private readonly pool: Piscina
  private readonly options: HeavyWorkPoolOptions

  constructor(options: HeavyWorkPoolOptions) {
    this.options = options
    this.pool = new Piscina({
      filename: workerEntry(),
      // Started on the first heavy request and stopped after idleTimeout: an idle server holds no
      // thread (each is a V8 isolate of some 10 MB); a thread starts off the event loop.
      minThreads: 0,
      maxThreads: options.threads,
      maxQueue: Math.max(1, options.queue),
      idleTimeout: 30_000,
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb },
    })
    // Without a listener, an 'error' event would end the process.
    this.pool.on('error', (error: unknown) => options.onWorkerError?.(error))
  }

  /** Tasks running or waiting now. */
  private running = 0

  /** Renders `input` as `format` on a worker. */
  async renderExport(input: ExportSource, format: ExportFormat): Promise<Uint8Array> {
    return (await this.run({ kind: 'export', input, format })) as Uint8Array
  }

  /** The structured diff from `older` to `newer`, computed on a worker. */
  async compare(older: NoticeSnapshot, newer: NoticeSnapshot): Promise<NoticeDiff> {
    return (await this.run({ kind: 'compare', older, newer })) as NoticeDiff
  }

  /** A notice read from its Yjs `updates` and rendered as a draft in `format`, on a worker. */
  async renderDraft(updates: Uint8Array[], format: ExportFormat, createdAt: string): Promise<RenderedDraft> {
    return (await this.run({ kind: 'draft', updates, format, createdAt })) as RenderedDraft
  }

  /** Why the content state `content` cannot be frozen as `revision`, or null, checked on a worker (freeze-check.ts). */
  async checkFreeze(content: Uint8Array, revision: ExportRevision): Promise<FreezeRefusal | null> {
    return (await this.run({ kind: 'freeze-check', content, revision })) as FreezeRefusal | null
  }

  /** The problems `PRAGMA quick_check` finds in the SQLite database `file`, checked on a worker. */
  async quickCheck(file: string): Promise<string[]> {
    return (await this.run({ kind: 'quick-check', file })) as string[]
  }

  /** A file read and recognised as a notice on a worker; throws the reader's {@link ImportError} for a refused file. */
  async importNotice(
    bytes: Uint8Array,
    contentType: string,
    options: ImportFileOptions,
  ): Promise<ImportedNotice> {
    const outcome = (await this.run({ kind: 'import', bytes, contentType, options })) as ImportOutcome
    if ('refused' in outcome) throw new ImportError(outcome.refused.status, outcome.refused.message)
    return outcome.imported
  }

  /** Waits for running tasks and stops the threads. */
  async close(): Promise<void> {
    await this.pool.close()
  }

  private async run(task: HeavyTask): Promise<unknown> {
    const { threads, queue } = this.options
    // Counted here, not from Piscina's queue: a thread still starting holds its task unqueued.
    if (this.running >= threads + queue) throw new PoolSaturatedError(threads, queue)
    this.running += 1
    try {
      return await this.pool.run(task)
    } catch (cause) {
      throw new HeavyTaskError(task.kind, { cause })
    } finally {
      this.running -= 1
    }
  }
}
