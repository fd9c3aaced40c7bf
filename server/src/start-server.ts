/**
 * Assembles and starts a whole server (storage, rooms, HTTP app, websockets) and stops it in
 * order. Used by main.ts and by tests that need a real server on port 0.
 */
import { join } from 'node:path'
import type { Logger } from 'pino'
import packageJson from '../package.json' with { type: 'json' }
import { createApp } from './app'
import { DEFAULT_CONFIG, type ServerConfig } from './config'
import { createLogger } from './logger'
import { listenNode, nodeClientAssets } from './node-adapter'
import { NoticeService } from './notices/notice-service'
import { openPostgresStorage } from './storage/postgres-storage'
import { openSqliteStorage } from './storage/sqlite-storage'
import type { NoticeStorage } from './storage/storage'
import { CollabGateway } from './sync/collab-gateway'
import { RoomRegistry } from './sync/room-registry'
import { UpdateWriter } from './sync/update-writer'

/** The file name of the SQLite database inside the data directory. */
export const DATABASE_FILE = 'convene.sqlite'

/** What {@link startServer} accepts: any part of the configuration, plus optional dependencies. */
export type StartServerOptions = Partial<ServerConfig> & {
  /** A logger to use instead of one created at `logLevel`. */
  logger?: Logger
  /** A storage to use instead of the one the configuration names (closed when the server closes). */
  storage?: NoticeStorage
}

/** A running server. */
export type RunningServer = {
  /** The URL to open, e.g. `http://127.0.0.1:8787`. */
  url: string
  /** The bound port. */
  port: number
  /**
   * Stops gracefully: no new connections, websocket peers closed with 1001, every accepted
   * update stored, then the database closed. Idempotent.
   */
  close(): Promise<void>
}

/** The storage `config` names: PostgreSQL at `databaseUrl` when set, else SQLite in `dataDir`. */
async function openConfiguredStorage(config: ServerConfig, logger: Logger): Promise<NoticeStorage> {
  if (!config.databaseUrl) return openSqliteStorage({ file: join(config.dataDir, DATABASE_FILE) })
  return openPostgresStorage({
    url: config.databaseUrl,
    onIdleClientError: (error) => logger.warn({ err: error }, 'an idle PostgreSQL connection failed'),
  })
}

/**
 * Opens the storage (PostgreSQL at `databaseUrl`, else SQLite in `dataDir`, unless one is
 * given), creates the sample notice in an empty database, and listens. Resolves once the server
 * accepts connections.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const config: ServerConfig = { ...DEFAULT_CONFIG, ...options }
  const logger = options.logger ?? createLogger(config.logLevel)
  const storage = options.storage ?? (await openConfiguredStorage(config, logger))
  try {
    const writer = new UpdateWriter(storage)
    const registry = new RoomRegistry({
      storage,
      writer,
      logger,
      limits: { maxMessageBytes: config.maxMessageBytes, maxAwarenessBytes: config.maxAwarenessBytes },
      unloadDelayMs: config.roomUnloadDelayMs,
      compactAfterRows: config.compactAfterRows,
    })
    const notices = new NoticeService({ storage, registry })
    const seeded = await notices.seedIfEmpty()
    if (seeded) logger.info({ noticeId: seeded.id }, 'empty database: created the sample notice')
    const app = createApp({
      notices,
      storageKind: storage.kind,
      version: packageJson.version,
      logger,
      maxBodyBytes: config.maxBodyBytes,
      clientAssets: nodeClientAssets(config.clientDistDir),
    })
    const gateway = new CollabGateway({ registry, logger, maxQueuedBytes: 4 * config.maxMessageBytes })
    const listener = await listenNode({
      fetch: app.fetch,
      gateway,
      host: config.host,
      port: config.port,
      maxMessageBytes: config.maxMessageBytes,
      logger,
    })
    logger.info({ url: listener.url, dataDir: config.dataDir, storage: storage.kind }, 'listening')

    let closing: Promise<void> | null = null
    const close = async (): Promise<void> => {
      listener.stopAccepting()
      try {
        await registry.close()
      } finally {
        await listener.close()
        await storage.close()
        logger.info('stopped')
      }
    }
    return {
      url: listener.url,
      port: listener.port,
      close: () => {
        closing ??= close()
        return closing
      },
    }
  } catch (error) {
    await storage.close()
    throw error
  }
}
