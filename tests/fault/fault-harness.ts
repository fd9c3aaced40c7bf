/**
 * Shared pieces of the fault tests: the server as a child process (`node --import tsx
 * server/src/main.ts`, so that SIGKILL and SIGTERM are real and its memory is its own) on a port
 * of our choosing, restartable on the same database; a login token for it; stock y-websocket
 * clients (optionally from another loopback address); raw websocket clients and raw TCP for
 * hostile input; a probe of the server's event loop running on its own thread; and readers of the SQLite
 * file.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect, createServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { TEST_METRICS_TOKEN } from '../support/metrics'
import { contentOf } from '../support/notice-content'
import { openRawClient, type RawClient } from '../support/raw-client'
import { bearerApi } from '../support/server-api'
import { collabUrl, listeningUrl, type ServerProcess, spawnServerProcess } from '../support/server-process'
import { accessToken } from '../support/sign-in'

/** The administrator every fault server creates, whose token the clients use. */
export const ADMIN = { username: 'fault-admin', password: 'fault-admin-password' }

/** The SQLite file inside a data directory. */
export const DATABASE_FILE = 'convene.sqlite'

const cleanups: (() => Promise<void> | void)[] = []

/** Runs everything the helpers registered, last first; call it in `afterEach`/`afterAll`. */
export async function cleanup(): Promise<void> {
  while (cleanups.length > 0) {
    const step = cleanups.pop()
    try {
      await step?.()
    } catch {
      // Best effort: a failed test may leave things half closed.
    }
  }
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms))

/** Polls `condition` every 10 ms; fails with `what()` (evaluated then) after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean,
  what: string | (() => string),
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`,
      )
    }
    await sleep(10)
  }
}

/** A fresh temporary directory, removed at cleanup. */
export function tempDir(prefix = 'convene-fault-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  cleanups.unshift(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** A TCP port that was free a moment ago (bound to port 0, then released). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      )
    })
  })
}

// The server as a child process

/** How a fault server starts. */
export type ServerOptions = {
  /** Environment variables on top of the test defaults (limits, timings). */
  env?: Record<string, string>
  /** The data directory; a fresh one by default. */
  dataDir?: string
  /** The port; a free one by default. */
  port?: number
}

/** A running server process. */
export type FaultServer = ServerProcess & {
  url: string
  /** `ws://…/collab`, the y-websocket server URL. */
  wsBase: string
  port: number
  dataDir: string
  /** Starts the same server again (same port, data directory and settings) after it exited. */
  restart(): Promise<FaultServer>
}

/**
 * Starts `server/src/main.ts` as `pnpm start` would, with an administrator account, a token TTL
 * long enough for reconnections, quiet logs, and `options.env`; killed at cleanup.
 */
export async function startServer(options: ServerOptions = {}): Promise<FaultServer> {
  const dataDir = options.dataDir ?? tempDir()
  const port = options.port ?? (await freePort())
  const running = spawnServerProcess({
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    CLIENT_DIST_DIR: join(dataDir, 'no-client-build'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    DEMO_ACCOUNTS: '0',
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    METRICS_TOKEN: TEST_METRICS_TOKEN,
    ...options.env,
  })
  cleanups.push(async () => {
    await running.signal('SIGKILL')
  })
  await listeningUrl(running, 'main.ts', 60_000)
  const url = `http://127.0.0.1:${port}`
  return {
    ...running,
    url,
    wsBase: collabUrl(url),
    port,
    dataDir,
    restart: async () => {
      if (running.alive()) throw new Error('restart() needs the server to have exited first')
      return startServer({ ...options, dataDir, port })
    },
  }
}

/** Resident memory of `server`, in MiB, for messages. */
export const rssMiB = (server: FaultServer): number => Math.round(server.rssBytes() / 1048576)

// Authentication and HTTP

const tokens = new Map<string, string | null>()

/**
 * A websocket/API token of the administrator (POST /api/auth/login), or null on a server without
 * accounts. Cached per data directory: sessions and the signing secret live in the database, so
 * a token stays valid across restarts.
 */
export async function tokenFor(server: FaultServer): Promise<string | null> {
  const known = tokens.get(server.dataDir)
  if (known !== undefined) return known
  const token = (await accessToken(server.url, ADMIN))?.token ?? null
  tokens.set(server.dataDir, token)
  return token
}

/** JSON over HTTP as the administrator (`api`), and a blank notice created that way (`createNotice`). */
export const { api, createNotice } = bearerApi<FaultServer>(tokenFor)

/** The notice's `content` as the server stores it (GET /api/notices/:id), as JSON text. */
export async function storedContent(server: FaultServer, noticeId: string): Promise<string> {
  const response = await api(server, 'GET', `/api/notices/${noticeId}`)
  if (response.status !== 200)
    throw new Error(`GET /api/notices/${noticeId} answered ${response.status}: ${response.text}`)
  return JSON.stringify((response.body as { content: unknown }).content)
}

/** The websocket URL of notice `noticeId`, with the token when the server needs one. */
export async function noticeUrl(server: FaultServer, noticeId: string): Promise<string> {
  const token = await tokenFor(server)
  return `${server.wsBase}/${encodeURIComponent(noticeId)}${token ? `?token=${encodeURIComponent(token)}` : ''}`
}

// The SQLite file

/** One row of a notice's update log as stored. */
export type StoredRow = { seq: number; bytes: Buffer }

/** The update log of `noticeId` read straight from the SQLite file (read-only; fine while running). */
export function storedRows(dataDir: string, noticeId: string): StoredRow[] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true })
  try {
    return db
      .prepare<[string], StoredRow>('SELECT seq, bytes FROM updates WHERE notice_id = ? ORDER BY seq')
      .all(noticeId)
  } finally {
    db.close()
  }
}

/** The document the stored log of `noticeId` builds (what a restarted server would load). */
export function storedDoc(dataDir: string, noticeId: string): Y.Doc {
  const doc = new Y.Doc()
  for (const row of storedRows(dataDir, noticeId)) Y.applyUpdate(doc, new Uint8Array(row.bytes))
  return doc
}

// Clients

/** A stock y-websocket client and the closes it saw. */
export type Client = {
  name: string
  doc: Y.Doc
  provider: WebsocketProvider
  closes: { code: number; reason: string }[]
}

/** A `ws` WebSocket class whose connections leave from `localAddress` (another loopback address). */
function websocketFrom(localAddress: string | undefined): typeof WebSocket {
  if (!localAddress) return WebSocket
  class FromAddress extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { localAddress })
    }
  }
  return FromAddress as unknown as typeof WebSocket
}

/** Options of {@link connectClient}. */
export type ClientOptions = {
  /** Wait until synced (default true). */
  synced?: boolean
  /** Connect from this local address (e.g. `127.0.0.2`), to look like another machine. */
  localAddress?: string
}

/**
 * Connects a stock WebsocketProvider to `noticeId` with a fresh Y.Doc, and waits until it has
 * synced. Destroyed at cleanup.
 */
export async function connectClient(
  server: FaultServer,
  noticeId: string,
  name: string,
  options: ClientOptions = {},
): Promise<Client> {
  const token = await tokenFor(server)
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(server.wsBase, noticeId, doc, {
    WebSocketPolyfill: websocketFrom(options.localAddress) as unknown as typeof globalThis.WebSocket,
    // Clients of one process would otherwise sync through BroadcastChannel, not the server.
    disableBc: true,
    maxBackoffTime: 200,
    params: token ? { token } : {},
  })
  const closes: { code: number; reason: string }[] = []
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason })
  })
  cleanups.push(() => {
    provider.destroy()
    doc.destroy()
  })
  if (options.synced !== false) await waitFor(() => provider.synced, `${name} to sync`)
  return { name, doc, provider, closes }
}

/** Connects `count` clients named `c0`, `c1`, … to `noticeId` one after the other, each synced. */
export async function connectClients(
  server: FaultServer,
  noticeId: string,
  count: number,
): Promise<Client[]> {
  const clients: Client[] = []
  for (let index = 0; index < count; index++) clients.push(await connectClient(server, noticeId, `c${index}`))
  return clients
}

/** Whether every client holds the same content and the same state vector as the first. */
export function allAlike(clients: readonly Client[]): boolean {
  const first = clients[0]
  if (!first) return true
  const content = contentOf(first.doc)
  const stateVector = Y.encodeStateVector(first.doc).toString()
  return clients.every(
    (client) =>
      contentOf(client.doc) === content && Y.encodeStateVector(client.doc).toString() === stateVector,
  )
}

/**
 * Opens a raw websocket client (no provider: see tests/support/raw-client.ts) at `url` (see
 * {@link noticeUrl}) and waits until it is open; rejects with an error carrying the HTTP `status`
 * when the upgrade is refused. Terminated at cleanup.
 */
export async function openRaw(url: string, localAddress?: string): Promise<RawClient> {
  const client = await openRawClient(url, {}, localAddress)
  cleanups.push(() => client.close())
  return client
}

/** Resolves true if `raw` closes within `ms`, false if it is still open then. */
export async function closesWithin(raw: RawClient, ms: number): Promise<boolean> {
  return (await raw.closed(ms)) !== null
}

// Raw TCP: what no websocket library would send

/** A TCP connection that went through the websocket upgrade by hand; nothing reads it yet. */
export type RawTcp = {
  socket: Socket
  /** The HTTP status of the upgrade answer (101 when upgraded). */
  status: number
  /** The answer's head, for messages. */
  head: string
  /** Bytes that arrived after the head in the same packets. */
  rest: Buffer
}

/**
 * Connects to `url` (ws://…) and sends an upgrade request, followed at once by `after` if given
 * (bytes no server should read before deciding on the upgrade); resolves with the answer's status
 * once its head arrived, with the socket paused. Destroyed at cleanup.
 */
export async function rawUpgrade(
  url: string,
  options: { localAddress?: string; after?: Buffer } = {},
): Promise<RawTcp> {
  const target = new URL(url)
  const socket = connect({
    host: target.hostname,
    port: Number(target.port),
    ...(options.localAddress ? { localAddress: options.localAddress } : {}),
  })
  cleanups.push(() => void socket.destroy())
  socket.on('error', () => {})
  await new Promise<void>((done, fail) => {
    socket.once('connect', () => done())
    socket.once('error', fail)
  })
  const request = [
    `GET ${target.pathname}${target.search} HTTP/1.1`,
    `Host: ${target.host}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    '',
    '',
  ].join('\r\n')
  socket.write(options.after ? Buffer.concat([Buffer.from(request), options.after]) : request)
  return new Promise<RawTcp>((done, fail) => {
    let received = Buffer.alloc(0)
    const onData = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk])
      const end = received.indexOf('\r\n\r\n')
      if (end < 0) return
      socket.off('data', onData)
      socket.pause()
      const head = received.subarray(0, end).toString('latin1')
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0)
      done({ socket, status, head, rest: received.subarray(end + 4) })
    }
    socket.on('data', onData)
    socket.once('close', () => fail(new Error(`The connection closed before an upgrade answer: ${received}`)))
  })
}

/**
 * A masked client frame (`opcode` 2 = binary). `declaredLength` writes a payload length other than
 * the payload's real one, to announce a frame bigger than what follows.
 */
export function clientFrame(payload: Uint8Array, opcode = 2, declaredLength = payload.length): Buffer {
  const head: number[] = [0x80 | opcode]
  if (declaredLength < 126) head.push(0x80 | declaredLength)
  else if (declaredLength < 65536) head.push(0x80 | 126, declaredLength >> 8, declaredLength & 0xff)
  else {
    head.push(0x80 | 127)
    const length = BigInt(declaredLength)
    for (let shift = 56n; shift >= 0n; shift -= 8n) head.push(Number((length >> shift) & 0xffn))
  }
  const mask = randomBytes(4)
  const masked = Buffer.from(payload.map((byte, index) => byte ^ (mask[index % 4] as number)))
  return Buffer.concat([Buffer.from(head), mask, masked])
}

/** One frame from the server. */
export type ServerFrame = { opcode: number; payload: Buffer }

/** Splits server frames (never masked) off `data`; returns them and the incomplete rest. */
export function readServerFrames(data: Buffer): { frames: ServerFrame[]; rest: Buffer } {
  const frames: ServerFrame[] = []
  let offset = 0
  for (;;) {
    if (data.length - offset < 2) break
    const opcode = (data[offset] as number) & 0x0f
    let length = (data[offset + 1] as number) & 0x7f
    let start = offset + 2
    if (length === 126) {
      if (data.length - offset < 4) break
      length = data.readUInt16BE(offset + 2)
      start = offset + 4
    } else if (length === 127) {
      if (data.length - offset < 10) break
      length = Number(data.readBigUInt64BE(offset + 2))
      start = offset + 10
    }
    if (data.length < start + length) break
    frames.push({ opcode, payload: data.subarray(start, start + length) })
    offset = start + length
  }
  return { frames, rest: data.subarray(offset) }
}

// The event-loop probe

/** What the probe saw: its slowest answer, how many it sent, how many failed. */
export type ProbeResult = { maxMs: number; count: number; failures: number }

const PROBE_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
let stopping = false
parentPort.on('message', () => { stopping = true })
;(async () => {
  let maxMs = 0, count = 0, failures = 0
  while (!stopping) {
    const start = performance.now()
    try {
      const response = await fetch(workerData.url, { signal: AbortSignal.timeout(5000) })
      await response.arrayBuffer()
      if (!response.ok) failures++
    } catch { failures++ }
    maxMs = Math.max(maxMs, performance.now() - start)
    count++
    await new Promise((done) => setTimeout(done, 10))
  }
  parentPort.postMessage({ maxMs, count, failures })
})()
`

/**
 * Starts asking `GET /api/health` every 10 ms (one request at a time) from a worker thread, so
 * that the test's own work does not delay it: the slowest answer bounds how long the server's
 * event loop stalled. `stop()` resolves what it saw.
 */
export function probeEventLoop(server: FaultServer): { stop(): Promise<ProbeResult> } {
  const worker = new Worker(PROBE_SOURCE, { eval: true, workerData: { url: `${server.url}/api/health` } })
  const result = new Promise<ProbeResult>((done, fail) => {
    worker.once('message', (message: ProbeResult) => done(message))
    worker.once('error', fail)
  })
  cleanups.push(async () => {
    await worker.terminate()
  })
  return {
    async stop() {
      worker.postMessage('stop')
      const seen = await result
      await worker.terminate()
      return seen
    },
  }
}

// The notice content

export { contentOf, paragraph } from '../support/notice-content'
