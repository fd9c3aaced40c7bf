import { describe, expect, it } from 'vitest'
import { SeqTracker } from './seq-tracker'

describe('SeqTracker', () => {
  it('moves its mark over seqs as they fill in, in any order, and reports a gap meanwhile', () => {
    const tracker = new SeqTracker(4)
    tracker.add(6)
    expect(tracker.contiguous).toBe(4)
    expect(tracker.hasGap).toBe(true)
    tracker.add(7)
    tracker.add(5)
    expect(tracker.contiguous).toBe(7)
    expect(tracker.hasGap).toBe(false)
    tracker.add(3)
    expect(tracker.contiguous).toBe(7)
  })

  it('holds everything through the last row of a catch-up, and keeps what it saw beyond it', () => {
    const tracker = new SeqTracker(1)
    tracker.add(5)
    tracker.add(9)
    tracker.coverThrough(6)
    expect(tracker.contiguous).toBe(6)
    expect(tracker.highestSeen).toBe(9)
    expect(tracker.hasGap).toBe(true)
    tracker.add(8)
    tracker.add(7)
    expect(tracker.contiguous).toBe(9)
    tracker.coverThrough(4)
    expect(tracker.contiguous).toBe(9)
  })
})
