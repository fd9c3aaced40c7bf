import { describe, expect, it } from 'vitest'
import { AddressConnections, messageBucket, TokenBucket, workBucket } from './connection-limits'

describe('TokenBucket', () => {
  it('lets a burst through at once, then refuses until time refills it at the rate', () => {
    let now = 0
    const bucket = new TokenBucket(10, 3, () => now)

    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false])
    now += 100
    expect([bucket.take(), bucket.take()]).toEqual([true, false])
    now += 10_000
    expect(Array.from({ length: 4 }, () => bucket.take())).toEqual([true, true, true, false])
  })

  it('never refuses a client that stays at its rate', () => {
    let now = 0
    const bucket = new TokenBucket(200, 200, () => now)
    for (let message = 0; message < 10_000; message++) {
      now += 5
      expect(bucket.take()).toBe(true)
    }
  })

  it('refuses a rate or burst that could never let anything through', () => {
    expect(() => new TokenBucket(0, 10)).toThrow(RangeError)
    expect(() => new TokenBucket(10, 0)).toThrow(/burst of at least 1/)
  })
})

describe('messageBucket', () => {
  it('is null when messages are not limited, and bursts at least one second of the rate', () => {
    expect(messageBucket({ maxMessagesPerSecond: 0, maxMessageBurst: 400 })).toBeNull()
    const bucket = messageBucket({ maxMessagesPerSecond: 5, maxMessageBurst: 1 })
    expect(Array.from({ length: 6 }, () => bucket?.take())).toEqual([true, true, true, true, true, false])
  })
})

describe('workBucket', () => {
  it('is null when work is not limited, and takes each message at its cost up to two seconds of the budget', () => {
    expect(workBucket({ maxWorkBytesPerSecond: 0 })).toBeNull()
    const bucket = workBucket({ maxWorkBytesPerSecond: 1000 })
    expect([bucket?.take(1500), bucket?.take(400), bucket?.take(200)]).toEqual([true, true, false])
  })
})

describe('AddressConnections', () => {
  it('admits up to the maximum per address, each address on its own, and again once one is released', () => {
    const connections = new AddressConnections(2)
    const first = connections.admit('10.0.0.1')
    const second = connections.admit('10.0.0.1')

    expect(connections.admit('10.0.0.1')).toBeNull()
    expect(connections.admit('10.0.0.2')).not.toBeNull()
    first?.()
    first?.()
    expect(connections.count('10.0.0.1')).toBe(1)
    expect(connections.admit('10.0.0.1')).not.toBeNull()
    second?.()
  })

  it('admits everyone when the maximum is 0', () => {
    const connections = new AddressConnections(0)
    for (let index = 0; index < 1000; index++) expect(connections.admit('10.0.0.1')).not.toBeNull()
  })
})
