/**
 * The server's configuration: its defaults and how the environment overrides them. Only
 * main.ts reads the environment; everything else receives a {@link ServerConfig}.
 */
import { isIP } from 'node:net'
import { isAbsolute, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_NOTICE_LIMITS } from '@convene/schema'
import { LOG_LEVELS, type LogLevel } from './logger'
import { redactDatabaseUrl } from './storage/redact-url'

/** The repository root (two levels above this file), whatever the working directory. */
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** Everything the server needs to know to run. */
export type ServerConfig = {
  /** The interface to listen on. */
  host: string
  /** The port to listen on; 0 picks a free one. */
  port: number
  /** The directory of the SQLite database (`convene.sqlite`), created if missing. */
  dataDir: string
  /**
   * The `postgres://` URL of a PostgreSQL database to store notices in instead of SQLite, so
   * that several server instances can share them; null for the SQLite file in `dataDir`.
   */
  databaseUrl: string | null
  /** The built web client (static files and index.html). */
  clientDistDir: string
  logLevel: LogLevel
  /** The largest websocket message accepted, in bytes (the websocket `maxPayload`). */
  maxMessageBytes: number
  /** The largest awareness (presence) update accepted, in bytes. */
  maxAwarenessBytes: number
  /** The most awareness client ids one websocket may hold presence for (over it: 4413). */
  maxAwarenessIdsPerConnection: number
  /** The most presence states one room holds; beyond it a newcomer's presence is not relayed. */
  maxPresenceStates: number
  /** The most comment threads in one notice (over it: 4413). */
  maxCommentThreadsPerNotice: number
  /** The most comments, replies included, in one notice (over it: 4413). */
  maxCommentsPerNotice: number
  /** The most comment threads one user opens in one notice (over it: 4413). */
  maxCommentThreadsPerUser: number
  /** The most comments one user writes in one notice (over it: 4413). */
  maxCommentsPerUser: number
  /** The largest comments document of a notice, in bytes (over it: 4413). */
  maxCommentsDocBytes: number
  /** The most changes one user makes to one notice's comments per minute (over it: 4429). */
  maxCommentWritesPerMinute: number
  /** How far a comment's createdAt, editedAt or resolvedAt may be from the server's clock, in ms (4422). */
  commentClockSkewMs: number
  /** The largest HTTP request body accepted, in bytes. */
  maxBodyBytes: number
  /** The largest file `POST /api/notices/import` reads (MAX_IMPORT_BYTES). */
  maxImportBytes: number
  /** The most websocket connections one client address may hold at once (0: no limit). */
  maxConnectionsPerIp: number
  /** The sustained number of websocket messages per second one connection may send (0: no limit). */
  maxMessagesPerSecond: number
  /** How many messages above that rate one connection may send in a burst. */
  maxMessageBurst: number
  /** The bytes the checks may examine per second for one websocket connection (0: no limit). */
  maxWorkBytesPerSecond: number
  /** The most bytes queued to one websocket before it is dropped as a slow consumer (0: no limit). */
  maxBufferedBytes: number
  /** How long a notice with no connection stays in memory, in milliseconds. */
  roomUnloadDelayMs: number
  /** Compact a notice's stored update log once it holds more rows than this. */
  compactAfterRows: number
  /**
   * How long after the first edit since a notice's last automatic revision to take the next one,
   * in milliseconds; 0 takes automatic revisions only when the last editor leaves.
   */
  autoRevisionIntervalMs: number
  /**
   * The `redis://` (or `rediss://`) URL of the Redis that joins this instance to the others
   * sharing the database; null for an instance on its own.
   */
  redisUrl: string | null
  /** Prefix of this deployment's Redis channels and keys: instances talk only within one prefix. */
  redisPrefix: string
  /** This instance's name among the others; null for a generated one (host, pid, random). */
  instanceId: string | null
  /** How often each loaded notice is checked against storage for updates Redis missed, in ms. */
  catchUpIntervalMs: number
  /** How often an instance tells the others it is alive, in ms (three missed beats: gone). */
  heartbeatMs: number
  /**
   * The origins (`scheme://host[:port]`) whose pages may use the session cookie (websocket upgrade,
   * state-changing API requests); null for the server's own origin only.
   */
  allowedOrigins: string[] | null
  /** A session ends after this long without use, in milliseconds. */
  sessionIdleMs: number
  /** A session ends this long after sign-in whatever happens, in milliseconds. */
  sessionMaxMs: number
  /** How long the access tokens for non-browser websocket clients are valid, in milliseconds. */
  accessTokenTtlMs: number
  /** How often open websockets are re-checked against their session and role, in milliseconds. */
  sessionCheckIntervalMs: number
  /** With {@link ServerConfig.adminPassword}: an administrator created on start if missing. */
  adminUsername: string | null
  /** The password of {@link ServerConfig.adminUsername} (at least 10 characters). */
  adminPassword: string | null
  /**
   * Whether an empty database gets demo accounts (an administrator, two editors, a reviewer) with
   * random passwords printed once; null: yes for SQLite, no for PostgreSQL.
   */
  demoAccounts: boolean | null
  /**
   * The addresses (IPs or CIDR ranges) of the reverse proxies whose `X-Forwarded-For` names the
   * client; from anyone else the header is ignored. Empty: the connection's address is the client.
   */
  trustedProxies: string[]
  /**
   * The bearer token `GET /metrics` requires on the main port; null: metrics are not served there
   * (see {@link ServerConfig.metricsPort}).
   */
  metricsToken: string | null
  /** A port of its own for `GET /metrics`, without a token, on {@link ServerConfig.metricsHost}; null: none. */
  metricsPort: number | null
  /** The interface of the metrics listener. */
  metricsHost: string
  /** The largest encoded state of a notice, in bytes (over it: 413). */
  maxNoticeBytes: number
  /** The most agenda items in a notice (over it: 413). */
  maxNoticeItems: number
  /** How many worker threads render exports, comparisons and restores. */
  workerThreads: number
  /** How many such tasks may wait for a worker; one more is refused with 503. */
  workerQueue: number
  /** The heap of each worker thread, in MiB (a task over it fails, the server does not). */
  workerMemoryMb: number
  /** The least time between two integrity checks of the SQLite file asked for by `/api/ready`, in ms. */
  integrityCheckIntervalMs: number
}

/** The defaults: local-only, data in `<repo>/data`, the client from `<repo>/client/dist`. */
export const DEFAULT_CONFIG: ServerConfig = {
  host: '127.0.0.1',
  port: 8787,
  dataDir: join(REPO_ROOT, 'data'),
  databaseUrl: null,
  clientDistDir: join(REPO_ROOT, 'client', 'dist'),
  logLevel: 'info',
  maxMessageBytes: 1024 * 1024,
  maxAwarenessBytes: 64 * 1024,
  maxAwarenessIdsPerConnection: 4,
  maxPresenceStates: 200,
  maxCommentThreadsPerNotice: 2000,
  maxCommentsPerNotice: 10_000,
  maxCommentThreadsPerUser: 500,
  maxCommentsPerUser: 2000,
  maxCommentsDocBytes: 4 * 1024 * 1024,
  maxCommentWritesPerMinute: 60,
  commentClockSkewMs: 30_000,
  maxBodyBytes: 256 * 1024,
  maxImportBytes: 10 * 1024 * 1024,
  maxConnectionsPerIp: 50,
  maxMessagesPerSecond: 200,
  maxMessageBurst: 400,
  maxWorkBytesPerSecond: 16 * 1024 * 1024,
  maxBufferedBytes: 8 * 1024 * 1024,
  roomUnloadDelayMs: 5000,
  compactAfterRows: 500,
  autoRevisionIntervalMs: 5 * 60_000,
  redisUrl: null,
  redisPrefix: 'convene',
  instanceId: null,
  catchUpIntervalMs: 5000,
  heartbeatMs: 2000,
  allowedOrigins: null,
  sessionIdleMs: 12 * 3_600_000,
  sessionMaxMs: 7 * 24 * 3_600_000,
  accessTokenTtlMs: 60_000,
  sessionCheckIntervalMs: 2000,
  adminUsername: null,
  adminPassword: null,
  demoAccounts: null,
  trustedProxies: [],
  metricsToken: null,
  metricsPort: null,
  metricsHost: '127.0.0.1',
  maxNoticeBytes: DEFAULT_NOTICE_LIMITS.maxBytes,
  maxNoticeItems: DEFAULT_NOTICE_LIMITS.maxItems,
  workerThreads: 2,
  workerQueue: 8,
  workerMemoryMb: 512,
  integrityCheckIntervalMs: 60_000,
}

/** An environment variable holds a value the server cannot use. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`)
  }
  return value
}

function logLevel(env: NodeJS.ProcessEnv, fallback: LogLevel): LogLevel {
  const raw = env.LOG_LEVEL
  if (raw === undefined || raw.trim() === '') return fallback
  const level = LOG_LEVELS.find((known) => known === raw.trim().toLowerCase())
  if (!level) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`)
  return level
}

function databaseUrl(env: NodeJS.ProcessEnv): string | null {
  const raw = env.DATABASE_URL
  if (raw === undefined || raw.trim() === '') return null
  if (!/^postgres(ql)?:\/\//i.test(raw.trim())) {
    throw new ConfigError(
      `DATABASE_URL must be a postgres:// or postgresql:// URL, got "${redactDatabaseUrl(raw)}"`,
    )
  }
  return raw.trim()
}

function redisUrl(env: NodeJS.ProcessEnv): string | null {
  const raw = env.REDIS_URL
  if (raw === undefined || raw.trim() === '') return null
  if (!/^rediss?:\/\//i.test(raw.trim())) {
    throw new ConfigError(`REDIS_URL must be a redis:// or rediss:// URL, got "${redactDatabaseUrl(raw)}"`)
  }
  return raw.trim()
}

/** A name for Redis channels and keys, or for an instance: letters, digits and `_ . : -`. */
function name(env: NodeJS.ProcessEnv, variable: string, fallback: string | null): string | null {
  const raw = env[variable]
  if (raw === undefined || raw.trim() === '') return fallback
  if (!/^[A-Za-z0-9_.:-]{1,100}$/.test(raw.trim())) {
    throw new ConfigError(`${variable} must be 1 to 100 letters, digits, "_", ".", ":" or "-", got "${raw}"`)
  }
  return raw.trim()
}

function origins(env: NodeJS.ProcessEnv): string[] | null {
  const raw = env.ALLOWED_ORIGINS
  if (raw === undefined || raw.trim() === '') return null
  const list = raw
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '')
  for (const origin of list) {
    let parsed: URL | null = null
    try {
      parsed = new URL(origin)
    } catch {
      // Reported below.
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin.replace(/\/+$/, '')) {
      throw new ConfigError(
        `ALLOWED_ORIGINS must list origins like https://convene.example.org, got "${origin}"`,
      )
    }
  }
  return list
}

function flag(env: NodeJS.ProcessEnv, variable: string): boolean | null {
  const raw = env[variable]?.trim().toLowerCase()
  if (raw === undefined || raw === '') return null
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true
  if (['0', 'false', 'no', 'off'].includes(raw)) return false
  throw new ConfigError(`${variable} must be 1 or 0, got "${env[variable]}"`)
}

function admin(env: NodeJS.ProcessEnv): { adminUsername: string | null; adminPassword: string | null } {
  const username = env.ADMIN_USERNAME?.trim() || null
  const password = env.ADMIN_PASSWORD || null
  if ((username === null) !== (password === null)) {
    throw new ConfigError('ADMIN_USERNAME and ADMIN_PASSWORD must be set together')
  }
  if (password !== null && password.length < 10) {
    throw new ConfigError('ADMIN_PASSWORD must have at least 10 characters')
  }
  return { adminUsername: username, adminPassword: password }
}

/** TRUSTED_PROXIES: comma-separated IPs or CIDR ranges (`10.0.0.0/8`, `::1`). */
function trustedProxies(env: NodeJS.ProcessEnv): string[] {
  const raw = env.TRUSTED_PROXIES
  if (raw === undefined || raw.trim() === '') return []
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const [address = '', bits, ...rest] = entry.split('/')
      const family = isIP(address)
      const maxBits = family === 6 ? 128 : 32
      const validBits = bits === undefined || (/^[0-9]{1,3}$/.test(bits) && Number(bits) <= maxBits)
      if (family === 0 || !validBits || rest.length > 0) {
        throw new ConfigError(`TRUSTED_PROXIES must list IP addresses or CIDR ranges, got "${entry}"`)
      }
      return entry
    })
}

function secret(env: NodeJS.ProcessEnv, variable: string): string | null {
  const raw = env[variable]
  if (raw === undefined || raw === '') return null
  if (!/^[\x21-\x7e]{16,256}$/.test(raw)) {
    throw new ConfigError(`${variable} must be 16 to 256 printable characters without spaces`)
  }
  return raw
}

/**
 * The configuration from environment variables PORT, HOST, DATA_DIR, DATABASE_URL, CLIENT_DIST_DIR,
 * LOG_LEVEL, MAX_MESSAGE_BYTES, MAX_AWARENESS_BYTES, MAX_AWARENESS_IDS_PER_CONNECTION,
 * MAX_PRESENCE_STATES, MAX_COMMENT_THREADS_PER_NOTICE, MAX_COMMENTS_PER_NOTICE,
 * MAX_COMMENT_THREADS_PER_USER, MAX_COMMENTS_PER_USER, MAX_COMMENTS_DOC_BYTES,
 * MAX_COMMENT_WRITES_PER_MINUTE, COMMENT_CLOCK_SKEW_SECONDS, MAX_BODY_BYTES, MAX_CONNECTIONS_PER_IP,
 * MAX_MESSAGES_PER_SECOND, MAX_MESSAGE_BURST, MAX_WORK_BYTES_PER_SECOND, MAX_BUFFERED_BYTES, ROOM_UNLOAD_DELAY_MS,
 * COMPACT_AFTER_ROWS, AUTO_REVISION_INTERVAL_MS, REDIS_URL, REDIS_PREFIX, INSTANCE_ID, CATCH_UP_INTERVAL_MS and
 * CLUSTER_HEARTBEAT_MS, ALLOWED_ORIGINS, SESSION_IDLE_MINUTES, SESSION_MAX_HOURS,
 * ACCESS_TOKEN_TTL_SECONDS, SESSION_CHECK_INTERVAL_MS, ADMIN_USERNAME, ADMIN_PASSWORD,
 * DEMO_ACCOUNTS, TRUSTED_PROXIES, METRICS_TOKEN, METRICS_PORT, METRICS_HOST, MAX_NOTICE_BYTES,
 * MAX_NOTICE_ITEMS, WORKER_THREADS, WORKER_QUEUE, WORKER_MEMORY_MB and INTEGRITY_CHECK_INTERVAL_MS, falling back to {@link DEFAULT_CONFIG}. A relative directory is resolved
 * against the directory pnpm was started from (`INIT_CWD`), else the working directory, so
 * `DATA_DIR=./x pnpm start` at the root means `<root>/x`. Throws {@link ConfigError} naming the variable.
 */
export function configFromEnv(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): ServerConfig {
  const base = env.INIT_CWD && isAbsolute(env.INIT_CWD) ? env.INIT_CWD : cwd
  const directory = (name: string, fallback: string): string => {
    const raw = env[name]
    return raw === undefined || raw.trim() === '' ? fallback : resolve(base, raw)
  }
  const d = DEFAULT_CONFIG
  const mib = 1024 * 1024
  return {
    host: env.HOST?.trim() || d.host,
    port: integer(env, 'PORT', d.port, 0, 65535),
    dataDir: directory('DATA_DIR', d.dataDir),
    databaseUrl: databaseUrl(env),
    clientDistDir: directory('CLIENT_DIST_DIR', d.clientDistDir),
    logLevel: logLevel(env, d.logLevel),
    maxMessageBytes: integer(env, 'MAX_MESSAGE_BYTES', d.maxMessageBytes, 1024, 64 * mib),
    maxAwarenessBytes: integer(env, 'MAX_AWARENESS_BYTES', d.maxAwarenessBytes, 256, 64 * mib),
    maxAwarenessIdsPerConnection: integer(
      env,
      'MAX_AWARENESS_IDS_PER_CONNECTION',
      d.maxAwarenessIdsPerConnection,
      1,
      1000,
    ),
    maxPresenceStates: integer(env, 'MAX_PRESENCE_STATES', d.maxPresenceStates, 1, 100_000),
    maxCommentThreadsPerNotice: integer(
      env,
      'MAX_COMMENT_THREADS_PER_NOTICE',
      d.maxCommentThreadsPerNotice,
      1,
      1_000_000,
    ),
    maxCommentsPerNotice: integer(env, 'MAX_COMMENTS_PER_NOTICE', d.maxCommentsPerNotice, 1, 10_000_000),
    maxCommentThreadsPerUser: integer(
      env,
      'MAX_COMMENT_THREADS_PER_USER',
      d.maxCommentThreadsPerUser,
      1,
      1_000_000,
    ),
    maxCommentsPerUser: integer(env, 'MAX_COMMENTS_PER_USER', d.maxCommentsPerUser, 1, 10_000_000),
    maxCommentsDocBytes: integer(env, 'MAX_COMMENTS_DOC_BYTES', d.maxCommentsDocBytes, 64 * 1024, 1024 * mib),
    maxCommentWritesPerMinute: integer(
      env,
      'MAX_COMMENT_WRITES_PER_MINUTE',
      d.maxCommentWritesPerMinute,
      1,
      1_000_000,
    ),
    commentClockSkewMs:
      integer(env, 'COMMENT_CLOCK_SKEW_SECONDS', d.commentClockSkewMs / 1000, 1, 86_400) * 1000,
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', d.maxBodyBytes, 1024, 64 * mib),
    maxImportBytes: integer(env, 'MAX_IMPORT_BYTES', d.maxImportBytes, 1024, 64 * mib),
    maxConnectionsPerIp: integer(env, 'MAX_CONNECTIONS_PER_IP', d.maxConnectionsPerIp, 0, 1_000_000),
    maxMessagesPerSecond: integer(env, 'MAX_MESSAGES_PER_SECOND', d.maxMessagesPerSecond, 0, 1_000_000),
    maxMessageBurst: integer(env, 'MAX_MESSAGE_BURST', d.maxMessageBurst, 1, 1_000_000),
    maxWorkBytesPerSecond: integer(
      env,
      'MAX_WORK_BYTES_PER_SECOND',
      d.maxWorkBytesPerSecond,
      0,
      1_073_741_824,
    ),
    maxBufferedBytes: integer(env, 'MAX_BUFFERED_BYTES', d.maxBufferedBytes, 0, 1024 * mib),
    roomUnloadDelayMs: integer(env, 'ROOM_UNLOAD_DELAY_MS', d.roomUnloadDelayMs, 0, 3_600_000),
    compactAfterRows: integer(env, 'COMPACT_AFTER_ROWS', d.compactAfterRows, 2, 1_000_000),
    autoRevisionIntervalMs: integer(
      env,
      'AUTO_REVISION_INTERVAL_MS',
      d.autoRevisionIntervalMs,
      0,
      86_400_000,
    ),
    redisUrl: redisUrl(env),
    redisPrefix: name(env, 'REDIS_PREFIX', d.redisPrefix) ?? d.redisPrefix,
    instanceId: name(env, 'INSTANCE_ID', d.instanceId),
    catchUpIntervalMs: integer(env, 'CATCH_UP_INTERVAL_MS', d.catchUpIntervalMs, 100, 3_600_000),
    heartbeatMs: integer(env, 'CLUSTER_HEARTBEAT_MS', d.heartbeatMs, 100, 60_000),
    allowedOrigins: origins(env),
    sessionIdleMs: integer(env, 'SESSION_IDLE_MINUTES', d.sessionIdleMs / 60_000, 1, 525_600) * 60_000,
    sessionMaxMs: integer(env, 'SESSION_MAX_HOURS', d.sessionMaxMs / 3_600_000, 1, 8760) * 3_600_000,
    accessTokenTtlMs: integer(env, 'ACCESS_TOKEN_TTL_SECONDS', d.accessTokenTtlMs / 1000, 5, 3600) * 1000,
    sessionCheckIntervalMs: integer(env, 'SESSION_CHECK_INTERVAL_MS', d.sessionCheckIntervalMs, 100, 60_000),
    ...admin(env),
    demoAccounts: flag(env, 'DEMO_ACCOUNTS'),
    trustedProxies: trustedProxies(env),
    metricsToken: secret(env, 'METRICS_TOKEN'),
    metricsPort: env.METRICS_PORT?.trim() ? integer(env, 'METRICS_PORT', 0, 0, 65535) : null,
    metricsHost: env.METRICS_HOST?.trim() || d.metricsHost,
    maxNoticeBytes: integer(env, 'MAX_NOTICE_BYTES', d.maxNoticeBytes, 1024, 1024 * mib),
    maxNoticeItems: integer(env, 'MAX_NOTICE_ITEMS', d.maxNoticeItems, 1, 1_000_000),
    workerThreads: integer(env, 'WORKER_THREADS', d.workerThreads, 1, 64),
    workerQueue: integer(env, 'WORKER_QUEUE', d.workerQueue, 0, 10_000),
    workerMemoryMb: integer(env, 'WORKER_MEMORY_MB', d.workerMemoryMb, 64, 16_384),
    integrityCheckIntervalMs: integer(
      env,
      'INTEGRITY_CHECK_INTERVAL_MS',
      d.integrityCheckIntervalMs,
      0,
      86_400_000,
    ),
  }
}
