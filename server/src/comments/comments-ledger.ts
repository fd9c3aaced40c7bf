/**
 * The counts of one notice's comments document that its caps are checked against: threads and
 * comments in all and per author, and the bytes of the document. Counted once when the room
 * loads, then kept up to date from each change (only the threads it touches), so checking a cap
 * never reads the whole document.
 */
import { type CommentThread, readThreads } from '@convene/schema'
import * as Y from 'yjs'

/** The caps on a notice's comments (configuration, see config.ts). */
export type CommentLimits = {
  /** The most threads in one notice. */
  maxThreadsPerNotice: number
  /** The most comments (first comments and replies, deleted ones included) in one notice. */
  maxCommentsPerNotice: number
  /** The most threads one user opens in one notice. */
  maxThreadsPerUser: number
  /** The most comments one user writes in one notice. */
  maxCommentsPerUser: number
  /** The largest comments document, in bytes (its state when loaded plus every change since). */
  maxDocBytes: number
  /** The most changes one user makes to one notice's comments per minute. */
  maxWritesPerMinute: number
  /** How far a comment's times may be from the server's clock, in milliseconds. */
  clockSkewMs: number
}

/** What the ledger keeps of one thread. */
type ThreadTally = { authorId: string; commentAuthors: string[] }

/** Threads and comments counted. */
export type Totals = { threads: number; comments: number }

const tallyOf = (thread: CommentThread | null): ThreadTally | null =>
  thread && { authorId: thread.authorId, commentAuthors: thread.comments.map((comment) => comment.authorId) }

/** The counts of one comments document. */
export class CommentsLedger {
  private readonly threads = new Map<string, ThreadTally>()
  private readonly perUser = new Map<string, Totals>()
  private readonly total: Totals = { threads: 0, comments: 0 }
  private bytes: number

  /** Counts what `doc` holds (once, when its room loads). */
  constructor(doc: Y.Doc) {
    this.bytes = Y.encodeStateAsUpdate(doc).length
    for (const thread of readThreads(doc)) this.record(thread.id, thread)
  }

  /**
   * Why changing the threads `changed` (by id: the thread after the change, or null when there is
   * none) with an update of `updateBytes` would go over `limits`, or null when it would not.
   */
  overLimit(
    changed: ReadonlyMap<string, CommentThread | null>,
    updateBytes: number,
    limits: CommentLimits,
  ): string | null {
    const total = { ...this.total }
    const perUser = new Map<string, Totals>()
    const userTotals = this.draftTotals(perUser)
    for (const [id, thread] of changed) {
      this.apply(this.threads.get(id) ?? null, -1, total, userTotals)
      this.apply(tallyOf(thread), 1, total, userTotals)
    }
    return this.excess(total, perUser, updateBytes, limits)
  }

  /**
   * Why `userId` adding `added` threads and comments with an update of `updateBytes` would go
   * over `limits`, or null: the same caps, checked before an update is even tried.
   */
  overLimitAdding(userId: string, added: Totals, updateBytes: number, limits: CommentLimits): string | null {
    const total = {
      threads: this.total.threads + added.threads,
      comments: this.total.comments + added.comments,
    }
    const perUser = new Map<string, Totals>()
    const totals = this.draftTotals(perUser)(userId)
    totals.threads += added.threads
    totals.comments += added.comments
    return this.excess(total, perUser, updateBytes, limits)
  }

  /** A reader of per-user totals that copies them into `drafts` on first use, to change freely. */
  private draftTotals(drafts: Map<string, Totals>): (userId: string) => Totals {
    return (userId) => {
      let totals = drafts.get(userId)
      if (!totals) {
        totals = { ...(this.perUser.get(userId) ?? { threads: 0, comments: 0 }) }
        drafts.set(userId, totals)
      }
      return totals
    }
  }

  /** The first cap that `total` and `perUser` (the users whose totals changed) go over, grown, or null. */
  private excess(
    total: Totals,
    perUser: ReadonlyMap<string, Totals>,
    updateBytes: number,
    limits: CommentLimits,
  ): string | null {
    if (this.bytes + updateBytes > limits.maxDocBytes) {
      return `the comments would take ${this.bytes + updateBytes} bytes, over the limit of ${limits.maxDocBytes} (MAX_COMMENTS_DOC_BYTES)`
    }
    if (total.threads > limits.maxThreadsPerNotice && total.threads > this.total.threads) {
      return `the notice would have ${total.threads} comment threads, over the limit of ${limits.maxThreadsPerNotice} (MAX_COMMENT_THREADS_PER_NOTICE)`
    }
    if (total.comments > limits.maxCommentsPerNotice && total.comments > this.total.comments) {
      return `the notice would have ${total.comments} comments, over the limit of ${limits.maxCommentsPerNotice} (MAX_COMMENTS_PER_NOTICE)`
    }
    for (const [userId, totals] of perUser) {
      const now = this.perUser.get(userId) ?? { threads: 0, comments: 0 }
      if (totals.threads > limits.maxThreadsPerUser && totals.threads > now.threads) {
        return `user ${userId} would have opened ${totals.threads} threads here, over the limit of ${limits.maxThreadsPerUser} (MAX_COMMENT_THREADS_PER_USER)`
      }
      if (totals.comments > limits.maxCommentsPerUser && totals.comments > now.comments) {
        return `user ${userId} would have written ${totals.comments} comments here, over the limit of ${limits.maxCommentsPerUser} (MAX_COMMENTS_PER_USER)`
      }
    }
    return null
  }

  /** Takes in a change: the threads `changed` are now as given, and the document grew by `updateBytes`. */
  commit(changed: ReadonlyMap<string, CommentThread | null>, updateBytes: number): void {
    this.bytes += updateBytes
    for (const [id, thread] of changed) this.record(id, thread)
  }

  private record(id: string, thread: CommentThread | null): void {
    const userTotals = (userId: string): Totals => {
      let totals = this.perUser.get(userId)
      if (!totals) {
        totals = { threads: 0, comments: 0 }
        this.perUser.set(userId, totals)
      }
      return totals
    }
    this.apply(this.threads.get(id) ?? null, -1, this.total, userTotals)
    const tally = tallyOf(thread)
    this.apply(tally, 1, this.total, userTotals)
    if (tally) this.threads.set(id, tally)
    else this.threads.delete(id)
  }

  /** Adds (`sign` 1) or takes away (-1) the counts of `tally`. */
  private apply(
    tally: ThreadTally | null,
    sign: 1 | -1,
    total: Totals,
    userTotals: (userId: string) => Totals,
  ): void {
    if (!tally) return
    total.threads += sign
    total.comments += sign * tally.commentAuthors.length
    userTotals(tally.authorId).threads += sign
    for (const authorId of tally.commentAuthors) userTotals(authorId).comments += sign
  }
}
