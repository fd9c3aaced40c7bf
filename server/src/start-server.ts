/**
 * Assembles and starts a whole server (storage, rooms, HTTP app, websockets) and stops it in
 * order. Used by main.ts and by tests that need a real server on port 0.
 */
import { readThreads } from '@convene/schema'
import type { Logger } from 'pino'
import packageJson from '../package.json' with { type: 'json' }
import { AccountService } from './accounts/account-service'
import { ConnectionMonitor } from './accounts/connection-monitor'
import { createDemoAccounts, type DemoAccount, ensureAdmin } from './accounts/initial-accounts'
import { MembershipService } from './accounts/membership-service'
import { OriginPolicy } from './accounts/origin-policy'
import { upgradeAuthorizer } from './accounts/upgrade-access'
import { createApp } from './app'
import { type Cluster, clusterStatus, openCluster } from './cluster/open-cluster'
import { commentsUpdateGuard } from './comments/comments-guard'
import { DEFAULT_CONFIG, type ServerConfig } from './config'
import { TrustedProxies } from './http/client-address'
import { opsRoutes } from './http/ops-routes'
import { createLogger } from './logger'
import { ServerMetrics } from './metrics/server-metrics'
import { listenHttp, listenNode, nodeClientAddress, nodeClientAssets } from './node-adapter'
import { NoticeIndexer } from './notices/notice-indexer'
import { NoticeLibrary } from './notices/notice-library'
import { NoticeService } from './notices/notice-service'
import { AutoRevisionScheduler } from './revisions/auto-revision-scheduler'
import { commentsDocReader, commentsReader } from './revisions/comments-state'
import { RevisionService } from './revisions/revision-service'
import { SpeakerDirectory } from './speakers/speaker-directory'
import type { Database } from './storage/database'
import { DatabaseIntegrity } from './storage/database-integrity'
import { openDatabase } from './storage/open-database'
import { sqliteQuickCheck } from './storage/sqlite/sqlite-quick-check'
import { storageAnswers } from './storage/storage-probe'
import { CollabGateway } from './sync/collab-gateway'
import { noticeUpdateGuard } from './sync/notice-guard'
import { commentsPresenceRules, noticePresenceRules } from './sync/presence-rules'
import { roomEditors } from './sync/room-editors'
import { fanOutRoomEvents } from './sync/room-events-fan-out'
import { RoomRegistry } from './sync/room-registry'
import { UpdateWriter } from './sync/update-writer'
import { HeavyWorkPool } from './work/heavy-work-pool'

/** What {@link startServer} accepts: any part of the configuration, plus optional dependencies. */
export type StartServerOptions = Partial<ServerConfig> & {
  /** A logger to use instead of one created at `logLevel`. */
  logger?: Logger
  /** A database to use instead of the one the configuration names (closed when the server closes). */
  database?: Database
  /** The clock of sessions, access tokens and sign-in limits (default `Date.now`; tests move it). */
  now?: () => number
}

/** A running server. */
export type RunningServer = {
  /** The URL to open, e.g. `http://127.0.0.1:8787`. */
  url: string
  /** The bound port. */
  port: number
  /** The port of the metrics listener (METRICS_PORT), or null when there is none. */
  metricsPort: number | null
  /** The demo accounts created by this start, with their passwords (empty unless first start). */
  demoAccounts: DemoAccount[]
  /**
   * Stops gracefully: no new connections, websocket peers closed with 1001, every accepted
   * update stored, then the database closed. Idempotent.
   */
  close(): Promise<void>
}

/**
 * Opens the database (PostgreSQL at `databaseUrl`, else SQLite in `dataDir`, unless one is
 * given), listens, and then creates the sample notice and the first accounts in an empty database.
 * Resolves once the server accepts connections.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const config: ServerConfig = { ...DEFAULT_CONFIG, ...options }
  const logger = options.logger ?? createLogger(config.logLevel)
  const database =
    options.database ??
    (await openDatabase({
      ...config,
      onIdleClientError: (error) => logger.warn({ err: error }, 'an idle PostgreSQL connection failed'),
    }))
  const storage = database.notices
  let cluster: Cluster | null = null
  let commentsCluster: Cluster | null = null
  let metricsListener: Awaited<ReturnType<typeof listenHttp>> | null = null
  let workers: HeavyWorkPool | null = null
  try {
    const metrics = new ServerMetrics()
    const writer = new UpdateWriter(storage, {
      observeLatency: (seconds) => metrics.persistSeconds.observe(seconds),
    })
    cluster = config.redisUrl
      ? await openCluster({ ...config, redisUrl: config.redisUrl, storage, logger, metrics })
      : null
    if (cluster && database.kind === 'sqlite') {
      logger.warn('REDIS_URL with SQLite storage: every instance must use the same database file')
    }
    const accountStorage = database.accounts
    const noUsersYet = (await accountStorage.listUsers()).length === 0
    const accounts = await AccountService.open({
      storage: accountStorage,
      sessionIdleMs: config.sessionIdleMs,
      sessionMaxMs: config.sessionMaxMs,
      accessTokenTtlMs: config.accessTokenTtlMs,
      ...(options.now ? { now: options.now } : {}),
    })
    const memberships = new MembershipService({
      storage: accountStorage,
      events: accounts.events,
      noticeExists: async (id) => (await storage.getNotice(id)) !== null,
      ...(options.now ? { now: options.now } : {}),
    })
    // Each notice's comments document: the same rooms, over its own update log.
    const commentsStorage = database.comments
    // Comments cross instances like the text does, on channels of their own.
    commentsCluster = cluster
      ? await openCluster({
          ...config,
          redisUrl: cluster.redisUrl,
          redisPrefix: `${config.redisPrefix}:comments`,
          instanceId: cluster.instanceId,
          storage: commentsStorage,
          logger: logger.child({ doc: 'comments' }),
          metrics,
        })
      : null
    const presenceLimits = {
      maxIdsPerConnection: config.maxAwarenessIdsPerConnection,
      maxStates: config.maxPresenceStates,
    }
    const limits = {
      maxMessageBytes: config.maxMessageBytes,
      maxAwarenessBytes: config.maxAwarenessBytes,
      maxAwarenessEntries: config.maxPresenceStates + config.maxAwarenessIdsPerConnection,
    }
    const commentsRegistry = new RoomRegistry({
      storage: commentsStorage,
      deleteStored: (id) => commentsStorage.deleteUpdates(id),
      writer: new UpdateWriter(commentsStorage),
      logger: logger.child({ doc: 'comments' }),
      limits,
      unloadDelayMs: config.roomUnloadDelayMs,
      compactAfterRows: config.compactAfterRows,
      ...(commentsCluster ? { events: commentsCluster.link, compact: commentsCluster.compact } : {}),
      presence: commentsPresenceRules(presenceLimits),
      // Anchors resolve in the notice's text: its room stays open while the comments room is.
      guard: commentsUpdateGuard({
        limits: {
          maxThreadsPerNotice: config.maxCommentThreadsPerNotice,
          maxCommentsPerNotice: config.maxCommentsPerNotice,
          maxThreadsPerUser: config.maxCommentThreadsPerUser,
          maxCommentsPerUser: config.maxCommentsPerUser,
          maxDocBytes: config.maxCommentsDocBytes,
          maxWritesPerMinute: config.maxCommentWritesPerMinute,
          clockSkewMs: config.commentClockSkewMs,
        },
        openContent: async (noticeId) => {
          // (The text rooms' registry is made below; this runs once connections arrive.)
          const room = await registry.acquire(noticeId)
          return { doc: () => registry.peek(noticeId)?.doc ?? room.doc, release: () => room.release() }
        },
      }),
    })
    commentsCluster?.link.attach(commentsRegistry)
    commentsCluster?.link.start()
    // The scheduler listens to the rooms, which the revision service needs: it reaches it once made.
    let revisionService: RevisionService | null = null
    const autoRevisions = new AutoRevisionScheduler({
      intervalMs: config.autoRevisionIntervalMs,
      logger,
      service: { autoRevision: async (id) => (revisionService ? revisionService.autoRevision(id) : null) },
    })
    const registry = new RoomRegistry({
      storage,
      deleteStored: (id) => storage.deleteNotice(id),
      writer,
      logger,
      limits,
      unloadDelayMs: config.roomUnloadDelayMs,
      compactAfterRows: config.compactAfterRows,
      events: fanOutRoomEvents([cluster?.link, autoRevisions]),
      ...(cluster ? { compact: cluster.compact } : {}),
      guard: noticeUpdateGuard,
      presence: noticePresenceRules(presenceLimits),
    })
    cluster?.link.attach(registry)
    cluster?.link.start()
    metrics.countOpenNotices(() => registry.size)
    let stopping = false
    workers = new HeavyWorkPool({
      threads: config.workerThreads,
      queue: config.workerQueue,
      memoryMb: config.workerMemoryMb,
      onWorkerError: (error) => logger.error({ err: error }, 'a worker thread failed'),
    })
    const pool = workers
    const integrity: DatabaseIntegrity = new DatabaseIntegrity({
      check: async (): Promise<string[]> => {
        const file = database.file
        if (file === null) return []
        try {
          return await pool.quickCheck(file)
        } catch (error) {
          logger.warn({ err: error }, 'the database integrity check could not run; keeping the last result')
          return [...integrity.problems]
        }
      },
      minIntervalMs: config.integrityCheckIntervalMs,
      logger,
    })
    // At start, in this thread: nothing is served yet.
    if (database.file !== null) integrity.record(sqliteQuickCheck(database.file))
    const noticeLimits = { maxBytes: config.maxNoticeBytes, maxItems: config.maxNoticeItems }
    const revisions = new RevisionService({
      revisions: database.revisions,
      storage,
      registry,
      commentsState: commentsReader(commentsRegistry, commentsStorage),
      limits: noticeLimits,
      diff: (older, newer) => pool.compare(older, newer),
      checkFreeze: (content, revision) => pool.checkFreeze(content, revision),
    })
    revisionService = revisions
    const notices = new NoticeService({
      storage,
      registry,
      limits: noticeLimits,
      beforeDelete: (id) => revisions.assertDeletable(id),
      afterDelete: async (id) => {
        await commentsRegistry.delete(id)
        await memberships.forgetNotice(id)
      },
    })
    const indexer = new NoticeIndexer({
      notices,
      catalogue: storage,
      library: database.library,
      speakers: database.speakers,
    })
    const library = new NoticeLibrary({
      catalogue: storage,
      library: database.library,
      revisions: database.revisions,
      indexer,
      openComments: commentsDocReader(
        commentsRegistry,
        commentsStorage,
        (doc) => readThreads(doc).filter((thread) => !thread.resolved).length,
      ),
      editing: (id) => roomEditors(registry, id),
    })
    const directory = new SpeakerDirectory({
      speakers: database.speakers,
      catalogue: storage,
      library: database.library,
      indexer,
      registry,
    })
    const origins = new OriginPolicy({ allowed: config.allowedOrigins })
    const proxies = new TrustedProxies(config.trustedProxies)
    const monitor = new ConnectionMonitor({
      accounts,
      memberships,
      logger,
      intervalMs: config.sessionCheckIntervalMs,
    })
    monitor.start()
    const purge = setInterval(() => {
      accounts.purgeExpiredSessions().catch((error: unknown) => {
        logger.warn({ err: error }, 'could not delete expired sessions')
      })
    }, 3_600_000)
    purge.unref()
    const app = createApp({
      notices,
      storageKind: database.kind,
      version: packageJson.version,
      logger,
      maxBodyBytes: config.maxBodyBytes,
      clientAssets: nodeClientAssets(config.clientDistDir),
      health: {
        database: async () => ((await storageAnswers(storage)) ? 'ok' : 'unreachable'),
        integrity: async ({ fresh }) => (fresh ? integrity.current() : integrity.problems),
        redis: () => clusterStatus([cluster, commentsCluster]),
        stopping: () => stopping,
      },
      // On the public port only behind a token; otherwise on the metrics listener, or nowhere.
      ...(config.metricsToken ? { metrics, metricsToken: config.metricsToken } : {}),
      revisions: { revisions },
      library: { facts: database.library, notices: library, speakers: directory },
      renderExport: (input, format) => pool.renderExport(input, format),
      importNotice: (bytes, contentType, options) => pool.importNotice(bytes, contentType, options),
      maxImportBytes: config.maxImportBytes,
      renderDraft: async (id, format, createdAt) =>
        pool.renderDraft(await notices.updates(id), format, createdAt),
      accounts,
      memberships,
      origins,
      clientAddress: (c) => proxies.clientOf(nodeClientAddress(c), c.req.header('x-forwarded-for')),
    })
    const gateway = new CollabGateway({
      registry,
      commentsRegistry,
      logger,
      maxQueuedBytes: 4 * config.maxMessageBytes,
      messageRate: config,
    })
    const listener = await listenNode({
      fetch: app.fetch,
      gateway,
      host: config.host,
      port: config.port,
      maxMessageBytes: config.maxMessageBytes,
      logger,
      meter: metrics.socketMeter(),
      limits: config,
      authorizeUpgrade: upgradeAuthorizer({ accounts, memberships, origins, monitor }),
      clientAddress: (peer, forwardedFor) => proxies.clientOf(peer, forwardedFor),
    })
    origins.addOwnOrigin(listener.url)
    metricsListener =
      config.metricsPort === null
        ? null
        : await listenHttp({
            fetch: opsRoutes({ version: packageJson.version, storageKind: database.kind, metrics }).fetch,
            host: config.metricsHost,
            port: config.metricsPort,
          })
    if (metricsListener) logger.info({ url: `${metricsListener.url}/metrics` }, 'serving metrics')
    // Only once the port is ours: a start that cannot listen (the port is taken) seeds nothing, so
    // the demo accounts are made, and their passwords printed, by the first start that serves.
    let demoAccounts: DemoAccount[]
    try {
      const seeded = await notices.seedIfEmpty()
      if (seeded) logger.info({ noticeId: seeded.id }, 'empty database: created the sample notice')
      if (config.adminUsername && config.adminPassword) {
        if (await ensureAdmin(accounts, config.adminUsername, config.adminPassword)) {
          logger.info({ username: config.adminUsername }, 'created the administrator named by ADMIN_USERNAME')
        }
      }
      demoAccounts =
        seeded && noUsersYet && (config.demoAccounts ?? database.kind === 'sqlite')
          ? await createDemoAccounts(accounts, memberships, seeded.id)
          : []
    } catch (error) {
      monitor.stop()
      clearInterval(purge)
      await metricsListener?.close()
      await listener.close()
      throw error
    }
    logger.info(
      { url: listener.url, dataDir: config.dataDir, storage: database.kind, instance: cluster?.instanceId },
      'listening',
    )

    let closing: Promise<void> | null = null
    const close = async (): Promise<void> => {
      stopping = true
      listener.stopAccepting()
      try {
        // While the rooms are still open: notices changed since their last revision get one.
        await autoRevisions.close()
        await revisions.close()
        monitor.stop()
        clearInterval(purge)
        await Promise.all([registry.close(), commentsRegistry.close()])
      } finally {
        // After the rooms: their last updates are published before the bye.
        await Promise.all([cluster?.link.close(), commentsCluster?.link.close()])
        await metricsListener?.close()
        await listener.close()
        await workers?.close()
        await database.close()
        logger.info('stopped')
      }
    }
    return {
      url: listener.url,
      port: listener.port,
      metricsPort: metricsListener?.port ?? null,
      demoAccounts,
      close: () => {
        closing ??= close()
        return closing
      },
    }
  } catch (error) {
    await metricsListener?.close()
    await workers?.close()
    await Promise.all([cluster?.link.close(), commentsCluster?.link.close()])
    await database.close()
    throw error
  }
}
