/**
 * Shared pieces of the scale-out tests: the machine's real PostgreSQL (a fresh schema per test)
 * and Redis (a fresh channel prefix per test, or a private redis-server the test may stop), server
 * instances as child processes (`node --import tsx server/src/main.ts`, so SIGKILL is real), a TCP
 * proxy to cut the database off, stock y-websocket clients, and Tiptap-shaped edits.
 *
 * PostgreSQL or Redis being down fails the tests with a message saying so; they never skip.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createConnection, createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readNoticeFromYDoc } from '@convene/schema'
import pg from 'pg'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { scrapeMetrics, TEST_METRICS_TOKEN } from '../support/metrics'
import { bearerApi } from '../support/server-api'
import { collabUrl, listeningUrl, spawnServerProcess } from '../support/server-process'
import { accessToken } from '../support/sign-in'

/** The PostgreSQL server the tests use (`TEST_DATABASE_URL`, by default the local one). */
export const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
/** The Redis the tests use (`TEST_REDIS_URL`, by default the local one). */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

/** The administrator the instances create, for when connections need a token. */
const ADMIN = { username: 'cluster-admin', password: 'cluster-admin-password-1' }

const cleanups: (() => Promise<void> | void)[] = []

/** Runs everything the helpers registered, last first; call it in `afterEach`. */
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

/** Polls `condition` every 20 ms; fails naming `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(20)
  }
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms))

// The services

/** Fails with a clear message unless PostgreSQL and Redis answer. */
export async function requireServices(): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.query('SELECT 1')
  } catch (cause) {
    throw new Error(
      `PostgreSQL is not reachable at ${DATABASE_URL}: start it (tests/setup/ensure-tools.sh does) or set TEST_DATABASE_URL. These tests never skip.`,
      { cause },
    )
  } finally {
    await client.end().catch(() => {})
  }
  const url = new URL(REDIS_URL)
  if (!(await redisPing(url.hostname, Number(url.port || 6379)))) {
    throw new Error(
      `Redis is not reachable at ${REDIS_URL}: start it (tests/setup/ensure-tools.sh does) or set TEST_REDIS_URL. These tests never skip.`,
    )
  }
}

/** Whether a Redis at `host`:`port` answers PING within a second. */
export function redisPing(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host, port })
    const finish = (ok: boolean): void => {
      socket.destroy()
      done(ok)
    }
    socket.setTimeout(1000, () => finish(false))
    socket.once('error', () => finish(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.once('data', (data) => finish(data.toString().startsWith('+PONG')))
  })
}

/** A PostgreSQL schema of its own for one test: `url` points every connection at it. */
export type TestSchema = { name: string; url: string }

/** Creates a fresh schema, dropped at cleanup. */
export async function freshSchema(): Promise<TestSchema> {
  const name = `convene_cluster_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: DATABASE_URL })
  await admin.connect()
  try {
    await admin.query(`CREATE SCHEMA ${name}`)
  } finally {
    await admin.end()
  }
  cleanups.unshift(async () => {
    const dropper = new pg.Client({ connectionString: DATABASE_URL })
    await dropper.connect()
    try {
      await dropper.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`)
    } finally {
      await dropper.end()
    }
  })
  return { name, url: withSearchPath(DATABASE_URL, name) }
}

/** `url` with its connections' `search_path` set to `schema`. */
export function withSearchPath(url: string, schema: string): string {
  const separator = url.includes('?') ? '&' : '?'
  return `${url}${separator}options=-c%20search_path%3D${schema}`
}

/** A channel prefix no other test uses. */
export function freshPrefix(): string {
  return `convene-test-${randomBytes(5).toString('hex')}`
}

/** A free TCP port on 127.0.0.1 (bound, then released). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => done(port))
    })
  })
}

/** A private redis-server that a test may stop and start again on the same port. */
export type PrivateRedis = { url: string; port: number; stop(): Promise<void>; start(): Promise<void> }

/** Starts `redis-server` (no persistence) on a free port as a child process; killed at cleanup. */
export async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort()
  let child: ChildProcess | null = null
  const start = async (): Promise<void> => {
    const started = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--daemonize',
        'no',
      ],
      { stdio: 'ignore' },
    )
    child = started
    const failed = new Promise<never>((_, fail) => {
      started.once('error', (error) => fail(new Error('redis-server could not be started', { cause: error })))
    })
    const deadline = Date.now() + 10_000
    while (!(await Promise.race([redisPing('127.0.0.1', port), failed]))) {
      if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer PING in 10 s`)
      await sleep(50)
    }
  }
  const stop = async (): Promise<void> => {
    const running = child
    child = null
    if (!running || running.exitCode !== null || running.signalCode !== null) return
    const exited = new Promise((done) => running.once('exit', done))
    running.kill('SIGKILL')
    await exited
  }
  await start()
  cleanups.push(stop)
  return { url: `redis://127.0.0.1:${port}`, port, stop, start }
}

/** A TCP proxy in front of PostgreSQL whose connections a test can cut, as a network failure would. */
export type DatabaseProxy = { port: number; cut(): void; restore(): void }

/** Proxies 127.0.0.1:<port> to the PostgreSQL of {@link DATABASE_URL}; closed at cleanup. */
export async function databaseProxy(): Promise<DatabaseProxy> {
  const target = new URL(DATABASE_URL)
  const sockets = new Set<Socket>()
  let open = true
  const server: Server = createServer((client) => {
    if (!open) {
      client.destroy()
      return
    }
    const upstream = createConnection({ host: target.hostname, port: Number(target.port || 5432) })
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('error', () => {})
      socket.on('close', () => sockets.delete(socket))
    }
    client.pipe(upstream).pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  cleanups.push(
    () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => done())
      }),
  )
  return {
    port,
    cut() {
      open = false
      for (const socket of sockets) socket.destroy()
    },
    restore() {
      open = true
    },
  }
}

/** `DATABASE_URL` with its host and port replaced by the proxy's. */
export function throughProxy(url: string, proxy: DatabaseProxy): string {
  const parsed = new URL(url)
  parsed.hostname = '127.0.0.1'
  parsed.port = String(proxy.port)
  return parsed.toString()
}

// The instances

/** A server instance running as a child process. */
export type Instance = {
  name: string
  url: string
  wsBase: string
  child: ChildProcess
  /** Everything it printed. */
  output(): string
  /** SIGKILL, and wait until it is gone. */
  kill(): Promise<void>
  /** SIGTERM (graceful stop), and wait until it is gone. */
  stop(): Promise<void>
}

/** How an instance starts. */
export type InstanceOptions = {
  name: string
  databaseUrl: string
  /** Omit to run the instance alone. */
  redisUrl?: string
  redisPrefix?: string
  env?: Record<string, string>
}

/**
 * Starts `server/src/main.ts` in a child process on a free port with the given database and
 * Redis, fast cluster timings, and an administrator account; killed at cleanup.
 */
export async function startInstance(options: InstanceOptions): Promise<Instance> {
  const dataDir = mkdtempSync(join(tmpdir(), 'convene-cluster-'))
  const running = spawnServerProcess({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    CLIENT_DIST_DIR: join(dataDir, 'no-client-build'),
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl ?? '',
    REDIS_PREFIX: options.redisPrefix ?? '',
    INSTANCE_ID: options.name,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    CLUSTER_HEARTBEAT_MS: '300',
    CATCH_UP_INTERVAL_MS: '2000',
    ROOM_UNLOAD_DELAY_MS: '2000',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    METRICS_TOKEN: TEST_METRICS_TOKEN,
    ...options.env,
  })
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    await running.signal(signal)
  }
  cleanups.push(async () => {
    await end('SIGKILL')
    rmSync(dataDir, { recursive: true, force: true })
  })
  const url = await listeningUrl(running, options.name)
  return {
    name: options.name,
    url,
    wsBase: collabUrl(url),
    child: running.child,
    output: running.output,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  }
}

/** Starts `count` instances on one database and one Redis prefix, one after the other. */
export async function startInstances(
  count: number,
  shared: Omit<InstanceOptions, 'name'>,
  names = ['a', 'b', 'c', 'd', 'e'],
): Promise<Instance[]> {
  const instances: Instance[] = []
  // One after the other: the first seeds the empty database with the sample notice.
  for (let index = 0; index < count; index++) {
    instances.push(await startInstance({ ...shared, name: names[index] ?? `i${index}` }))
  }
  return instances
}

/**
 * The value of one sample in `instance`'s Prometheus metrics, named with its labels as printed
 * (e.g. `convene_cluster_messages_received_total{type="update"}`), or 0 when absent.
 */
export async function metric(instance: Instance, sample: string): Promise<number> {
  const text = await scrapeMetrics(instance.url)
  const line = text.split('\n').find((row) => row.startsWith(`${sample} `))
  return line ? Number(line.slice(sample.length + 1)) : 0
}

// Authentication (when the server has accounts: a token from the administrator's login)

/** Tokens by instance URL, with when they were issued: access tokens live a minute by default. */
const tokens = new Map<string, { token: string | null; at: number }>()

/** The signed-in administrator as the server knows it, or null when there are no accounts. */
export type TestUser = { id: string; name: string }
let signedIn: TestUser | null = null

/** The administrator the clients act as (after a {@link tokenFor}), or null without accounts. */
export function currentUser(): TestUser | null {
  return signedIn
}

/**
 * A token for `instance` from `POST /api/auth/login` with the administrator the instances were
 * started with (reused for 20 s), or null when the server has no login route (no accounts).
 */
export async function tokenFor(instance: Instance): Promise<string | null> {
  const known = tokens.get(instance.url)
  if (known && Date.now() - known.at < 20_000) return known.token
  const signed = await accessToken(instance.url, ADMIN, instance.name)
  const token = signed?.token ?? null
  if (signed?.user?.id) signedIn = { id: signed.user.id, name: signed.user.displayName ?? ADMIN.username }
  tokens.set(instance.url, { token, at: Date.now() })
  return token
}

/** JSON over HTTP to an instance, logged in when the server needs it (`api`), and a blank notice created through it (`createNotice`). */
export const { api, createNotice } = bearerApi<Instance>(tokenFor)

// The clients

/** A stock y-websocket client and the connection closes it saw. */
export type Client = {
  name: string
  doc: Y.Doc
  provider: WebsocketProvider
  closes: { code: number; reason: string }[]
}

/**
 * Connects a stock WebsocketProvider to room `room` on `instance` (a notice id, or
 * `<id>/comments` for its comments) and waits until it has synced.
 */
export async function connectClient(instance: Instance, room: string, name: string): Promise<Client> {
  const token = await tokenFor(instance)
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(instance.wsBase, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    // Clients of one process would otherwise sync through BroadcastChannel, not the servers.
    disableBc: true,
    maxBackoffTime: 250,
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
  await waitFor(() => provider.synced, `${name} to sync with ${instance.name}`)
  return { name, doc, provider, closes }
}

/**
 * Points `client` at `instance` from its next connection on (after its server died). Its
 * provider reconnects by itself and resends, through sync, whatever the dead server had not stored.
 */
export async function moveClient(client: Client, instance: Instance): Promise<void> {
  const token = await tokenFor(instance)
  client.provider.serverUrl = instance.wsBase
  client.provider.params = token ? { token } : {}
}

// Tiptap-shaped edits of the `content` fragment

export { contentOf } from '../support/notice-content'

/** The notice as Tiptap JSON, read with the shared schema like the server does. */
export function noticeOf(doc: Y.Doc): ReturnType<typeof readNoticeFromYDoc> {
  return readNoticeFromYDoc(doc)
}

export { insertMarkedEdit, markersIn } from '../support/notice-edits'

/** Reads notice `noticeId` straight from the database: its log applied to a fresh document. */
export async function storedDoc(schema: TestSchema, noticeId: string): Promise<Y.Doc> {
  const client = new pg.Client({ connectionString: schema.url })
  await client.connect()
  try {
    const { rows } = await client.query<{ bytes: Buffer }>(
      'SELECT bytes FROM updates WHERE notice_id = $1 ORDER BY seq',
      [noticeId],
    )
    const doc = new Y.Doc()
    for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.bytes))
    return doc
  } finally {
    await client.end()
  }
}

/** How many rows notice `noticeId`'s update log has in the database. */
export async function storedRows(schema: TestSchema, noticeId: string): Promise<number> {
  const client = new pg.Client({ connectionString: schema.url })
  await client.connect()
  try {
    const { rows } = await client.query<{ count: string }>(
      'SELECT count(*) FROM updates WHERE notice_id = $1',
      [noticeId],
    )
    return Number(rows[0]?.count ?? 0)
  } finally {
    await client.end()
  }
}
