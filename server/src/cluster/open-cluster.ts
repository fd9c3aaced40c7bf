/**
 * Assembles the cluster side of one server instance from its configuration: the Redis bus, the
 * link that keeps rooms in step with the other instances, and the compaction that takes turns.
 */
import type { Logger } from 'pino'
import type { ServerMetrics } from '../metrics/server-metrics'
import type { UpdateLog } from '../storage/update-log'
import { ClusterLink } from './cluster-link'
import { newInstanceId } from './instance-id'
import { lockedCompaction } from './locked-compaction'

/** Options of {@link openCluster}. */
export type OpenClusterOptions = {
  redisUrl: string
  redisPrefix: string
  /** This instance's id; null for a generated one. */
  instanceId: string | null
  storage: UpdateLog
  logger: Logger
  metrics?: ServerMetrics
  catchUpIntervalMs: number
  heartbeatMs: number
  compactAfterRows: number
}

/** The cluster side of an instance; the link is started once the registry is attached. */
export type Cluster = {
  instanceId: string
  redisUrl: string
  link: ClusterLink
  /** The room registry's `compact`: one instance at a time per notice. */
  compact: (noticeId: string) => Promise<number>
}

/**
 * Creates the bus (its connections open in the background and retry for ever: the instance
 * serves its own clients meanwhile) and the link. Call `link.attach(registry)` then
 * `link.start()`; `link.close()` closes the bus.
 */
export async function openCluster(options: OpenClusterOptions): Promise<Cluster> {
  const instanceId = options.instanceId ?? newInstanceId()
  const logger = options.logger
  // Loaded only when the instance joins others: ioredis would otherwise sit in every lone server's memory.
  const { RedisBus } = await import('./redis-bus')
  const bus = new RedisBus({ url: options.redisUrl, name: `convene:${instanceId}`, logger })
  const link = new ClusterLink({
    bus,
    storage: options.storage,
    instanceId,
    prefix: options.redisPrefix,
    logger,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    catchUpIntervalMs: options.catchUpIntervalMs,
    heartbeatMs: options.heartbeatMs,
  })
  const compact = lockedCompaction({
    bus,
    storage: options.storage,
    prefix: options.redisPrefix,
    compactAfterRows: options.compactAfterRows,
    logger,
  })
  return { instanceId, redisUrl: options.redisUrl, link, compact }
}

/**
 * The Redis status of an instance whose rooms are followed by `clusters` (text, comments):
 * `off` without any, `ok` when every one is, `degraded` otherwise.
 */
export function clusterStatus(clusters: readonly (Cluster | null)[]): 'ok' | 'degraded' | 'off' {
  const running = clusters.filter((cluster): cluster is Cluster => cluster !== null)
  if (running.length === 0) return 'off'
  return running.every((cluster) => cluster.link.status() === 'ok') ? 'ok' : 'degraded'
}
