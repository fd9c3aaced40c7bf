/**
 * Summary statistics for benchmark samples: nearest-rank percentiles over a growable array of
 * doubles, so that hundreds of thousands of latency samples cost a few megabytes, not objects.
 */

/** Percentiles and extremes of one sample set, in the samples' unit (milliseconds for latency). */
export type Summary = {
  count: number
  mean: number
  p50: number
  p90: number
  p99: number
  max: number
}

/** The summary of an empty sample set: every figure is NaN, which the tables print as "n/a". */
export const EMPTY_SUMMARY: Summary = { count: 0, mean: NaN, p50: NaN, p90: NaN, p99: NaN, max: NaN }

/** An append-only list of doubles backed by a Float64Array that doubles when full. */
export class Samples {
  private data: Float64Array
  private size = 0

  constructor(initialCapacity = 1024) {
    this.data = new Float64Array(Math.max(16, initialCapacity))
  }

  get length(): number {
    return this.size
  }

  push(value: number): void {
    if (this.size === this.data.length) {
      const grown = new Float64Array(this.data.length * 2)
      grown.set(this.data)
      this.data = grown
    }
    this.data[this.size++] = value
  }

  /** The samples as a fresh sorted array (the list itself is left untouched). */
  sorted(): Float64Array {
    return this.data.slice(0, this.size).sort()
  }

  summary(): Summary {
    return summarize(this.sorted())
  }
}

/** Nearest-rank percentile of an ascending array: the smallest value with at least q of the samples at or below it. */
export function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)))
  return sorted[rank - 1] ?? NaN
}

/** Summarises an ascending array of samples. */
export function summarize(sorted: Float64Array): Summary {
  if (sorted.length === 0) return EMPTY_SUMMARY
  let total = 0
  for (const value of sorted) total += value
  return {
    count: sorted.length,
    mean: total / sorted.length,
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? NaN,
  }
}

/** Summarises an unsorted list of numbers. */
export function summarizeValues(values: readonly number[]): Summary {
  return summarize(Float64Array.from(values).sort())
}
