import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { DatabaseIntegrity } from './database-integrity'

/** An integrity whose checks answer `answers` in turn, on a clock the test moves. */
function integrityAnswering(answers: string[][]) {
  const clock = { now: 0 }
  let checks = 0
  const integrity = new DatabaseIntegrity({
    check: async () => answers[checks++] ?? [],
    minIntervalMs: 1000,
    logger: pino({ level: 'silent' }),
    now: () => clock.now,
  })
  return { integrity, clock, checks: () => checks }
}

describe('DatabaseIntegrity', () => {
  it('keeps what the check at start found until a newer check says otherwise', async () => {
    const { integrity, clock } = integrityAnswering([
      ['Tree 4 page 12: btreeInitPage() returns error code 11'],
      [],
    ])
    integrity.record(['Tree 4 page 12: btreeInitPage() returns error code 11'])
    expect(integrity.problems).toHaveLength(1)
    clock.now = 5000
    expect(await integrity.current()).toEqual(['Tree 4 page 12: btreeInitPage() returns error code 11'])
    clock.now = 10_000
    expect(await integrity.current()).toEqual([])
    expect(integrity.problems).toEqual([])
  })

  it('runs one check at a time and none within the interval of the last', async () => {
    const { integrity, clock, checks } = integrityAnswering([['damaged'], ['still damaged']])
    const [first, second] = await Promise.all([integrity.current(), integrity.current()])
    expect(first).toEqual(['damaged'])
    expect(second).toBe(first)
    clock.now = 999
    expect(await integrity.current()).toEqual(['damaged'])
    expect(checks()).toBe(1)
    clock.now = 1000
    expect(await integrity.current()).toEqual(['still damaged'])
    expect(checks()).toBe(2)
  })
})
