/**
 * The server's configuration: its defaults and how the environment overrides them. Only
 * main.ts reads the environment; everything else receives a {@link ServerConfig}.
 */
import { isAbsolute, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { LOG_LEVELS, type LogLevel } from './logger'
import { redactDatabaseUrl } from './storage/postgres-storage'

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
  /** The largest HTTP request body accepted, in bytes. */
  maxBodyBytes: number
  /** How long a notice with no connection stays in memory, in milliseconds. */
  roomUnloadDelayMs: number
  /** Compact a notice's stored update log once it holds more rows than this. */
  compactAfterRows: number
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
  maxBodyBytes: 256 * 1024,
  roomUnloadDelayMs: 5000,
  compactAfterRows: 500,
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

/**
 * The configuration from environment variables PORT, HOST, DATA_DIR, DATABASE_URL, CLIENT_DIST_DIR,
 * LOG_LEVEL, MAX_MESSAGE_BYTES, MAX_AWARENESS_BYTES, MAX_BODY_BYTES, ROOM_UNLOAD_DELAY_MS and
 * COMPACT_AFTER_ROWS, falling back to {@link DEFAULT_CONFIG}. A relative directory is resolved
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
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', d.maxBodyBytes, 1024, 64 * mib),
    roomUnloadDelayMs: integer(env, 'ROOM_UNLOAD_DELAY_MS', d.roomUnloadDelayMs, 0, 3_600_000),
    compactAfterRows: integer(env, 'COMPACT_AFTER_ROWS', d.compactAfterRows, 2, 1_000_000),
  }
}
