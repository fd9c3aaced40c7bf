/**
 * Fan-out: N clients on one notice, W of them typing at R edits per second each for S seconds.
 * Measures the delivery latency from a writer's edit to each other client's observation of it, the
 * edits some client never saw after a drain period (lost), and the server's CPU seconds and peak
 * resident memory during the run; the harness's own CPU and event-loop delay are printed beside them.
 */
import { performance } from 'node:perf_hooks'
import { BenchClient, inBatches } from './bench-client'
import { BenchWriter, seedUpdate } from './bench-writer'
import { markerText } from './edit-marker'
import { EditTracker } from './edit-tracker'
import { HarnessMeter, type HarnessUsage, sleep, waitUntil } from './harness-meter'
import type { Outcome } from './server-loop'
import type { RunningServer } from './servers'
import { type Summary, summarizeValues } from './stats'
import { outcomeNotes, renderTable, serverRows } from './table'

/** Fan-out settings (flags --clients --writers --rate --seconds --drain). */
export type FanoutOptions = {
  clients: number
  writers: number
  /** Edits per second per writer. */
  rate: number
  seconds: number
  /** Seconds to wait after the last edit for every client to see every edit. */
  drain: number
}

export const FANOUT_DEFAULTS: FanoutOptions = { clients: 100, writers: 20, rate: 10, seconds: 10, drain: 5 }

/** What one server did in the fan-out benchmark. */
export type FanoutResult = {
  durable: boolean
  edits: number
  /** Edits actually sent per second (below W x R when the harness fell behind). */
  sentPerSecond: number
  latencyMs: Summary
  /** Edits not seen by every other client after the drain period. */
  lostEdits: number
  /** (edit, client) deliveries missing after the drain period. */
  missingDeliveries: number
  droppedClients: number
  connectMs: Summary
  serverCpuSeconds: number
  serverPeakRssMiB: number
  serverIdleRssMiB: number
  harness: HarnessUsage
  bytesReceivedPerClient: number
}

const MiB = 1024 * 1024

/** Runs the fan-out benchmark on a started server. */
export async function runFanout(server: RunningServer, options: FanoutOptions): Promise<FanoutResult> {
  const { clients, writers, rate, seconds, drain } = options
  if (writers > clients) throw new RangeError(`--writers (${writers}) cannot exceed --clients (${clients})`)
  const serverIdleRss = server.sampler.sample()
  const room = await server.room('fanout')
  const editsPerWriter = Math.round(rate * seconds)
  const tracker = new EditTracker(writers * editsPerWriter, clients)

  const all = Array.from(
    { length: clients },
    (_, local) =>
      new BenchClient(room.url, room.protocol, { onEdit: (id, now) => tracker.observe(local, id, now) }),
  )
  const seed = seedUpdate(writers)
  // Writers join first and send the seed paragraphs they type into; listeners join after.
  const typists = await Promise.all(
    all.slice(0, writers).map(async (client, index) => {
      await client.connect()
      const writer = new BenchWriter(client, seed, index)
      writer.sendSeed()
      return writer
    }),
  )
  await inBatches(all.slice(writers), 50, (client) => client.connect())
  const connectMs = summarizeValues(all.map((client) => client.connectMs))
  await sleep(500)

  server.sampler.mark()
  const meter = new HarnessMeter()
  const interval = 1000 / rate
  const start = performance.now() + 20
  let finished = 0
  let firstSentAt = Number.NaN
  let lastSentAt = start
  await new Promise<void>((resolve) => {
    typists.forEach((writer, index) => {
      // Writers are spread evenly over one interval so that edits arrive as a steady stream.
      const phase = (index / writers) * interval
      let made = 0
      const tick = () => {
        const id = tracker.begin(index, clients - 1)
        const now = performance.now()
        tracker.sent(id, now)
        writer.type(markerText(id))
        if (Number.isNaN(firstSentAt)) firstSentAt = now
        lastSentAt = now
        made++
        if (made < editsPerWriter) {
          setTimeout(tick, Math.max(0, start + phase + made * interval - performance.now()))
        } else if (++finished === writers) {
          resolve()
        }
      }
      setTimeout(tick, Math.max(0, start + phase - performance.now()))
    })
    if (editsPerWriter === 0) resolve()
  })
  await waitUntil(() => tracker.completed === tracker.edits, drain * 1000)
  const usage = server.sampler.usage()
  const harness = meter.stop()
  const sentPerSecond = (tracker.edits - 1) / ((lastSentAt - firstSentAt) / 1000)

  const droppedClients = all.filter((client) => client.dropped).length
  const bytes = all.reduce((total, client) => total + client.bytes, 0)
  await Promise.all(all.map((client) => client.close()))
  return {
    durable: server.kind.durable,
    edits: tracker.edits,
    sentPerSecond,
    latencyMs: tracker.latencySummary(),
    lostEdits: tracker.edits - tracker.completed,
    missingDeliveries: tracker.missingDeliveries(),
    droppedClients,
    connectMs,
    serverCpuSeconds: usage.cpuSeconds,
    serverPeakRssMiB: usage.peakRss / MiB,
    serverIdleRssMiB: serverIdleRss / MiB,
    harness,
    bytesReceivedPerClient: bytes / clients,
  }
}

/** The fan-out table: one row per server, then Convene's ratio to each peer (lower is better). */
export function fanoutTable(
  outcomes: readonly Outcome<FanoutResult>[],
  options: FanoutOptions,
  machine: string,
): string {
  return renderTable({
    title:
      `Fan-out: ${options.clients} clients on one notice, ${options.writers} typing at ${options.rate} edits/s ` +
      `for ${options.seconds} s (latency = writer's edit -> each other client's receipt)`,
    context: machine,
    columns: [
      { header: 'server' },
      { header: 'durable' },
      { header: 'edits', decimals: 0 },
      { header: 'sent/s', decimals: 0 },
      { header: 'p50 ms', decimals: 1 },
      { header: 'p90 ms', decimals: 1 },
      { header: 'p99 ms', decimals: 1 },
      { header: 'max ms', decimals: 1 },
      { header: 'lost', decimals: 0 },
      { header: 'dropped', decimals: 0 },
      { header: 'srv CPU s', decimals: 2 },
      { header: 'peak RSS MB', decimals: 1 },
      { header: 'idle RSS MB', decimals: 1 },
      { header: 'harness CPU s', decimals: 2 },
      { header: 'harness lag p99 ms', decimals: 1 },
    ],
    rows: serverRows(
      outcomes,
      (r) => [
        r.durable ? 'yes' : 'no',
        r.edits,
        r.sentPerSecond,
        r.latencyMs.p50,
        r.latencyMs.p90,
        r.latencyMs.p99,
        r.latencyMs.max,
        r.lostEdits,
        r.droppedClients,
        r.serverCpuSeconds,
        r.serverPeakRssMiB,
        r.serverIdleRssMiB,
        r.harness.cpuSeconds,
        r.harness.loopDelayP99Ms,
      ],
      (r) => [
        undefined,
        undefined,
        undefined,
        r.latencyMs.p50,
        r.latencyMs.p90,
        r.latencyMs.p99,
        r.latencyMs.max,
        undefined,
        undefined,
        r.serverCpuSeconds,
        r.serverPeakRssMiB,
        r.serverIdleRssMiB,
      ],
    ),
    notes: [
      ...outcomeNotes(outcomes),
      'lost = edits some other client had not received after the drain period; dropped = sockets the server closed.',
      'srv CPU and peak RSS cover the typing and drain phase only; idle RSS is the server just after start.',
      'durable = accepted updates are on disk before broadcast; the peers run with their defaults (memory only).',
      'Convene runs under the tsx loader (as `pnpm start` does), the peers under plain node: RSS includes the loader.',
      'Convene runs with MAX_CONNECTIONS_PER_IP=0 and MAX_MESSAGES_PER_SECOND=0: all clients share one address.',
    ],
  })
}
