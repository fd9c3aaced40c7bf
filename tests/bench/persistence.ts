/**
 * Persistence throughput: how many updates per second a server accepts and passes on, with durable
 * writes where the server has them, and how responsive it stays meanwhile.
 *
 * y-websocket has no acknowledgement, so "accepted" is measured the same way on every server: a
 * listener client counts the updates it receives per second. Writers first push at increasing
 * offered rates (open loop, each step drained before the next; escalation stops once a step cannot
 * drain), then each writer keeps a fixed window of updates in flight and sends the next one when the
 * listener has received one of its own (closed loop: as fast as the server gets updates through;
 * for Convene, which writes an update to disk before broadcasting it, that is durable throughput).
 * Convene exposes no event-loop metric yet, so the latency of an HTTP GET to the server (its health
 * route; `/` for the peers) probed every 20 ms stands in for its event-loop delay.
 */
import { performance } from 'node:perf_hooks'
import { BenchClient } from './bench-client'
import { BenchWriter, seedUpdate } from './bench-writer'
import { markerText } from './edit-marker'
import { EditTracker } from './edit-tracker'
import { HarnessMeter, type HarnessUsage, sleep, waitUntil } from './harness-meter'
import type { Outcome } from './server-loop'
import type { RunningServer } from './servers'
import { Samples, type Summary } from './stats'
import { type Cell, mib, outcomeNotes, ratio, renderTable } from './table'

/** Persistence settings (flags --writers --rates --step-seconds --window). */
export type PersistOptions = {
  writers: number
  /** Offered rates of the open-loop steps, in updates per second over all writers. */
  rates: number[]
  stepSeconds: number
  /** Updates each writer keeps in flight in the closed-loop step. */
  window: number
}

// Two writers: enough for concurrent writes, and few sockets for the harness to read broadcasts from.
export const PERSIST_DEFAULTS: PersistOptions = {
  writers: 2,
  rates: [1000, 2000, 4000, 8000, 16000],
  stepSeconds: 4,
  window: 16,
}

/** One step of offered load. */
export type PersistStep = {
  mode: 'open' | 'closed'
  /** Updates per second the writers sent. */
  sentPerSecond: number
  /** Updates per second the listener received during the step. */
  deliveredPerSecond: number
  latencyMs: Summary
  /** Milliseconds after the step until the listener had every update (NaN if it never did). */
  drainMs: number
  /** Updates the listener never received. */
  lost: number
  /** Server CPU seconds per second during the step (1 = one core). */
  serverCpuShare: number
  serverRssMiB: number
  /** Latency of the HTTP probe during the step: the event-loop delay proxy. */
  probeMs: Summary
  /** Probes that got no answer within 10 s (or failed) during the step. */
  probeFailures: number
  /** Harness CPU seconds per second during the step: near 1, the harness (one thread) is the limit. */
  harnessCpuShare: number
}

/** What one server did in the persistence benchmark. */
export type PersistResult = {
  durable: boolean
  steps: PersistStep[]
  /** The highest open-loop delivered rate among steps that kept up (>= 95 % of offered, drained). */
  sustainedPerSecond: number
  closed: PersistStep | undefined
  /** Sockets (listener and writers) that the server closed during the run. */
  droppedClients: number
  harness: HarnessUsage
}

const DRAIN_MS = 10_000

/** Runs the persistence benchmark on a started server. */
export async function runPersistence(server: RunningServer, options: PersistOptions): Promise<PersistResult> {
  const { writers: writerCount, rates, stepSeconds, window } = options
  const room = await server.room('persist')
  // Room for every open-loop step and a closed loop of up to 100,000 updates per second.
  const capacity = Math.ceil((rates.reduce((sum, rate) => sum + rate, 0) * 1.1 + 100_000) * stepSeconds)
  // Only the listener (local index 0) observes; writers are local -1 so none is "the writer" of an edit.
  const tracker = new EditTracker(capacity, 1)
  const writerOf = new Int32Array(capacity)
  let stepLatency = new Samples()
  let stepEnd = Number.POSITIVE_INFINITY
  let deliveredInStep = 0
  let onDelivered: ((writer: number) => void) | undefined
  const listener = new BenchClient(room.url, room.protocol, {
    onEdit: (id, now) => {
      const latency = tracker.observe(0, id, now)
      if (Number.isNaN(latency)) return
      stepLatency.push(latency)
      if (now <= stepEnd) deliveredInStep++
      onDelivered?.(writerOf[id] ?? 0)
    },
  })
  await listener.connect()
  const seed = seedUpdate(writerCount)
  const writers: BenchWriter[] = []
  for (let index = 0; index < writerCount; index++) {
    // Writers only send: they do not scan what they receive, which keeps the harness cheap.
    const client = new BenchClient(room.url, room.protocol)
    await client.connect()
    const writer = new BenchWriter(client, seed, index)
    writer.sendSeed()
    writers.push(writer)
  }
  const send = (writer: number) => {
    if (tracker.edits >= tracker.capacity) return
    const id = tracker.begin(-1, 1)
    writerOf[id] = writer
    tracker.sent(id, performance.now())
    writers[writer]?.type(markerText(id))
  }
  await sleep(500)

  let probing = true
  let probeSamples = new Samples()
  let probeFailures = 0
  const probe = (async () => {
    while (probing) {
      const started = performance.now()
      try {
        const response = await fetch(server.healthUrl, { signal: AbortSignal.timeout(10_000) })
        await response.arrayBuffer()
        probeSamples.push(performance.now() - started)
      } catch {
        // A probe that gets no answer is a figure too: counted and reported, never hidden.
        probeFailures++
      }
      await sleep(20)
    }
  })()

  const meter = new HarnessMeter()
  const steps: PersistStep[] = []
  const runStep = async (
    mode: 'open' | 'closed',
    drive: (until: number) => Promise<void>,
    seconds = stepSeconds,
  ): Promise<PersistStep> => {
    stepLatency = new Samples()
    probeSamples = new Samples()
    probeFailures = 0
    deliveredInStep = 0
    const editsBefore = tracker.edits
    server.sampler.mark()
    const harnessCpu = process.cpuUsage()
    const start = performance.now()
    stepEnd = start + seconds * 1000
    await drive(stepEnd)
    const sent = tracker.edits - editsBefore
    const usage = server.sampler.usage()
    const harnessUsed = process.cpuUsage(harnessCpu)
    const drained = await waitUntil(() => tracker.completed === tracker.edits, DRAIN_MS, 5)
    const drainMs = drained ? Math.max(0, performance.now() - stepEnd) : Number.NaN
    return {
      mode,
      sentPerSecond: sent / seconds,
      deliveredPerSecond: deliveredInStep / seconds,
      latencyMs: stepLatency.summary(),
      drainMs,
      lost: tracker.edits - tracker.completed,
      serverCpuShare: usage.cpuSeconds / seconds,
      serverRssMiB: mib(usage.peakRss),
      probeMs: probeSamples.summary(),
      probeFailures,
      harnessCpuShare: (harnessUsed.user + harnessUsed.system) / 1e6 / seconds,
    }
  }
  const openLoop = (rate: number) => async (until: number) => {
    // Every 5 ms, send whatever is due, round robin over the writers: a steady offered rate.
    const start = performance.now()
    let sent = 0
    while (performance.now() < until) {
      const due = Math.floor(((performance.now() - start) / 1000) * rate)
      for (; sent < due; sent++) send(sent % writerCount)
      await sleep(5)
    }
  }

  let closed: PersistStep | undefined
  let harness: HarnessUsage
  let droppedClients = 0
  try {
    // A short unrecorded step first, so that no recorded step pays for the servers' JIT warm-up.
    await runStep('open', openLoop(rates[0] ?? 100), 1)
    for (const rate of rates) {
      const step = await runStep('open', openLoop(rate))
      steps.push(step)
      console.log(
        `[persist] ${server.kind.name} open ${rate}/s: delivered ${step.deliveredPerSecond.toFixed(0)}/s, ` +
          `p99 ${step.latencyMs.p99.toFixed(1)} ms, drain ${step.drainMs.toFixed(0)} ms`,
      )
      if (Number.isNaN(step.drainMs)) break
    }

    if (tracker.completed === tracker.edits) {
      closed = await runStep('closed', async (until) => {
        onDelivered = (writer) => {
          if (performance.now() < until) send(writer)
        }
        for (let slot = 0; slot < window; slot++)
          for (let writer = 0; writer < writerCount; writer++) send(writer)
        await sleep(Math.max(0, until - performance.now()))
        onDelivered = undefined
      })
      console.log(
        `[persist] ${server.kind.name} closed loop: delivered ${closed.deliveredPerSecond.toFixed(0)}/s`,
      )
    }
  } finally {
    harness = meter.stop()
    probing = false
    await probe
    droppedClients = [listener, ...writers.map((writer) => writer.client)].filter(
      (client) => client.dropped,
    ).length
    await Promise.all([listener.close(), ...writers.map((writer) => writer.client.close())])
  }

  const kept = steps.filter(
    (step) => !Number.isNaN(step.drainMs) && step.deliveredPerSecond >= 0.95 * step.sentPerSecond,
  )
  return {
    durable: server.kind.durable,
    steps,
    sustainedPerSecond: Math.max(0, ...kept.map((step) => step.deliveredPerSecond)),
    closed,
    droppedClients,
    harness,
  }
}

/** Two tables: every step of every server, then a summary with Convene's ratio to each peer. */
export function persistTable(
  outcomes: readonly Outcome<PersistResult>[],
  options: PersistOptions,
  machine: string,
): string {
  const stepRows: Cell[][] = []
  for (const outcome of outcomes) {
    if (outcome.status !== 'ok') {
      stepRows.push([outcome.server, outcome.status])
      continue
    }
    const all = [...outcome.result.steps, ...(outcome.result.closed ? [outcome.result.closed] : [])]
    for (const step of all) {
      stepRows.push([
        outcome.server,
        step.mode === 'open'
          ? `open ${Math.round(step.sentPerSecond)}/s`
          : `closed, window ${options.window}`,
        step.sentPerSecond,
        step.deliveredPerSecond,
        step.latencyMs.p50,
        step.latencyMs.p99,
        step.drainMs,
        step.lost,
        step.serverCpuShare,
        step.serverRssMiB,
        step.probeMs.p50,
        step.probeMs.p99,
        step.probeMs.max,
        step.probeFailures,
        step.harnessCpuShare,
      ])
    }
  }
  const steps = renderTable({
    title: `Persistence: ${options.writers} writers + 1 listener on one notice, ${options.stepSeconds} s per step`,
    context: machine,
    columns: [
      { header: 'server' },
      { header: 'step' },
      { header: 'sent/s', decimals: 0 },
      { header: 'delivered/s', decimals: 0 },
      { header: 'p50 ms', decimals: 1 },
      { header: 'p99 ms', decimals: 1 },
      { header: 'drain ms', decimals: 0 },
      { header: 'lost', decimals: 0 },
      { header: 'srv CPU', decimals: 2 },
      { header: 'RSS MB', decimals: 1 },
      { header: 'probe p50 ms', decimals: 1 },
      { header: 'probe p99 ms', decimals: 1 },
      { header: 'probe max ms', decimals: 1 },
      { header: 'probe fail', decimals: 0 },
      { header: 'harness CPU', decimals: 2 },
    ],
    rows: stepRows,
    notes: [
      ...outcomeNotes(outcomes),
      'delivered/s = updates the listener received during the step (y-websocket has no acks); drain = time after the step',
      `until the listener had everything (n/a: not within ${DRAIN_MS / 1000} s, escalation stops). CPU = CPU s per s;`,
      'harness CPU near 1.00 means the harness thread, not the server, limited the step.',
      'probe = latency of GET /api/health (Convene) or / (peers) every 20 ms: a proxy for event-loop delay, not a metric.',
    ],
  })
  const ok = outcomes.flatMap((outcome) =>
    outcome.status === 'ok' ? [{ server: outcome.server, r: outcome.result }] : [],
  )
  const convene = ok.find((entry) => entry.server === 'convene')
  const summaryRows: Cell[][] = ok.map(({ server, r }) => [
    server,
    r.durable ? 'yes' : 'no (memory)',
    r.sustainedPerSecond,
    r.closed?.deliveredPerSecond,
    r.closed?.latencyMs.p99,
    r.closed?.probeMs.p99,
    r.droppedClients,
    r.harness.cpuSeconds,
  ])
  if (convene) {
    for (const { server, r } of ok) {
      if (server === 'convene') continue
      summaryRows.push([
        `convene ÷ ${server}`,
        '',
        ratio(convene.r.sustainedPerSecond, r.sustainedPerSecond),
        ratio(convene.r.closed?.deliveredPerSecond, r.closed?.deliveredPerSecond),
        ratio(convene.r.closed?.latencyMs.p99, r.closed?.latencyMs.p99),
        ratio(convene.r.closed?.probeMs.p99, r.closed?.probeMs.p99),
      ])
    }
  }
  const summary = renderTable({
    title: 'Persistence summary (higher throughput is better)',
    context: machine,
    columns: [
      { header: 'server' },
      { header: 'durable' },
      { header: 'sustained open/s', decimals: 0 },
      { header: 'closed-loop/s', decimals: 0 },
      { header: 'closed p99 ms', decimals: 1 },
      { header: 'closed probe p99 ms', decimals: 1 },
      { header: 'dropped', decimals: 0 },
      { header: 'harness CPU s', decimals: 1 },
    ],
    rows: summaryRows,
    notes: ['sustained = highest open-loop step delivered at >= 95 % of its sent rate and drained.'],
  })
  return steps + summary
}
