/**
 * Which seqs of one notice's log a room holds: every seq up to a contiguous mark, plus the ones
 * seen beyond it. A seq missing below the highest one seen is a gap: an update some instance
 * stored that this one has not applied, to be read back from storage.
 */

/** The seqs one room has applied. */
export class SeqTracker {
  private mark: number
  private readonly ahead = new Set<number>()
  private highest: number

  /** Starts with every seq through `contiguous` held (the log as it was loaded). */
  constructor(contiguous: number) {
    this.mark = contiguous
    this.highest = contiguous
  }

  /** Every seq up to and including this one has been applied. */
  get contiguous(): number {
    return this.mark
  }

  /** The highest seq applied. */
  get highestSeen(): number {
    return this.highest
  }

  /** Whether a seq below the highest one seen is missing. */
  get hasGap(): boolean {
    return this.highest > this.mark
  }

  /** Records that update `seq` has been applied, moving the mark over every seq now contiguous. */
  add(seq: number): void {
    if (seq <= this.mark) return
    if (seq > this.highest) this.highest = seq
    this.ahead.add(seq)
    while (this.ahead.delete(this.mark + 1)) this.mark += 1
  }

  /**
   * Records a catch-up: the rows read after the mark were applied, the last being `seq`. Rows of
   * one log read have no holes (a merged row holds everything before it), so everything through
   * `seq` is held now.
   */
  coverThrough(seq: number): void {
    if (seq <= this.mark) return
    this.mark = seq
    if (seq > this.highest) this.highest = seq
    for (const held of this.ahead) if (held <= seq) this.ahead.delete(held)
    while (this.ahead.delete(this.mark + 1)) this.mark += 1
  }
}
