/**
 * Cross-instance fan-out: `tsx bench/cluster-fanout.ts [--listeners 40 --writers 4 --rate 10
 * --seconds 10 --drain 5]` (`pnpm bench:cluster`). In one run, on one PostgreSQL:
 *
 *   1. one Convene instance alone (no Redis): writers and listeners all on it;
 *   2. two Convene instances joined by Redis, writers and listeners spread evenly over both.
 *
 * Latency is a writer's edit -> a listener's receipt. In run 2 each delivery is counted as
 * same-instance (writer and listener on one instance) or cross-instance (through Redis), so the
 * price of the hop shows beside the single-instance figure. Also printed: Redis lag (publish ->
 * apply, from the instances' /metrics) and the updates that had to be read back from storage.
 *
 * Needs the machine's PostgreSQL (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test,
 * a fresh schema dropped afterwards) and Redis (TEST_REDIS_URL, default redis://127.0.0.1:6379, a
 * fresh channel prefix). Only 127.0.0.1 is contacted.
 */
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { scrapeMetrics, TEST_METRICS_TOKEN } from '../support/metrics'
import { BenchClient, inBatches } from './bench-client'
import { BenchWriter, seedUpdate } from './bench-writer'
import { markerText } from './edit-marker'
import { EditTracker } from './edit-tracker'
import { sleep, waitUntil } from './harness-meter'
import { machineInfo, machineLine } from './machine'
import { saveResult } from './results'
import { convene, type RunningServer } from './servers'
import { Samples, type Summary } from './stats'
import { type Cell, renderTable } from './table'

/** Settings of the benchmark (flags of the same names). */
export type ClusterFanoutOptions = {
  /** Listening clients in all (spread evenly over the instances). */
  listeners: number
  /** Typing clients in all (spread evenly over the instances). */
  writers: number
  /** Edits per second per writer. */
  rate: number
  seconds: number
  /** Seconds to wait after the last edit for every listener to see every edit. */
  drain: number
}

export const CLUSTER_FANOUT_DEFAULTS: ClusterFanoutOptions = {
  listeners: 40,
  writers: 4,
  rate: 10,
  seconds: 10,
  drain: 5,
}

/** What one setup measured. */
export type SetupResult = {
  setup: string
  edits: number
  /** Latency of deliveries between clients of the same instance. */
  sameInstance: Summary
  /** Latency of deliveries between clients of different instances (none with one instance). */
  crossInstance: Summary
  /** (edit, listener) deliveries missing after the drain period. */
  missingDeliveries: number
  /** Updates each instance read back from storage because Redis did not bring them in time. */
  catchUpRows: number
  /** Mean publish -> apply lag over the instances, in milliseconds (from /metrics). */
  redisLagMeanMs: number
  /** Share of publish -> apply lags under 5 ms (from the /metrics histogram). */
  redisLagUnder5ms: number
}

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
const ADMIN = { username: 'bench-admin', password: 'bench-admin-password-1' }

/** Starts `count` Convene instances on `schema`, with Redis when `prefix` is given. */
async function startInstances(
  count: number,
  schema: string,
  prefix: string | null,
): Promise<RunningServer[]> {
  // The harness's Convene adapter logs in with this body when the server has accounts.
  process.env.CONVENE_BENCH_LOGIN = JSON.stringify(ADMIN)
  const env: Record<string, string> = {
    DATABASE_URL: `${DATABASE_URL}${DATABASE_URL.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`,
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    METRICS_TOKEN: TEST_METRICS_TOKEN,
    ...(prefix ? { REDIS_URL, REDIS_PREFIX: prefix, INSTANCE_ID: '' } : {}),
  }
  const started: RunningServer[] = []
  // One after the other: the first creates the schema's tables and the administrator.
  for (let index = 0; index < count; index++) {
    started.push(
      await convene.start({ env: { ...env, ...(prefix ? { INSTANCE_ID: `bench-${index + 1}` } : {}) } }),
    )
  }
  return started
}

/** Sums a metric's samples over the instances' /metrics texts (0 when absent). */
async function metricSum(servers: RunningServer[], sample: string): Promise<number> {
  let total = 0
  for (const server of servers) {
    const text = await scrapeMetrics(`http://127.0.0.1:${server.port}`)
    const line = text.split('\n').find((row) => row.startsWith(`${sample} `))
    if (line) total += Number(line.slice(sample.length + 1))
  }
  return total
}

/**
 * Runs the fan-out on `servers` (one notice, created on the first): writer `w` and listener `l`
 * sit on instance `w % n` and `l % n`. Deliveries are split by whether both sit on one instance.
 */
async function runSetup(
  setup: string,
  servers: RunningServer[],
  options: ClusterFanoutOptions,
): Promise<SetupResult> {
  const { listeners, writers, rate, seconds, drain } = options
  const first = servers[0] as RunningServer
  const created = await first.room('cluster-fanout')
  const rooms = [created, ...(await Promise.all(servers.slice(1).map((server) => server.join(created.id))))]
  const instanceOf = (index: number): number => index % servers.length
  const editsPerWriter = Math.round(rate * seconds)
  const tracker = new EditTracker(writers * editsPerWriter, listeners + writers)
  const same = new Samples(1 << 14)
  const cross = new Samples(1 << 14)
  const writerOfEdit = new Int32Array(writers * editsPerWriter)

  const listening = Array.from({ length: listeners }, (_, local) => {
    const room = rooms[instanceOf(local)] as (typeof rooms)[number]
    return new BenchClient(room.url, room.protocol, {
      onEdit: (id, now) => {
        const latency = tracker.observe(local, id, now)
        if (Number.isNaN(latency)) return
        const writer = writerOfEdit[id] ?? 0
        ;(instanceOf(writer) === instanceOf(local) ? same : cross).push(latency)
      },
    })
  })
  const seed = seedUpdate(writers)
  const typing = await Promise.all(
    Array.from({ length: writers }, async (_, index) => {
      const room = rooms[instanceOf(index)] as (typeof rooms)[number]
      const client = new BenchClient(room.url, room.protocol)
      await client.connect()
      const writer = new BenchWriter(client, seed, index)
      writer.sendSeed()
      return writer
    }),
  )
  await inBatches(listening, 20, (client) => client.connect())
  await sleep(1000)
  const catchUpBefore = await metricSum(servers, 'convene_cluster_catch_up_rows_total')
  const lagSumBefore = await metricSum(servers, 'convene_cluster_redis_lag_seconds_sum')
  const lagCountBefore = await metricSum(servers, 'convene_cluster_redis_lag_seconds_count')
  const lagFastBefore = await metricSum(servers, 'convene_cluster_redis_lag_seconds_bucket{le="0.005"}')

  const interval = 1000 / rate
  const start = performance.now() + 20
  await new Promise<void>((resolve) => {
    let finished = 0
    typing.forEach((writer, index) => {
      const phase = (index / writers) * interval
      let made = 0
      const tick = (): void => {
        const id = tracker.begin(listeners + index, listeners)
        writerOfEdit[id] = index
        tracker.sent(id, performance.now())
        writer.type(markerText(id))
        made += 1
        if (made < editsPerWriter)
          setTimeout(tick, Math.max(0, start + phase + made * interval - performance.now()))
        else if (++finished === writers) resolve()
      }
      setTimeout(tick, Math.max(0, start + phase - performance.now()))
    })
    if (editsPerWriter === 0) resolve()
  })
  await waitUntil(() => tracker.completed === tracker.edits, drain * 1000)

  const lagCount = (await metricSum(servers, 'convene_cluster_redis_lag_seconds_count')) - lagCountBefore
  const lagSum = (await metricSum(servers, 'convene_cluster_redis_lag_seconds_sum')) - lagSumBefore
  const lagFast =
    (await metricSum(servers, 'convene_cluster_redis_lag_seconds_bucket{le="0.005"}')) - lagFastBefore
  const result: SetupResult = {
    setup,
    edits: tracker.edits,
    sameInstance: same.summary(),
    crossInstance: cross.summary(),
    missingDeliveries: tracker.missingDeliveries(),
    catchUpRows: (await metricSum(servers, 'convene_cluster_catch_up_rows_total')) - catchUpBefore,
    redisLagMeanMs: lagCount > 0 ? (lagSum / lagCount) * 1000 : Number.NaN,
    redisLagUnder5ms: lagCount > 0 ? lagFast / lagCount : Number.NaN,
  }
  await Promise.all([...listening, ...typing.map((writer) => writer.client)].map((client) => client.close()))
  return result
}

/** The table: one row per (setup, path). */
export function clusterFanoutTable(
  results: SetupResult[],
  options: ClusterFanoutOptions,
  machine: string,
): string {
  const rows: Cell[][] = []
  for (const result of results) {
    const paths: [string, Summary][] = [['same instance', result.sameInstance]]
    if (result.crossInstance.count > 0) paths.push(['cross instance', result.crossInstance])
    for (const [path, summary] of paths) {
      rows.push([
        `${result.setup}, ${path}`,
        summary.count,
        summary.p50,
        summary.p90,
        summary.p99,
        summary.max,
        result.missingDeliveries,
        result.catchUpRows,
        result.redisLagMeanMs,
      ])
    }
  }
  return renderTable({
    title:
      `Cluster fan-out: ${options.listeners} listeners and ${options.writers} writers at ${options.rate} edits/s ` +
      `for ${options.seconds} s on one notice (latency = writer's edit -> listener's receipt), PostgreSQL storage`,
    context: machine,
    columns: [
      { header: 'setup, path' },
      { header: 'deliveries', decimals: 0 },
      { header: 'p50 ms', decimals: 1 },
      { header: 'p90 ms', decimals: 1 },
      { header: 'p99 ms', decimals: 1 },
      { header: 'max ms', decimals: 1 },
      { header: 'missing', decimals: 0 },
      { header: 'caught up', decimals: 0 },
      { header: 'redis lag ms', decimals: 2 },
    ],
    rows,
    notes: [
      'same instance = writer and listener connected to one instance; cross instance = through Redis pub/sub.',
      'missing = (edit, listener) deliveries not seen after the drain period; caught up = updates read back from',
      'storage because Redis did not bring them in time; redis lag = mean publish -> apply time from /metrics.',
      'Every setup stores each update in PostgreSQL before any client sees it.',
    ],
  })
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      listeners: { type: 'string' },
      writers: { type: 'string' },
      rate: { type: 'string' },
      seconds: { type: 'string' },
      drain: { type: 'string' },
    },
  })
  const num = (name: keyof ClusterFanoutOptions): number => {
    const raw = values[name]
    if (raw === undefined) return CLUSTER_FANOUT_DEFAULTS[name]
    const value = Number(raw)
    if (!Number.isFinite(value) || value < 0)
      throw new RangeError(`--${name} must be a non-negative number, got "${raw}"`)
    return value
  }
  const options: ClusterFanoutOptions = {
    listeners: num('listeners'),
    writers: num('writers'),
    rate: num('rate'),
    seconds: num('seconds'),
    drain: num('drain'),
  }
  const admin = new pg.Client({ connectionString: DATABASE_URL })
  try {
    await admin.connect()
  } catch (cause) {
    throw new Error(`PostgreSQL is not reachable at ${DATABASE_URL} (set TEST_DATABASE_URL)`, { cause })
  }
  const startedAt = new Date().toISOString()
  const schemas: string[] = []
  const fresh = async (): Promise<string> => {
    const schema = `convene_bench_${randomBytes(5).toString('hex')}`
    await admin.query(`CREATE SCHEMA ${schema}`)
    schemas.push(schema)
    return schema
  }
  const results: SetupResult[] = []
  let running: RunningServer[] = []
  try {
    running = await startInstances(1, await fresh(), null)
    results.push(await runSetup('1 instance', running, options))
    for (const server of running) await server.stop()
    running = await startInstances(2, await fresh(), `convene-bench-${randomBytes(4).toString('hex')}`)
    results.push(await runSetup('2 instances + Redis', running, options))
  } finally {
    for (const server of running) await server.stop()
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await admin.end()
  }
  const machine = machineInfo()
  console.log(clusterFanoutTable(results, options, machineLine(machine)))
  const file = saveResult('cluster-fanout', {
    bench: 'cluster-fanout',
    startedAt,
    finishedAt: new Date().toISOString(),
    machine,
    options,
    results,
  })
  console.log(`saved ${file}`)
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error)
    process.exit(2)
  },
)
