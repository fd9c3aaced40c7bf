/**
 * Cold load: how long a client waits between connecting and holding a long-lived notice (sync step 2
 * received) — a notice of N agenda items with a history of U updates (notice-history.ts).
 *
 * The history is written through the server's own websocket (pipelined, one update message per
 * update), so every server stores it its own way. Then, for every server, a fresh client joins while
 * the document is in memory ("warm"). For a durable server (Convene) the process is restarted on the
 * same data and a fresh client joins again: the first load reads the whole update log ("cold, before
 * compaction"); after the server's compaction (see ServerKind.compact) it is restarted and measured
 * again ("cold, after compaction"). The peers keep documents in memory only: their cold figures are
 * "n/a (no persistence)". Every state a client receives is checked against the history.
 */
import { BenchClient } from './bench-client'
import { sleep } from './harness-meter'
import { buildNoticeHistory, holdsHistory, type NoticeHistory } from './notice-history'
import type { Outcome } from './server-loop'
import type { Room, RunningServer, StartOptions } from './servers'
import { type Summary, summarizeValues } from './stats'
import { mib, outcomeNotes, renderTable, serverRows } from './table'
import { MessageKind } from './wire'

/** Cold-load settings (flags --items --updates --repeats). */
export type ColdOptions = { items: number; updates: number; repeats: number }

export const COLD_DEFAULTS: ColdOptions = { items: 500, updates: 100_000, repeats: 3 }

/**
 * Server settings for this benchmark: Convene compacts its log every 500 rows by default, so the
 * history is written with compaction put off (its highest setting) to leave a full log to load cold.
 */
export const COLD_START_OPTIONS = { env: { COMPACT_AFTER_ROWS: '1000000' } }

/** What one server did in the cold-load benchmark. */
export type ColdResult = {
  updates: number
  historyMiB: number
  /** Seconds to accept the whole pipelined history (until the answer to a sync step 1 sent after it). */
  ingestSeconds: number
  ingestPerSecond: number
  serverCpuIngestSeconds: number
  serverPeakRssMiB: number
  /** Size of the sync step 2 a fresh client receives. */
  syncBytes: number
  warmMs: Summary
  coldBeforeMs: number | undefined
  coldAfterMs: Summary | undefined
  /** How the server was brought to a compacted state, or why there is no cold figure. */
  coldNote: string
  /** Whether every state a fresh client received was the notice the history built. */
  verified: boolean
}

const historyCache = new Map<string, NoticeHistory>()

/** The history on top of `base`, built once per distinct base and settings. */
function historyFor(options: ColdOptions, base: Uint8Array): NoticeHistory {
  const key = `${options.items}/${options.updates}/${Buffer.from(base).toString('base64')}`
  let history = historyCache.get(key)
  if (!history) {
    history = buildNoticeHistory({ items: options.items, updates: options.updates, base })
    console.log(
      `[cold] history: ${history.updates.length} updates, ${mib(history.bytes).toFixed(1)} MB, ` +
        `final state ${mib(history.stateBytes).toFixed(2)} MB, built in ${history.generationSeconds.toFixed(1)} s`,
    )
    historyCache.set(key, history)
  }
  return history
}

/** Joins `room` with a fresh client; returns connect-to-synced milliseconds and whether the state matched. */
async function freshJoin(
  room: Room,
  history: NoticeHistory,
): Promise<{ ms: number; ok: boolean; bytes: number }> {
  let state: Buffer | undefined
  const client = new BenchClient(room.url, room.protocol, {
    onMessage: (kind, data) => {
      if (kind === MessageKind.SyncStep2 && !state) state = data
    },
  })
  await client.connect(undefined, 300_000)
  const ms = client.connectMs
  await client.close()
  if (!state) throw new Error('No sync step 2 captured')
  return { ms, ok: holdsHistory(room.protocol.syncPayload(state), history), bytes: state.length }
}

/** Runs the cold-load benchmark on a started server (restarting it when it is durable). */
export async function runColdLoad(first: RunningServer, options: ColdOptions): Promise<ColdResult> {
  let server = first
  const room = await server.room('cold')

  let base: Buffer | undefined
  const writer = new BenchClient(room.url, room.protocol, {
    onMessage: (kind, data) => {
      if (kind === MessageKind.SyncStep2) base ??= data
    },
  })
  await writer.connect()
  if (!base) throw new Error('No sync step 2 captured')
  const history = historyFor(options, room.protocol.syncPayload(base))

  server.sampler.mark()
  const ingestStart = performance.now()
  for (const update of history.updates) {
    writer.send(room.protocol.update(update))
    // Keep the socket's queue bounded; the server still receives a continuous stream.
    while (writer.bufferedAmount > 4 * 1024 * 1024) await sleep(1)
  }
  await writer.requestSync(history.stateVector)
  const ingestSeconds = (performance.now() - ingestStart) / 1000
  const ingestUsage = server.sampler.usage()

  const warm: number[] = []
  let verified = true
  let syncBytes = 0
  for (let repeat = 0; repeat < options.repeats; repeat++) {
    const join = await freshJoin(room, history)
    warm.push(join.ms)
    verified &&= join.ok
    syncBytes = join.bytes
  }
  await writer.close()

  let coldBeforeMs: number | undefined
  let coldAfter: number[] | undefined
  let coldNote = 'n/a (no persistence)'
  if (server.kind.durable) {
    const restart = async (options: StartOptions) => {
      await server.stop({ keepData: true })
      server = await server.kind.start({ ...options, dataDir: server.dataDir })
      return server.join(room.id)
    }
    try {
      const before = await freshJoin(await restart(COLD_START_OPTIONS), history)
      coldBeforeMs = before.ms
      verified &&= before.ok
      coldNote = server.kind.compact ? await server.kind.compact(server, room.id) : 'no compaction step known'
      coldAfter = []
      for (let repeat = 0; repeat < options.repeats; repeat++) {
        const after = await freshJoin(await restart({}), history)
        coldAfter.push(after.ms)
        verified &&= after.ok
      }
    } finally {
      // The restarted process is the harness's to stop; the first one is stopped by the server loop.
      if (server !== first) await server.stop({ keepData: true })
    }
  }

  return {
    updates: history.updates.length,
    historyMiB: mib(history.bytes),
    ingestSeconds,
    ingestPerSecond: history.updates.length / ingestSeconds,
    serverCpuIngestSeconds: ingestUsage.cpuSeconds,
    serverPeakRssMiB: mib(ingestUsage.peakRss),
    syncBytes,
    warmMs: summarizeValues(warm),
    coldBeforeMs,
    coldAfterMs: coldAfter ? summarizeValues(coldAfter) : undefined,
    coldNote,
    verified,
  }
}

/** The cold-load table: one row per server, then Convene's ratio to each peer. */
export function coldTable(
  outcomes: readonly Outcome<ColdResult>[],
  options: ColdOptions,
  machine: string,
): string {
  return renderTable({
    title:
      `Cold load: a ${options.items}-item notice with a ${options.updates}-update history ` +
      `(connect -> sync step 2 received; median of ${options.repeats})`,
    context: machine,
    columns: [
      { header: 'server' },
      { header: 'ingest s', decimals: 1 },
      { header: 'ingest upd/s', decimals: 0 },
      { header: 'ingest CPU s', decimals: 1 },
      { header: 'peak RSS MB', decimals: 1 },
      { header: 'sync KB', decimals: 0 },
      { header: 'warm ms', decimals: 1 },
      { header: 'cold before compaction ms', decimals: 1 },
      { header: 'cold after compaction ms', decimals: 1 },
      { header: 'state ok' },
    ],
    rows: serverRows(
      outcomes,
      (r) => [
        r.ingestSeconds,
        r.ingestPerSecond,
        r.serverCpuIngestSeconds,
        r.serverPeakRssMiB,
        r.syncBytes / 1024,
        r.warmMs.p50,
        r.coldBeforeMs ?? 'n/a (no persistence)',
        r.coldAfterMs?.p50 ?? 'n/a (no persistence)',
        r.verified ? 'yes' : 'NO',
      ],
      (r) => [
        r.ingestSeconds,
        r.ingestPerSecond,
        r.serverCpuIngestSeconds,
        r.serverPeakRssMiB,
        r.syncBytes,
        r.warmMs.p50,
      ],
    ),
    notes: [
      ...outcomeNotes(outcomes),
      ...outcomes.flatMap((o) =>
        o.status === 'ok' && o.result.coldAfterMs ? [`${o.server}: ${o.result.coldNote}`] : [],
      ),
      "The history goes through each server's websocket, pipelined; ingest ends when the server answers a sync step 1",
      'sent after it. warm = a fresh client joins while the writer is still connected (the notice is in memory).',
      'The peers run without a database extension / YPERSISTENCE, so they have nothing to load cold.',
    ],
  })
}
