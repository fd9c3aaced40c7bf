/**
 * Many notices: C connections spread over M notices (C/M clients each), one writer per notice typing
 * at a light rate. Measures how long the connections take to open and sync, the delivery latency at
 * that light load, the server's memory loaded versus idle ((RSS loaded - RSS baseline) / M is the
 * memory per open notice, connections included), and its memory once every client has left and the
 * server had time to unload idle notices.
 */
import { performance } from 'node:perf_hooks'
import { BenchClient, inBatches } from './bench-client'
import { BenchWriter, seedUpdate } from './bench-writer'
import { markerText } from './edit-marker'
import { EditTracker } from './edit-tracker'
import { HarnessMeter, type HarnessUsage, sleep, waitUntil } from './harness-meter'
import type { Outcome } from './server-loop'
import type { Room, RunningServer } from './servers'
import { type Summary, summarizeValues } from './stats'
import { outcomeNotes, renderTable, serverRows } from './table'

/** Many-notices settings (flags --connections --notices --rate --seconds --drain --idle-wait). */
export type ManyOptions = {
  connections: number
  notices: number
  /** Edits per second on each notice (one writer per notice). */
  rate: number
  seconds: number
  drain: number
  /** Seconds to wait after everyone left before reading the memory again. */
  idleWait: number
}

export const MANY_DEFAULTS: ManyOptions = {
  connections: 2000,
  notices: 500,
  rate: 0.2,
  seconds: 10,
  drain: 5,
  idleWait: 10,
}

/** What one server did in the many-notices benchmark. */
export type ManyResult = {
  /** Wall time to open and sync every connection, at most 64 opening at once. */
  connectAllSeconds: number
  connectMs: Summary
  latencyMs: Summary
  edits: number
  lostEdits: number
  droppedClients: number
  serverCpuConnectSeconds: number
  serverCpuEditSeconds: number
  baselineRssMiB: number
  loadedRssMiB: number
  peakRssMiB: number
  perNoticeKiB: number
  afterDisconnectRssMiB: number
  harness: HarnessUsage
}

const MiB = 1024 * 1024

/** Runs the many-notices benchmark on a started server. */
export async function runManyNotices(server: RunningServer, options: ManyOptions): Promise<ManyResult> {
  const { connections, notices, rate, seconds, drain, idleWait } = options
  if (notices < 1 || connections < notices) {
    throw new RangeError(
      `--connections (${connections}) must be at least --notices (${notices}), which must be >= 1`,
    )
  }
  await sleep(1_000)
  const baselineRss = server.sampler.sample()

  const rooms: Room[] = new Array(notices)
  await inBatches(
    Array.from({ length: notices }, (_, index) => index),
    16,
    async (index) => {
      rooms[index] = await server.room(`many${index}`)
    },
  )
  // Client c joins notice c % M with local index floor(c / M): local 0 of every notice is its writer.
  const perRoom = Array.from(
    { length: notices },
    (_, room) => Math.floor((connections - 1 - room) / notices) + 1,
  )
  const editsPerNotice = Math.ceil(rate * seconds)
  const tracker = new EditTracker(Math.max(1, notices * editsPerNotice), Math.max(...perRoom))
  const seed = seedUpdate(1)
  const writers: BenchWriter[] = new Array(notices)
  const clients = Array.from({ length: connections }, (_, index) => {
    const room = rooms[index % notices] as Room
    const local = Math.floor(index / notices)
    return new BenchClient(room.url, room.protocol, { onEdit: (id, now) => tracker.observe(local, id, now) })
  })

  server.sampler.mark()
  const connectStart = performance.now()
  await inBatches(
    clients.map((client, index) => ({ client, index })),
    64,
    async ({ client, index }) => {
      await client.connect()
      if (index < notices) {
        const writer = new BenchWriter(client, seed, 0)
        writer.sendSeed()
        writers[index] = writer
      }
    },
  )
  const connectAllSeconds = (performance.now() - connectStart) / 1000
  const connectUsage = server.sampler.usage()
  await sleep(1_000)

  server.sampler.mark()
  const meter = new HarnessMeter()
  // One timer sends the due edits in turn over the notices: a steady total of rate x M edits per second.
  const total = notices * editsPerNotice
  const start = performance.now()
  let sent = 0
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate * notices) + 1)
      for (; sent < due; sent++) {
        const room = sent % notices
        const id = tracker.begin(0, (perRoom[room] ?? 1) - 1)
        tracker.sent(id, performance.now())
        writers[room]?.type(markerText(id))
      }
      if (sent >= total) {
        clearInterval(timer)
        resolve()
      }
    }, 5)
  })
  await waitUntil(() => tracker.completed === tracker.edits, drain * 1000)
  const editUsage = server.sampler.usage()
  const harness = meter.stop()
  const loadedRss = server.sampler.sample()
  const droppedClients = clients.filter((client) => client.dropped).length

  await Promise.all(clients.map((client) => client.close()))
  await sleep(idleWait * 1000)
  const afterRss = server.sampler.sample()

  return {
    connectAllSeconds,
    connectMs: summarizeValues(clients.map((client) => client.connectMs)),
    latencyMs: tracker.latencySummary(),
    edits: tracker.edits,
    lostEdits: tracker.edits - tracker.completed,
    droppedClients,
    serverCpuConnectSeconds: connectUsage.cpuSeconds,
    serverCpuEditSeconds: editUsage.cpuSeconds,
    baselineRssMiB: baselineRss / MiB,
    loadedRssMiB: loadedRss / MiB,
    peakRssMiB: Math.max(connectUsage.peakRss, editUsage.peakRss) / MiB,
    perNoticeKiB: (loadedRss - baselineRss) / notices / 1024,
    afterDisconnectRssMiB: afterRss / MiB,
    harness,
  }
}

/** The many-notices table: one row per server, then Convene's ratio to each peer. */
export function manyTable(
  outcomes: readonly Outcome<ManyResult>[],
  options: ManyOptions,
  machine: string,
): string {
  return renderTable({
    title:
      `Many notices: ${options.connections} connections over ${options.notices} notices, ` +
      `one writer per notice at ${options.rate} edits/s for ${options.seconds} s`,
    context: machine,
    columns: [
      { header: 'server' },
      { header: 'connect all s', decimals: 2 },
      { header: 'conn p50 ms', decimals: 1 },
      { header: 'conn p99 ms', decimals: 1 },
      { header: 'edit p99 ms', decimals: 1 },
      { header: 'lost', decimals: 0 },
      { header: 'dropped', decimals: 0 },
      { header: 'CPU conn s', decimals: 2 },
      { header: 'CPU edit s', decimals: 2 },
      { header: 'RSS base MB', decimals: 1 },
      { header: 'RSS loaded MB', decimals: 1 },
      { header: 'KiB/notice', decimals: 1 },
      { header: 'RSS after leave MB', decimals: 1 },
      { header: 'harness CPU s', decimals: 2 },
    ],
    rows: serverRows(
      outcomes,
      (r) => [
        r.connectAllSeconds,
        r.connectMs.p50,
        r.connectMs.p99,
        r.latencyMs.p99,
        r.lostEdits,
        r.droppedClients,
        r.serverCpuConnectSeconds,
        r.serverCpuEditSeconds,
        r.baselineRssMiB,
        r.loadedRssMiB,
        r.perNoticeKiB,
        r.afterDisconnectRssMiB,
        r.harness.cpuSeconds,
      ],
      (r) => [
        r.connectAllSeconds,
        r.connectMs.p50,
        r.connectMs.p99,
        r.latencyMs.p99,
        undefined,
        undefined,
        r.serverCpuConnectSeconds,
        r.serverCpuEditSeconds,
        r.baselineRssMiB,
        r.loadedRssMiB,
        r.perNoticeKiB,
        r.afterDisconnectRssMiB,
      ],
    ),
    notes: [
      ...outcomeNotes(outcomes),
      'KiB/notice = (RSS loaded - RSS base) / notices, so it includes the connections; RSS base is the idle server.',
      `RSS after leave is read ${options.idleWait} s after every client closed. y-websocket without persistence never`,
      'unloads a document; Hocuspocus unloads one as soon as its last client leaves; V8 may keep freed heap resident.',
      'Convene creates its notices with POST /api/notices before connecting (not timed); the peers create rooms on join.',
    ],
  })
}
