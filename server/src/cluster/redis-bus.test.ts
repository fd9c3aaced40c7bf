/**
 * The Redis bus against the machine's real Redis (`TEST_REDIS_URL`, by default the local one),
 * on channels and keys of a fresh prefix. An unreachable Redis fails these tests; they never skip.
 */
import { randomBytes } from 'node:crypto'
import { pino } from 'pino'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { RedisBus } from './redis-bus'

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
const silent = pino({ level: 'silent' })
const buses: RedisBus[] = []

afterEach(async () => {
  for (const bus of buses.splice(0)) await bus.close()
})

async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** A started bus on `url` that records what it receives and how often it resubscribed. */
function openBus(url = REDIS_URL) {
  const bus = new RedisBus({ url, name: 'convene-test', logger: silent, maxRetryDelayMs: 200 })
  buses.push(bus)
  const received: { channel: string; bytes: Uint8Array }[] = []
  let resubscribed = 0
  bus.start({
    message: (channel, bytes) => received.push({ channel, bytes }),
    resubscribed: () => {
      resubscribed += 1
    },
  })
  return { bus, received, resubscribed: () => resubscribed }
}

beforeAll(async () => {
  const probe = openBus()
  try {
    await waitFor(() => probe.bus.isUp, 'Redis to answer')
  } catch (cause) {
    throw new Error(
      `Redis is not reachable at ${REDIS_URL}: start it, or set TEST_REDIS_URL (never skipped)`,
      {
        cause,
      },
    )
  }
})

describe('RedisBus', () => {
  it('delivers binary messages to every subscriber of the channel, the publisher included', async () => {
    const channel = `convene-test-${randomBytes(4).toString('hex')}:notice:n`
    const a = openBus()
    const b = openBus()
    await waitFor(() => a.bus.isUp && b.bus.isUp, 'both buses up')
    expect(await a.bus.subscribe(channel)).toBe(true)
    expect(await b.bus.subscribe(channel)).toBe(true)

    expect(await a.bus.publish(channel, Uint8Array.of(0, 255, 10, 13, 0))).toBe(true)

    await waitFor(() => a.received.length === 1 && b.received.length === 1, 'the message at both')
    expect(b.received[0]).toEqual({ channel, bytes: Uint8Array.of(0, 255, 10, 13, 0) })
    b.bus.unsubscribe(channel)
    await a.bus.publish(channel, Uint8Array.of(1))
    await waitFor(() => a.received.length === 2, 'the second message at a')
    expect(b.received).toHaveLength(1)
  })

  it('lets one holder take a lock until it releases it', async () => {
    const key = `convene-test-${randomBytes(4).toString('hex')}:compact:n`
    const a = openBus()
    const b = openBus()
    await waitFor(() => a.bus.isUp && b.bus.isUp, 'both buses up')

    const token = await a.bus.tryLock(key, 10_000)
    expect(token).not.toBeNull()
    expect(await b.bus.tryLock(key, 10_000)).toBeNull()
    await b.bus.unlock(key, 'not-the-token')
    expect(await b.bus.tryLock(key, 10_000)).toBeNull()
    await a.bus.unlock(key, token as string)
    const next = await b.bus.tryLock(key, 10_000)
    expect(next).not.toBeNull()
    await b.bus.unlock(key, next as string)
  })

  it('reports itself down, publishes nothing and takes no lock when Redis does not answer', async () => {
    const { bus } = openBus('redis://127.0.0.1:1')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(bus.isUp).toBe(false)
    expect(await bus.subscribe('convene-test:nowhere')).toBe(false)
    expect(await bus.publish('convene-test:nowhere', Uint8Array.of(1))).toBe(false)
    expect(await bus.tryLock('convene-test:nowhere', 1000)).toBeNull()
  })

  it('says it resubscribed after its subscription was dropped, and receives again', async () => {
    const channel = `convene-test-${randomBytes(4).toString('hex')}:notice:n`
    const a = openBus()
    await waitFor(() => a.bus.isUp && a.resubscribed() === 1, 'the first subscription')
    await a.bus.subscribe(channel)

    a.bus.reconnectSubscriber()
    await waitFor(() => a.resubscribed() === 2 && a.bus.isUp, 'the resubscription')
    await a.bus.publish(channel, Uint8Array.of(7))

    await waitFor(() => a.received.length === 1, 'a message after resubscribing')
  })
})
