/**
 * The start-up benchmark: how long a server process takes from being spawned to its first health
 * answer, and how much memory it then holds idle with the sample notice open by one client (resident
 * set summed over its process tree), for Convene compiled (as `pnpm start` runs it), Convene from
 * source through tsx (as `pnpm start` ran it before), and the bare y-websocket relay, in one run.
 */
import { newNoticeYDoc, sampleNotice, writeNoticeToYDoc } from '@convene/schema'
import * as Y from 'yjs'
import { BenchClient } from './bench-client'
import { treeRss } from './proc-stats'
import { convene, type ServerKind, type StartOptions, yWebsocket } from './servers'
import { summarizeValues } from './stats'
import { type Cell, mib, ratio, renderTable } from './table'

export type StartupOptions = {
  /** Starts of each server (interleaved, so that a change in the machine's load hits all alike). */
  repeats: number
  /** Seconds the server idles with the notice open before its memory is read. */
  idleWait: number
}

export const STARTUP_DEFAULTS: StartupOptions = { repeats: 3, idleWait: 5 }

/** One way of running a server that the benchmark compares. */
type Variant = { label: string; kind: ServerKind; start: StartOptions }

const VARIANTS: Variant[] = [
  { label: 'y-websocket-server (bare relay)', kind: yWebsocket, start: {} },
  { label: 'Convene compiled (node server/dist/main.js)', kind: convene, start: { entry: 'compiled' } },
  { label: 'Convene from source (node --import tsx)', kind: convene, start: { entry: 'source' } },
]

/** What one start of one server measured. */
export type StartupSample = {
  readyMs: number
  /** Resident set of the process tree, median of the readings over the idle wait's last 2 s. */
  idleRss: number
  /** The processes of the tree at the last reading, with their resident sets. */
  processes: { name: string; rss: number }[]
}

/** Every start of one variant. */
export type StartupResult = { label: string; samples: StartupSample[] }

/** Runs every variant `options.repeats` times, interleaved. */
export async function runStartup(options: StartupOptions): Promise<StartupResult[]> {
  const results = VARIANTS.map((variant) => ({ label: variant.label, samples: [] as StartupSample[] }))
  for (let repeat = 0; repeat < options.repeats; repeat++) {
    for (const [index, variant] of VARIANTS.entries()) {
      console.log(`[startup] ${variant.label}: start ${repeat + 1} of ${options.repeats}`)
      results[index]?.samples.push(await startOnce(variant, options))
    }
  }
  return results
}

/** The sample notice as one Yjs update, for a server that does not create it itself. */
function sampleUpdate(): { update: Uint8Array; stateVector: Uint8Array } {
  const doc = newNoticeYDoc()
  writeNoticeToYDoc(doc, sampleNotice)
  return { update: Y.encodeStateAsUpdate(doc), stateVector: Y.encodeStateVector(doc) }
}

async function startOnce(variant: Variant, options: StartupOptions): Promise<StartupSample> {
  const server = await variant.kind.start(variant.start)
  try {
    const seeded = await server.seededRoom()
    const room = seeded ?? (await server.room('sample'))
    const client = new BenchClient(room.url, room.protocol)
    await client.connect()
    if (!seeded) {
      // The relay starts empty: the client brings the sample, as the first editor of a notice would.
      const { update, stateVector } = sampleUpdate()
      client.send(room.protocol.update(update))
      await client.requestSync(stateVector)
    }
    const readings: number[] = []
    let processes: StartupSample['processes'] = []
    const idleMs = options.idleWait * 1000
    for (let waited = 0; waited < idleMs; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250))
      if (waited + 2000 < idleMs) continue
      const tree = treeRss(server.pid)
      readings.push(tree.rss)
      processes = tree.processes.map(({ name, rss }) => ({ name, rss }))
    }
    await client.close()
    return { readyMs: server.readyMs, idleRss: median(readings), processes }
  } finally {
    await server.stop()
  }
}

/** The median of `values` (NaN for none). */
const median = (values: readonly number[]): number => summarizeValues(values).p50

/** The table: median start-up time (and range), idle memory of the tree and its ratio to the relay's. */
export function startupTable(results: StartupResult[], options: StartupOptions, machine: string): string {
  const idle = (result: StartupResult | undefined) => median((result?.samples ?? []).map((s) => s.idleRss))
  const relay = idle(results[0])
  const rows: Cell[][] = results.map((result) => {
    const ready = result.samples.map((sample) => sample.readyMs)
    const last = result.samples.at(-1)
    const names = (last?.processes ?? []).map((process) => `${process.name} ${mib(process.rss).toFixed(0)}`)
    return [
      result.label,
      median(ready),
      `${Math.min(...ready).toFixed(0)}-${Math.max(...ready).toFixed(0)}`,
      mib(idle(result)),
      ratio(idle(result), relay),
      names.join(' + '),
    ]
  })
  return renderTable({
    title: `start-up: spawn to first health answer; idle RSS with the sample notice open by one client (${options.repeats} starts each, ${options.idleWait} s idle)`,
    context: machine,
    columns: [
      { header: 'server' },
      { header: 'ready ms (median)', decimals: 0 },
      { header: 'ready ms (range)' },
      { header: 'idle RSS MB (process tree)', decimals: 1 },
      { header: 'vs relay' },
      { header: 'processes (MB, last start)' },
    ],
    rows,
    notes: ['target: Convene compiled at most 1.5 x the relay'],
  })
}
