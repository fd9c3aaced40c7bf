/**
 * The server's Prometheus metrics (prom-client), one registry per server so that several servers
 * in one process (tests) keep separate counts. Served as text at `GET /metrics`.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { SocketMeter } from '../node-adapter'

/** Latency buckets in seconds, from half a millisecond to ten seconds. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/** Why a room read its log back from storage (the `reason` label of the catch-up counter). */
export const CATCH_UP_REASONS = ['subscribe', 'gap', 'reconnect', 'periodic', 'error'] as const

/** One of {@link CATCH_UP_REASONS}. */
export type CatchUpReason = (typeof CATCH_UP_REASONS)[number]

/** Every metric the server exports, with the registry that renders them. */
export class ServerMetrics {
  /** The registry holding exactly this server's metrics. */
  readonly registry = new Registry()

  /** Open websocket connections. */
  readonly connections = new Gauge({
    name: 'convene_connections',
    help: 'Open websocket connections',
    registers: [this.registry],
  })
  /** Websocket messages received from clients. */
  readonly messagesIn = new Counter({
    name: 'convene_ws_messages_received_total',
    help: 'Websocket messages received from clients',
    registers: [this.registry],
  })
  /** Websocket messages sent to clients. */
  readonly messagesOut = new Counter({
    name: 'convene_ws_messages_sent_total',
    help: 'Websocket messages sent to clients',
    registers: [this.registry],
  })
  /** Websocket bytes received from clients. */
  readonly bytesIn = new Counter({
    name: 'convene_ws_received_bytes_total',
    help: 'Websocket payload bytes received from clients',
    registers: [this.registry],
  })
  /** Websocket bytes sent to clients. */
  readonly bytesOut = new Counter({
    name: 'convene_ws_sent_bytes_total',
    help: 'Websocket payload bytes sent to clients',
    registers: [this.registry],
  })
  /** From an update being accepted to its being durable (group commit wait included). */
  readonly persistSeconds = new Histogram({
    name: 'convene_persist_seconds',
    help: 'Time from an accepted update to its being durable in storage, in seconds',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  })
  /** Whether this instance's Redis link is up (1), down (0); absent without Redis. */
  readonly redisUp = new Gauge({
    name: 'convene_cluster_redis_up',
    help: 'Whether the Redis link to the other instances is up (1) or degraded (0)',
    registers: [this.registry],
  })
  /** Messages published to the other instances, by type. */
  readonly clusterPublished = new Counter({
    name: 'convene_cluster_messages_published_total',
    help: 'Messages published to the other instances, by type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  })
  /** Messages that could not be published (Redis down): receivers catch up from storage. */
  readonly clusterPublishFailures = new Counter({
    name: 'convene_cluster_publish_failures_total',
    help: 'Messages that could not be published to Redis (receivers catch up from storage)',
    registers: [this.registry],
  })
  /** Messages received from the other instances, by type (`invalid` for undecodable ones). */
  readonly clusterReceived = new Counter({
    name: 'convene_cluster_messages_received_total',
    help: 'Messages received from the other instances, by type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  })
  /** From another instance publishing an update to this one applying it. */
  readonly redisLagSeconds = new Histogram({
    name: 'convene_cluster_redis_lag_seconds',
    help: 'Time from another instance publishing an update to this instance applying it, in seconds',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  })
  /** Reads of a notice's log from storage to catch up, by reason. */
  readonly catchUps = new Counter({
    name: 'convene_cluster_catch_ups_total',
    help: 'Reads of a notice log from storage to catch up with other instances, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  })
  /** Stored updates applied by catch-ups (zero when nothing was missed). */
  readonly catchUpRows = new Counter({
    name: 'convene_cluster_catch_up_rows_total',
    help: 'Stored updates applied by catch-ups (updates that Redis did not deliver in time)',
    registers: [this.registry],
  })
  /** Catch-ups that failed (storage unreachable); retried at the next check. */
  readonly catchUpFailures = new Counter({
    name: 'convene_cluster_catch_up_failures_total',
    help: 'Catch-ups that failed because storage did not answer (retried at the next check)',
    registers: [this.registry],
  })
  /** Gaps in the seqs received (a message missed), each followed by a catch-up. */
  readonly gaps = new Counter({
    name: 'convene_cluster_gaps_total',
    help: 'Gaps detected in the update seqs received from other instances',
    registers: [this.registry],
  })

  /** Notices loaded in memory, read from {@link ServerMetrics.countOpenNotices}' source when scraped. */
  readonly openNotices: Gauge = new Gauge({
    name: 'convene_open_notices',
    help: 'Notices loaded in memory (rooms)',
    registers: [this.registry],
    collect: () => {
      this.openNotices.set(this.openNoticesSource())
    },
  })

  private openNoticesSource: () => number = () => 0

  /** With `processMetrics` (the default), also prom-client's process and Node.js metrics. */
  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry })
  }

  /** Reports `read()` as the number of open notices at each scrape. */
  countOpenNotices(read: () => number): void {
    this.openNoticesSource = read
  }

  /** The Content-Type of {@link ServerMetrics.render}'s text. */
  get contentType(): string {
    return this.registry.contentType
  }

  /** Every metric in the Prometheus text exposition format. */
  render(): Promise<string> {
    return this.registry.metrics()
  }

  /** Counts connections and messages as the websocket adapter reports them. */
  socketMeter(): SocketMeter {
    return {
      opened: () => this.connections.inc(),
      closed: () => this.connections.dec(),
      received: (bytes) => {
        this.messagesIn.inc()
        this.bytesIn.inc(bytes)
      },
      sent: (bytes) => {
        this.messagesOut.inc()
        this.bytesOut.inc(bytes)
      },
    }
  }
}
