/**
 * The servers under test and how the harness reaches them. Each server runs as its own child
 * process (so its CPU seconds and peak memory are its own), started and stopped by the harness, on
 * 127.0.0.1 only. An adapter per server says how to get the websocket URL and wire framing of a
 * document ("room"), and which HTTP path answers a health probe.
 *
 *   convene      node server/dist/main.js as `pnpm start` runs it (built first when its sources changed),
 *                or from source with `node --import tsx server/src/main.ts` (PORT, HOST, DATA_DIR, and ADMIN_USERNAME /
 *                ADMIN_PASSWORD for an administrator made on start); the harness signs in with
 *                POST /api/auth/login, creates notices with POST /api/notices (bearer token) and
 *                joins ws://…/collab/<id>?token=…
 *   y-websocket  @y/websocket-server 0.1.1, node src/server.js (HOST, PORT), ws://…/<room>, memory only
 *   hocuspocus   @hocuspocus/server 3.4.4 with defaults (bench/hocuspocus-server.mjs), memory only
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as Y from 'yjs'
import { ensureBuilt } from '../support/ensure-built'
import { BenchClient } from './bench-client'
import { ProcessSampler } from './proc-stats'
import { WireProtocol } from './wire'

const here = path.dirname(fileURLToPath(import.meta.url))
/** The monorepo root (tests/bench/../..). */
export const REPO_ROOT = path.resolve(here, '..', '..')
const CONVENE_MAIN = path.join(REPO_ROOT, 'server', 'src', 'main.ts')
const CONVENE_COMPILED = path.join(REPO_ROOT, 'server', 'dist', 'main.js')

/** The servers the harness knows, in the order it runs them. */
export const SERVER_NAMES = ['convene', 'y-websocket', 'hocuspocus'] as const
export type ServerName = (typeof SERVER_NAMES)[number]

/** A document on a running server: where to connect and how to frame messages. */
export type Room = { id: string; url: string; protocol: WireProtocol }

/** What a server kind offers, before it is started. */
export type ServerKind = {
  name: ServerName
  /** Whether an accepted update is on disk before it is broadcast (so it survives a restart). */
  durable: boolean
  /** Why this server cannot run here, or undefined when it can. */
  unavailable(): string | undefined
  /**
   * Starts a fresh process; with `dataDir`, on that data (to measure a restart), else on a new temp
   * dir; `env` adds or overrides environment variables (settings of the server under test).
   */
  start(options?: StartOptions): Promise<RunningServer>
  /**
   * Brings document `id` to its compacted form on disk, for the cold-load benchmark; returns a sentence
   * saying what was done. Only for durable servers.
   */
  compact?(server: RunningServer, id: string): Promise<string>
}

/**
 * How to start a server for one benchmark. `entry` is Convene's: the compiled server that `pnpm start`
 * runs (the default), or its sources through tsx, as `pnpm start` ran it before it was compiled.
 */
export type StartOptions = { dataDir?: string; env?: Record<string, string>; entry?: 'compiled' | 'source' }

/** A started server process. */
export type RunningServer = {
  kind: ServerKind
  pid: number
  port: number
  /** The data directory (Convene); removed by {@link RunningServer.stop} only if the harness made it. */
  dataDir: string | undefined
  /** A URL whose GET answers quickly: the event-loop delay proxy. */
  healthUrl: string
  /** Milliseconds from spawning the process to its first successful health answer (polled every 10 ms). */
  readyMs: number
  sampler: ProcessSampler
  /** Creates (Convene) or names (peers) a document. `hint` only makes peer room names readable. */
  room(hint: string): Promise<Room>
  /** The same document on this process (after a restart on the same data). */
  join(id: string): Promise<Room>
  /** The document the server created itself on its first start (Convene's sample notice); none for the peers. */
  seededRoom(): Promise<Room | undefined>
  /** Stops the process (SIGTERM, then SIGKILL after 5 s); keeps the data dir when `keepData`. */
  stop(options?: { keepData?: boolean }): Promise<void>
  /** The last 64 KB the process printed (error messages, debug logs). */
  output(): string
  /** Whether the process has exited (by itself or by stop()). */
  exited(): boolean
}

const liveChildren = new Set<ChildProcess>()
const ownedDataDirs = new Set<string>()

// The harness must not leave servers or data behind, even when it fails: kill the children it
// started and remove the temporary data directories it made.
process.on('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL')
  for (const dir of ownedDataDirs) rmSync(dir, { recursive: true, force: true })
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(130))
}

/** A free TCP port on 127.0.0.1 (bound and released; the small race is acceptable for a benchmark). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('No free port'))))
    })
  })
}

type LaunchSpec = {
  kind: ServerKind
  args: string[]
  env: Record<string, string>
  healthPath: string
  dataDir: string | undefined
  ownsDataDir: boolean
  port: number
  /** Creates a document and returns its id. */
  create: (hint: string) => Promise<string>
  /** Where and how to reach document `id`. */
  join: (id: string) => Promise<Room>
  /** The id of the document the server seeded on start, if it seeds one. */
  seeded?: () => Promise<string>
}

async function launch(spec: LaunchSpec): Promise<RunningServer> {
  const spawnedAt = performance.now()
  const child = spawn(process.execPath, spec.args, {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'production', ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  liveChildren.add(child)
  let tail = ''
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-65_536)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  let hasExited = false
  const exitedPromise = new Promise<void>((resolve) => {
    // 'close', not 'exit': by then the process's last output has been read from its pipes.
    child.once('close', () => {
      hasExited = true
      liveChildren.delete(child)
      resolve()
    })
  })
  const pid = child.pid
  if (pid === undefined) throw new Error(`${spec.kind.name} did not start: ${tail}`)
  const healthUrl = `http://127.0.0.1:${spec.port}${spec.healthPath}`

  const stop = async (options: { keepData?: boolean } = {}) => {
    if (!hasExited) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exitedPromise
      clearTimeout(timer)
    }
    if (spec.ownsDataDir && spec.dataDir && !options.keepData) {
      rmSync(spec.dataDir, { recursive: true, force: true })
      ownedDataDirs.delete(spec.dataDir)
    }
  }

  try {
    await waitForHealth(healthUrl, () => hasExited, 60_000)
  } catch (error) {
    await stop()
    throw new Error(`${spec.kind.name} did not become ready: ${(error as Error).message}\n${tail}`, {
      cause: error,
    })
  }
  const readyMs = performance.now() - spawnedAt
  const sampler = new ProcessSampler(pid).start()
  return {
    kind: spec.kind,
    pid,
    port: spec.port,
    dataDir: spec.dataDir,
    healthUrl,
    readyMs,
    sampler,
    room: async (hint) => spec.join(await spec.create(hint)),
    join: spec.join,
    seededRoom: async () => (spec.seeded ? spec.join(await spec.seeded()) : undefined),
    stop: async (options) => {
      sampler.stop()
      await stop(options)
    },
    output: () => tail,
    exited: () => hasExited,
  }
}

async function waitForHealth(url: string, exited: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let lastError = 'no answer'
  while (Date.now() < deadline) {
    if (exited()) throw new Error('the process exited')
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) })
      await response.arrayBuffer()
      if (response.ok) return
      lastError = `HTTP ${response.status}`
    } catch (error) {
      lastError = (error as Error).message
    }
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`${url} not healthy after ${timeoutMs} ms (${lastError})`)
}

let roomCounter = 0
/** A room name unique within this harness run. */
function roomName(hint: string): string {
  return `bench-${hint}-${process.pid}-${++roomCounter}`
}

/** The reference y-websocket server, documents in memory (no YPERSISTENCE). */
export const yWebsocket: ServerKind = {
  name: 'y-websocket',
  durable: false,
  unavailable: () => {
    try {
      resolveYWebsocketServer()
      return undefined
    } catch (error) {
      return (error as Error).message
    }
  },
  start: async (options = {}) => {
    const port = await freePort()
    return launch({
      kind: yWebsocket,
      args: [resolveYWebsocketServer()],
      env: { ...options.env, HOST: '127.0.0.1', PORT: String(port) },
      healthPath: '/',
      dataDir: undefined,
      ownsDataDir: false,
      port,
      create: async (hint) => roomName(hint),
      join: async (id) => ({
        id,
        url: `ws://127.0.0.1:${port}/${id}`,
        protocol: new WireProtocol({ kind: 'y-websocket' }),
      }),
    })
  },
}

function resolveYWebsocketServer(): string {
  // The package exports no "." entry: resolve its package.json, then the server file beside it.
  const packageJson = fileURLToPath(import.meta.resolve('@y/websocket-server/package.json'))
  const file = path.join(path.dirname(packageJson), 'src', 'server.js')
  if (!existsSync(file)) throw new Error(`@y/websocket-server has no ${file}`)
  return file
}

/** Hocuspocus with its defaults: no database extension, documents in memory. */
export const hocuspocus: ServerKind = {
  name: 'hocuspocus',
  durable: false,
  unavailable: () => {
    try {
      import.meta.resolve('@hocuspocus/server')
      return undefined
    } catch (error) {
      return (error as Error).message
    }
  },
  start: async (options = {}) => {
    const port = await freePort()
    return launch({
      kind: hocuspocus,
      args: [path.join(here, 'hocuspocus-server.mjs')],
      env: { ...options.env, PORT: String(port) },
      healthPath: '/',
      dataDir: undefined,
      ownsDataDir: false,
      port,
      create: async (hint) => roomName(hint),
      join: async (id) => ({
        id,
        url: `ws://127.0.0.1:${port}/${id}`,
        // No onAuthenticate hook is configured, so any token is accepted; the message is still required.
        protocol: new WireProtocol({ kind: 'hocuspocus', documentName: id, token: 'bench' }),
      }),
    })
  },
}

/**
 * Convene as `pnpm start` runs it (compiled, built first when its sources changed) or from source
 * (tsx loader), with a fresh or given DATA_DIR.
 */
export const convene: ServerKind = {
  name: 'convene',
  durable: true,
  unavailable: () => (existsSync(CONVENE_MAIN) ? undefined : `${CONVENE_MAIN} does not exist yet`),
  compact: compactConvene,
  start: async (options = {}) => {
    const fromSource = options.entry === 'source'
    if (!fromSource) ensureBuilt('server')
    const port = await freePort()
    const ownsDataDir = options.dataDir === undefined
    const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'convene-bench-'))
    if (ownsDataDir) ownedDataDirs.add(dataDir)
    let token: string | undefined
    const base = `http://127.0.0.1:${port}`
    return launch({
      kind: convene,
      args: fromSource ? ['--import', import.meta.resolve('tsx'), CONVENE_MAIN] : [CONVENE_COMPILED],
      env: {
        LOG_LEVEL: 'warn',
        DEMO_ACCOUNTS: '0',
        // The token only has to outlive one process's benchmark; it is checked on each websocket upgrade.
        ACCESS_TOKEN_TTL_SECONDS: '3600',
        // Every benchmark client comes from 127.0.0.1, and the throughput benchmarks send thousands of
        // updates per second on one socket: the per-address connection cap and the per-connection
        // message rate, which keep one real client from starving the others, are lifted (the peers
        // have neither).
        MAX_CONNECTIONS_PER_IP: '0',
        MAX_MESSAGES_PER_SECOND: '0',
        ...options.env,
        ADMIN_USERNAME: BENCH_ADMIN.username,
        ADMIN_PASSWORD: BENCH_ADMIN.password,
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir,
      },
      healthPath: '/api/health',
      dataDir,
      ownsDataDir,
      port,
      create: async () => {
        token ??= await conveneLogin(base)
        const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` }
        const response = await fetch(`${base}/api/notices`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ from: 'blank' }),
        })
        const text = await response.text()
        if (!response.ok)
          throw new Error(`POST /api/notices answered ${response.status}: ${text.slice(0, 300)}`)
        const { id } = JSON.parse(text) as { id?: unknown }
        if (typeof id !== 'string' || id === '')
          throw new Error(`POST /api/notices returned no id: ${text.slice(0, 300)}`)
        return id
      },
      seeded: async () => {
        token ??= await conveneLogin(base)
        const response = await fetch(`${base}/api/notices`, { headers: { authorization: `Bearer ${token}` } })
        const text = await response.text()
        if (!response.ok)
          throw new Error(`GET /api/notices answered ${response.status}: ${text.slice(0, 300)}`)
        const [first] = JSON.parse(text) as { id?: unknown }[]
        if (typeof first?.id !== 'string')
          throw new Error(`GET /api/notices lists no seeded notice: ${text.slice(0, 300)}`)
        return first.id
      },
      join: async (id) => {
        token ??= await conveneLogin(base)
        return {
          id,
          url: `ws://127.0.0.1:${port}/collab/${encodeURIComponent(id)}?token=${encodeURIComponent(token)}`,
          protocol: new WireProtocol({ kind: 'y-websocket' }),
        }
      },
    })
  },
}

/**
 * Convene compacts a notice's update log after a write, once the log holds more than
 * COMPACT_AFTER_ROWS rows (500 by default): restart it with the default, write one update (to a
 * root map of its own, so `content` is untouched), and stop it gracefully, which waits for the
 * compaction. Its debug log says whether and how many rows were merged.
 */
async function compactConvene(server: RunningServer, id: string): Promise<string> {
  await server.stop({ keepData: true })
  const restarted = await convene.start({ dataDir: server.dataDir, env: { LOG_LEVEL: 'debug' } })
  try {
    const room = await restarted.join(id)
    const client = new BenchClient(room.url, room.protocol)
    await client.connect(undefined, 300_000)
    const trigger = new Y.Doc()
    trigger.getMap('bench').set('compactionTrigger', Date.now())
    client.send(room.protocol.update(Y.encodeStateAsUpdate(trigger)))
    // Answered once the update is on disk, by which time the compaction has started.
    await client.requestSync(Y.encodeStateVector(trigger))
    await client.close()
  } finally {
    await restarted.stop({ keepData: true })
  }
  const logged = /"merged":(\d+)[^\n]*compacted the update log/.exec(restarted.output())
  return logged
    ? `compaction: restarted with the default COMPACT_AFTER_ROWS, one update written; ${logged[1]} rows merged into one`
    : 'compaction NOT confirmed: the server did not log "compacted the update log" after one update'
}

/** The administrator every Convene process of this harness run creates on start (ADMIN_USERNAME / ADMIN_PASSWORD). */
const BENCH_ADMIN = { username: 'bench-admin', password: randomBytes(18).toString('base64url') }

/**
 * Signs in as {@link BENCH_ADMIN}; returns the access token for `?token=` and `Authorization: Bearer`.
 * The server answers health checks as soon as it listens, a moment before it has made the
 * administrator of ADMIN_USERNAME: a 401 is retried for a few seconds.
 */
async function conveneLogin(base: string): Promise<string> {
  const deadline = Date.now() + 10_000
  let response: Response
  let text: string
  do {
    response = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(BENCH_ADMIN),
    })
    text = await response.text()
    if (response.status !== 401) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  } while (Date.now() < deadline)
  if (!response.ok) throw new Error(`POST /api/auth/login answered ${response.status}: ${text.slice(0, 300)}`)
  const { token } = JSON.parse(text) as { token?: unknown }
  if (typeof token !== 'string')
    throw new Error(`POST /api/auth/login returned no token: ${text.slice(0, 300)}`)
  return token
}

/** Every server kind by name. */
export const SERVERS: Record<ServerName, ServerKind> = {
  convene,
  'y-websocket': yWebsocket,
  hocuspocus,
}
