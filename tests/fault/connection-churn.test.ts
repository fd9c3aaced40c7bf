/**
 * Connection lifecycle at volume: 10,000 websocket connections to a few notices, opened and
 * closed in concurrent batches against a server in a child process. Every one must be served
 * (the server's sync step 1 arrives), and once all are gone and the idle notices unloaded, the
 * server holds no connection and no room, and its memory is back near where it started.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { scrapeMetrics } from '../support/metrics'
import {
  cleanup,
  createNotice,
  type FaultServer,
  noticeUrl,
  rssMiB,
  sleep,
  startServer,
  waitFor,
} from './fault-harness'

const CONNECTIONS = 10_000
const BATCH = 200
const WARM_UP = 2000
const NOTICES = 4
const UNLOAD_DELAY_MS = 200
/** How far above its warmed-up baseline the server's memory may stay once idle, in MiB. */
const MAX_GROWTH_MIB = 30

let server: FaultServer
let urls: string[]

beforeAll(async () => {
  server = await startServer({
    // A batch comes from one address; the default of 50 per address would refuse most of it.
    env: { MAX_CONNECTIONS_PER_IP: String(BATCH + 10), ROOM_UNLOAD_DELAY_MS: String(UNLOAD_DELAY_MS) },
  })
  urls = []
  for (let index = 0; index < NOTICES; index++) urls.push(await noticeUrl(server, await createNotice(server)))
})

afterAll(cleanup)

/** Opens a connection, waits for the server's first message, closes it; resolves the close code. */
function connectOnce(url: string): Promise<number> {
  return new Promise((done, fail) => {
    const socket = new WebSocket(url)
    const timer = setTimeout(() => {
      socket.terminate()
      fail(new Error(`A connection to ${url} got no message in 10 s`))
    }, 10_000)
    socket.once('message', () => socket.close(1000))
    socket.once('error', (error) => {
      clearTimeout(timer)
      fail(error)
    })
    socket.once('close', (code) => {
      clearTimeout(timer)
      done(code)
    })
  })
}

/** Opens and closes `count` connections, `BATCH` at a time, spread over the notices. */
async function churn(count: number): Promise<void> {
  for (let start = 0; start < count; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, count - start) }, (_, index) =>
      connectOnce(urls[(start + index) % urls.length] as string),
    )
    const codes = await Promise.all(batch)
    const unexpected = codes.filter((code) => code !== 1000)
    expect(unexpected, `batch at ${start}: closes other than 1000`).toEqual([])
  }
}

/** A gauge from GET /metrics. */
async function gauge(name: string): Promise<number> {
  const text = await scrapeMetrics(server.url)
  const value = new RegExp(`^${name} (\\d+(?:\\.\\d+)?)$`, 'm').exec(text)?.[1]
  if (value === undefined) throw new Error(`No ${name} in GET /metrics: ${text.slice(0, 300)}`)
  return Number(value)
}

/** The server's memory once it has been idle a while: the lowest of a few samples. */
async function idleRssMiB(): Promise<number> {
  let lowest = Number.POSITIVE_INFINITY
  for (let sample = 0; sample < 5; sample++) {
    await sleep(300)
    lowest = Math.min(lowest, rssMiB(server))
  }
  return lowest
}

describe(`${CONNECTIONS} notice connections opened and closed`, () => {
  it(`serves every one, then holds no connection nor room, and its memory is back within ${MAX_GROWTH_MIB} MiB`, async () => {
    // Warm up (code paths compiled, heap and pools grown to their working size), then measure
    // the idle baseline.
    await churn(WARM_UP)
    await sleep(UNLOAD_DELAY_MS + 500)
    const baseline = await idleRssMiB()
    const started = performance.now()

    await churn(CONNECTIONS)

    const seconds = (performance.now() - started) / 1000
    const peak = rssMiB(server)
    await sleep(UNLOAD_DELAY_MS + 500)
    const connections = await gauge('convene_connections')
    const rooms = await gauge('convene_open_notices')
    // V8 gives memory back lazily (its memory reducer runs once the process is idle): allow it
    // a while to come back under the bound.
    const samples: number[] = []
    await waitFor(
      () => {
        samples.push(rssMiB(server))
        return (samples.at(-1) as number) - baseline < MAX_GROWTH_MIB
      },
      () =>
        `the server's memory to come back within ${MAX_GROWTH_MIB} MiB of ${baseline} MiB (samples: ${samples.filter((_, index) => index % 50 === 0).join(', ')} MiB)`,
      20_000,
    )
    console.log(
      `${CONNECTIONS} connections in ${seconds.toFixed(1)} s; server RSS baseline ${baseline} MiB, after the churn ${peak} MiB, idle again ${samples.at(-1)} MiB after ${samples.length * 10} ms`,
    )
    expect(connections).toBe(0)
    expect(rooms).toBe(0)
    expect(server.alive()).toBe(true)
  })
})
