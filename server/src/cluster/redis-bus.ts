/**
 * The Redis side of the cluster: one connection that publishes (and takes locks), one that
 * subscribes, both reconnecting by themselves for as long as the server runs. The bus says when
 * its subscriptions were re-established, because pub/sub keeps nothing for a subscriber that was
 * away: whatever was published meanwhile must be read back from storage.
 */
import { Redis, type RedisOptions } from 'ioredis'
import type { Logger } from 'pino'
import { redactDatabaseUrl } from '../storage/redact-url'

/** What the bus tells its owner. Neither method may throw (the bus logs it if one does). */
export type BusHandlers = {
  /** A message arrived on a subscribed channel. */
  message(channel: string, bytes: Uint8Array): void
  /**
   * Every wanted channel is subscribed again after the subscription was down (or for the first
   * time): anything published while it was down was missed.
   */
  resubscribed(): void
}

/** Options of {@link RedisBus}. */
export type RedisBusOptions = {
  /** A `redis://` or `rediss://` URL. */
  url: string
  /** Names the connections in Redis' CLIENT LIST (e.g. the instance id). */
  name: string
  logger: Logger
  /** The longest wait between two reconnection attempts, in milliseconds (default 1000). */
  maxRetryDelayMs?: number
}

// Deletes a lock only if it still holds our token: a lock that expired and was taken by another
// instance is not ours to release.
const RELEASE_LOCK =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"

/** The most channels named in one SUBSCRIBE command when resubscribing. */
const SUBSCRIBE_CHUNK = 500

/** Two Redis connections: publish and lock on one, receive on the other. */
export class RedisBus {
  private readonly log: Logger
  private readonly publisher: Redis
  private readonly subscriber: Redis
  private readonly wanted = new Set<string>()
  private handlers: BusHandlers | null = null
  /** Whether every wanted channel is subscribed on the current subscriber connection. */
  private subscribed = false
  /** Bumped whenever the subscriber connection is lost, so a stale resubscription gives up. */
  private generation = 0
  private wasUp = false
  /** Set once an outage was reported, so its repeated reconnection errors stay quiet. */
  private reportedDown = false
  private closing = false
  private lockCounter = 0

  constructor(options: RedisBusOptions) {
    this.log = options.logger.child({ redis: redactDatabaseUrl(options.url) })
    const maxDelay = options.maxRetryDelayMs ?? 1000
    const common: RedisOptions = {
      // Fail fast while disconnected: a message published late is worth nothing, the database
      // has the update anyway, and catching up replaces what was not delivered.
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      autoResubscribe: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 3000,
      keepAlive: 10_000,
      retryStrategy: (attempt) => Math.min(attempt * 100, maxDelay),
    }
    this.publisher = new Redis(options.url, { ...common, connectionName: `${options.name}:pub` })
    this.subscriber = new Redis(options.url, { ...common, connectionName: `${options.name}:sub` })
    for (const [role, connection] of [
      ['publisher', this.publisher],
      ['subscriber', this.subscriber],
    ] as const) {
      // Without a listener, a connection error would be an uncaught 'error' event.
      connection.on('error', (error: Error) => this.onError(role, error))
      connection.on('ready', () => this.onStatus())
      connection.on('close', () => this.onStatus())
    }
    this.subscriber.on('ready', () => void this.resubscribeAll())
    this.subscriber.on('close', () => {
      this.subscribed = false
      this.generation += 1
    })
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      try {
        this.handlers?.message(channel.toString(), new Uint8Array(message))
      } catch (error) {
        this.log.error({ err: error }, 'a cluster message handler threw')
      }
    })
  }

  /** Starts delivering to `handlers` (messages before this call are dropped). */
  start(handlers: BusHandlers): void {
    this.handlers = handlers
    if (this.subscriber.status === 'ready' && !this.subscribed) void this.resubscribeAll()
  }

  /** Whether both connections are up and every wanted channel is subscribed. */
  get isUp(): boolean {
    return this.publisher.status === 'ready' && this.subscriber.status === 'ready' && this.subscribed
  }

  /**
   * Subscribes to `channel` from now on, across reconnections. Resolves true once subscribed,
   * false when the subscriber is down (then `resubscribed` follows when it is back).
   */
  async subscribe(channel: string): Promise<boolean> {
    this.wanted.add(channel)
    if (this.subscriber.status !== 'ready') return false
    try {
      await this.subscriber.subscribe(channel)
      return this.wanted.has(channel)
    } catch (error) {
      this.log.debug({ err: error, channel }, 'subscribing failed; it is retried on reconnection')
      return false
    }
  }

  /** Stops receiving `channel`. */
  unsubscribe(channel: string): void {
    if (!this.wanted.delete(channel) || this.subscriber.status !== 'ready') return
    this.subscriber.unsubscribe(channel).catch((error: unknown) => {
      // A reconnection subscribes only the wanted channels, so this one is dropped anyway.
      this.log.debug({ err: error, channel }, 'unsubscribing failed')
    })
  }

  /**
   * Publishes `bytes` on `channel`; resolves whether Redis took it. Never rejects: a message that
   * could not be published is made up for by the receivers' catch-up from storage.
   */
  async publish(channel: string, bytes: Uint8Array): Promise<boolean> {
    if (this.publisher.status !== 'ready') return false
    try {
      await this.publisher.publish(channel, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
      return true
    } catch (error) {
      this.log.debug({ err: error, channel }, 'publishing failed')
      return false
    }
  }

  /**
   * Takes the lock `key` for `ttlMs` unless someone holds it (`SET NX PX`); resolves a token to
   * release it with, or null when it is held or Redis cannot be asked.
   */
  async tryLock(key: string, ttlMs: number): Promise<string | null> {
    if (this.publisher.status !== 'ready') return null
    this.lockCounter += 1
    const token = `${this.publisher.options.connectionName ?? ''}:${process.pid}:${this.lockCounter}:${Date.now()}`
    try {
      return (await this.publisher.set(key, token, 'PX', ttlMs, 'NX')) === 'OK' ? token : null
    } catch (error) {
      this.log.debug({ err: error, key }, 'taking a lock failed')
      return null
    }
  }

  /** Releases lock `key` if it still holds `token` (it expires by itself otherwise). */
  async unlock(key: string, token: string): Promise<void> {
    if (this.publisher.status !== 'ready') return
    try {
      await this.publisher.eval(RELEASE_LOCK, 1, key, token)
    } catch (error) {
      this.log.debug({ err: error, key }, 'releasing a lock failed; it expires by itself')
    }
  }

  /**
   * Drops and reopens the subscriber connection: for a connection that looks up but no longer
   * delivers (the owner noticed its own messages stopped coming back).
   */
  reconnectSubscriber(): void {
    if (this.closing) return
    this.subscribed = false
    this.generation += 1
    this.subscriber.disconnect(true)
  }

  /** Closes both connections (politely when Redis answers). Idempotent. */
  async close(): Promise<void> {
    if (this.closing) return
    this.closing = true
    this.handlers = null
    await Promise.all(
      [this.publisher, this.subscriber].map(async (connection) => {
        if (connection.status === 'ready') {
          const timeout = new Promise<void>((resolve) => setTimeout(resolve, 1000).unref())
          await Promise.race([connection.quit().catch(() => undefined), timeout])
        }
        connection.disconnect()
      }),
    )
  }

  private async resubscribeAll(): Promise<void> {
    if (this.closing || !this.handlers) return
    const generation = this.generation
    try {
      const channels = [...this.wanted]
      for (let start = 0; start < channels.length; start += SUBSCRIBE_CHUNK) {
        await this.subscriber.subscribe(...channels.slice(start, start + SUBSCRIBE_CHUNK))
      }
    } catch (error) {
      // The connection dropped again; its next 'ready' tries again.
      this.log.debug({ err: error }, 'resubscribing failed')
      return
    }
    if (generation !== this.generation || this.closing) return
    this.subscribed = true
    this.onStatus()
    try {
      this.handlers?.resubscribed()
    } catch (error) {
      this.log.error({ err: error }, 'the resubscription handler threw')
    }
  }

  private onError(role: string, error: Error): void {
    if (this.closing) return
    // One warning per outage; the reconnection attempts that follow fail the same way.
    if (this.reportedDown) {
      this.log.debug({ err: error, role }, 'Redis connection error')
      return
    }
    this.reportedDown = true
    this.log.warn({ err: error, role }, 'Redis connection error; reconnecting until it answers')
  }

  private onStatus(): void {
    if (this.closing) return
    const up = this.isUp
    if (up === this.wasUp) return
    this.wasUp = up
    if (up) this.reportedDown = false
    if (up) this.log.info('connected to Redis: joined the other instances')
    else this.log.warn('lost Redis: serving this instance’s clients alone until it returns')
  }
}
