/**
 * Joins this server instance to the others through Redis, so that clients of one notice spread
 * over several instances edit one document.
 *
 * The database is the source of truth; Redis only makes things fast. Once this instance has
 * stored an update (it has its seq), it publishes `{ notice, seq, instance, update }` on the
 * notice's channel. Instances holding that notice apply it to their room's document and relay
 * it to their own clients without storing it again (Yjs ignores what a document already holds,
 * so an update arriving twice changes nothing). Each room knows the seqs it holds through a
 * contiguous mark; whenever it may have missed something (a gap in the seqs, a Redis
 * reconnection, its subscription just made, and every `catchUpIntervalMs` in any case) it reads
 * the rows after its mark back from storage. So an update is never lost, only late, whatever
 * Redis does, and an instance that crashed after storing but before publishing loses nothing.
 *
 * Presence is published too, never stored: each instance announces its own clients' awareness,
 * answers queries for it, and withdraws it when a room closes. An instance that stops
 * heartbeating (every `heartbeatMs`) for three beats, or says bye, has its clients' presence
 * withdrawn everywhere. Hearing its own heartbeats come back is how an instance knows its
 * subscription really works; when they stop, it reports itself degraded and reconnects.
 */

import { decodeAwarenessEntries } from '@convene/protocol'
import type { Logger } from 'pino'
import { applyAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import type { CatchUpReason, ServerMetrics } from '../metrics/server-metrics'
import type { UpdateLog } from '../storage/update-log'
import { REMOTE_ORIGIN, type Room } from '../sync/room'
import type { RoomEvents } from '../sync/room-events'
import type { RoomRegistry } from '../sync/room-registry'
import {
  type ClusterMessage,
  ClusterMessageError,
  decodeClusterMessage,
  encodeClusterMessage,
} from './cluster-message'
import type { RedisBus } from './redis-bus'
import { SeqTracker } from './seq-tracker'

/** What the link reports about itself: `degraded` while Redis does not carry its messages. */
export type ClusterStatus = 'ok' | 'degraded'

/** The part of {@link RedisBus} the link uses. */
export type ClusterBus = Pick<
  RedisBus,
  'start' | 'isUp' | 'subscribe' | 'unsubscribe' | 'publish' | 'reconnectSubscriber' | 'close'
>

/** Options of {@link ClusterLink}. */
export type ClusterLinkOptions = {
  bus: ClusterBus
  storage: UpdateLog
  /** This instance's id, unique among the instances sharing the Redis prefix. */
  instanceId: string
  /** Prefix of every Redis channel and key (instances talk only within one prefix). */
  prefix: string
  logger: Logger
  metrics?: ServerMetrics
  /** How often every loaded notice is checked against storage, in milliseconds. */
  catchUpIntervalMs: number
  /** How often this instance says it is alive, in milliseconds. */
  heartbeatMs: number
  /** How long a gap in the seqs may last before storage is read, in milliseconds (default 200). */
  gapGraceMs?: number
}

/** A loaded room the link keeps in step with the other instances. */
type Followed = {
  room: Room
  channel: string
  tracker: SeqTracker
  catchingUp: Promise<void> | null
  /** A catch-up was asked for while one was running: run another after it. */
  again: CatchUpReason | null
  gapTimer: ReturnType<typeof setTimeout> | null
  /** Clients of other instances whose presence the room shows, with their instance. */
  remoteClients: Map<number, string>
  /** Clients of this instance whose presence was announced. */
  localClients: Set<number>
}

/** Instances missing this many heartbeats in a row are taken for gone. */
const MISSED_BEATS = 3

/** Keeps this instance's rooms in step with the other instances' (see the module header). */
export class ClusterLink implements RoomEvents {
  private readonly options: ClusterLinkOptions
  private readonly bus: ClusterBus
  private readonly log: Logger
  private readonly metrics: ServerMetrics | undefined
  private readonly followed = new Map<string, Followed>()
  /** Other instances, with when they were last heard from (`Date.now()`). */
  private readonly instances = new Map<string, number>()
  private readonly instancesChannel: string
  private registry: RoomRegistry | null = null
  private timers: ReturnType<typeof setInterval>[] = []
  /** When this instance last heard its own heartbeat come back (or the subscription restart). */
  private lastEcho = Date.now()
  private closing = false

  constructor(options: ClusterLinkOptions) {
    this.options = options
    this.bus = options.bus
    this.metrics = options.metrics
    this.log = options.logger.child({ instance: options.instanceId })
    this.instancesChannel = `${options.prefix}:instances`
  }

  /** The registry whose rooms the link follows; used to close rooms of notices deleted elsewhere. */
  attach(registry: RoomRegistry): void {
    this.registry = registry
  }

  /** Connects: starts receiving, heartbeating and the periodic catch-up. */
  start(): void {
    this.bus.start({
      message: (channel, bytes) => this.onMessage(channel, bytes),
      resubscribed: () => this.onResubscribed(),
    })
    void this.bus.subscribe(this.instancesChannel)
    const { heartbeatMs, catchUpIntervalMs } = this.options
    this.timers = [
      setInterval(() => this.beat(), heartbeatMs),
      setInterval(() => {
        for (const followed of this.followed.values()) this.requestCatchUp(followed, 'periodic')
      }, catchUpIntervalMs),
    ]
    for (const timer of this.timers) timer.unref()
  }

  /**
   * `ok` while Redis carries this instance's messages both ways, `degraded` otherwise (its
   * clients are still served, and it still catches up from storage every `catchUpIntervalMs`).
   */
  status(): ClusterStatus {
    const echoing = Date.now() - this.lastEcho <= MISSED_BEATS * this.options.heartbeatMs
    return this.bus.isUp && echoing ? 'ok' : 'degraded'
  }

  /** Says bye (so the others withdraw this instance's presence at once) and disconnects. */
  async close(): Promise<void> {
    if (this.closing) return
    this.closing = true
    for (const timer of this.timers) clearInterval(timer)
    for (const followed of this.followed.values()) this.forget(followed)
    await this.publish(this.instancesChannel, { type: 'bye', from: this.options.instanceId })
    await this.bus.close()
  }

  // RoomEvents

  opened(room: Room, lastSeq: number): void {
    const previous = this.followed.get(room.noticeId)
    if (previous) this.forget(previous)
    const followed: Followed = {
      room,
      channel: this.noticeChannel(room.noticeId),
      tracker: new SeqTracker(lastSeq),
      catchingUp: null,
      again: null,
      gapTimer: null,
      remoteClients: new Map(),
      localClients: new Set(),
    }
    this.followed.set(room.noticeId, followed)
    void this.bus.subscribe(followed.channel).then((subscribed) => {
      // Subscribed now: whatever was published between the load and now is read back. When the
      // bus is down, its resubscription does the same for every room.
      if (!subscribed || this.followed.get(room.noticeId) !== followed) return
      this.requestCatchUp(followed, 'subscribe')
      this.query(followed)
    })
  }

  stored(room: Room, update: Uint8Array, seq: number): void {
    const followed = this.followed.get(room.noticeId)
    if (followed?.room === room) {
      followed.tracker.add(seq)
      // Our seq may show that another instance's update never arrived.
      if (followed.tracker.hasGap) this.watchGap(followed)
    }
    const sentAt = performance.timeOrigin + performance.now()
    void this.publish(this.noticeChannel(room.noticeId), {
      type: 'update',
      from: this.options.instanceId,
      noticeId: room.noticeId,
      seq,
      sentAt,
      update,
    })
  }

  awareness(room: Room, update: Uint8Array): void {
    const followed = this.followed.get(room.noticeId)
    if (followed?.room === room) {
      for (const { clientId, removed } of this.clientsOf(update)) {
        followed.remoteClients.delete(clientId)
        if (removed) followed.localClients.delete(clientId)
        else followed.localClients.add(clientId)
      }
    }
    void this.publish(this.noticeChannel(room.noticeId), {
      type: 'awareness',
      from: this.options.instanceId,
      noticeId: room.noticeId,
      update,
    })
  }

  closed(room: Room): void {
    const followed = this.followed.get(room.noticeId)
    if (followed?.room === room) this.forget(followed)
  }

  deleted(noticeId: string): void {
    void this.publish(this.noticeChannel(noticeId), {
      type: 'deleted',
      from: this.options.instanceId,
      noticeId,
    })
  }

  // Receiving

  private onMessage(channel: string, bytes: Uint8Array): void {
    let message: ClusterMessage
    try {
      message = decodeClusterMessage(bytes)
    } catch (error) {
      if (!(error instanceof ClusterMessageError)) throw error
      this.metrics?.clusterReceived.inc({ type: 'invalid' })
      this.log.warn({ err: error, channel }, 'ignored an undecodable cluster message')
      return
    }
    if (message.from === this.options.instanceId) {
      if (message.type === 'heartbeat') this.lastEcho = Date.now()
      return
    }
    this.metrics?.clusterReceived.inc({ type: message.type })
    if (message.type === 'bye') {
      this.dropInstance(message.from)
      return
    }
    this.instances.set(message.from, Date.now())
    if (message.type === 'heartbeat') return
    const followed = this.followed.get(message.noticeId)
    if (!followed) return
    switch (message.type) {
      case 'update':
        this.applyUpdate(followed, message.seq, message.update, message.sentAt)
        return
      case 'awareness':
        this.applyAwareness(followed, message.from, message.update)
        return
      case 'query': {
        const update = followed.room.localAwareness()
        if (update) this.awareness(followed.room, update)
        return
      }
      case 'gone':
        this.withdraw(
          followed,
          message.clientIds.filter((id) => followed.remoteClients.get(id) === message.from),
        )
        return
      case 'deleted':
        this.closeDeleted(message.noticeId)
        return
    }
  }

  private applyUpdate(followed: Followed, seq: number, update: Uint8Array, sentAt: number): void {
    // Held already (our own catch-up was faster): nothing to do.
    if (seq <= followed.tracker.contiguous) return
    try {
      followed.room.applyRemote(update)
    } catch (error) {
      // Storage holds the update as its origin stored it: read it from there.
      this.log.warn({ err: error, noticeId: followed.room.noticeId, seq }, 'a published update did not apply')
      this.requestCatchUp(followed, 'error')
      return
    }
    this.metrics?.redisLagSeconds.observe(
      Math.max(0, performance.timeOrigin + performance.now() - sentAt) / 1000,
    )
    followed.tracker.add(seq)
    if (followed.tracker.hasGap) this.watchGap(followed)
  }

  private applyAwareness(followed: Followed, from: string, update: Uint8Array): void {
    const clients = this.clientsOf(update)
    if (clients.length === 0) return
    try {
      applyAwarenessUpdate(followed.room.awareness, update, REMOTE_ORIGIN)
    } catch (error) {
      this.log.warn({ err: error, noticeId: followed.room.noticeId }, 'a published presence did not apply')
      return
    }
    for (const { clientId, removed } of clients) {
      if (removed) followed.remoteClients.delete(clientId)
      else if (!followed.localClients.has(clientId)) followed.remoteClients.set(clientId, from)
    }
  }

  private onResubscribed(): void {
    this.lastEcho = Date.now()
    this.log.info({ rooms: this.followed.size }, 'subscribed to Redis: catching up every loaded notice')
    for (const followed of this.followed.values()) {
      this.requestCatchUp(followed, 'reconnect')
      this.query(followed)
      const update = followed.room.localAwareness()
      if (update) this.awareness(followed.room, update)
    }
  }

  // Catching up from storage

  private watchGap(followed: Followed): void {
    if (followed.gapTimer) return
    // Our own update of that seq may still be on its way back from storage: give it a moment.
    followed.gapTimer = setTimeout(() => {
      followed.gapTimer = null
      if (this.followed.get(followed.room.noticeId) !== followed || !followed.tracker.hasGap) return
      this.metrics?.gaps.inc()
      this.requestCatchUp(followed, 'gap')
    }, this.options.gapGraceMs ?? 200)
    followed.gapTimer.unref()
  }

  private requestCatchUp(followed: Followed, reason: CatchUpReason): void {
    if (this.closing) return
    if (followed.catchingUp) {
      followed.again = reason
      return
    }
    followed.catchingUp = (async () => {
      let next: CatchUpReason | null = reason
      while (next && !this.closing && this.followed.get(followed.room.noticeId) === followed) {
        followed.again = null
        await this.catchUp(followed, next)
        next = followed.again
      }
    })().finally(() => {
      followed.catchingUp = null
    })
  }

  /** Applies the rows stored after the room's mark; never throws (a failure waits for the next check). */
  private async catchUp(followed: Followed, reason: CatchUpReason): Promise<void> {
    const { room, tracker } = followed
    const after = tracker.contiguous
    let rows: Awaited<ReturnType<UpdateLog['loadUpdatesAfter']>>
    try {
      rows = await this.options.storage.loadUpdatesAfter(room.noticeId, after)
    } catch (error) {
      this.metrics?.catchUpFailures.inc()
      this.log.warn(
        { err: error, noticeId: room.noticeId, reason },
        'catching up from storage failed; retried later',
      )
      return
    }
    if (this.followed.get(room.noticeId) !== followed || !room.isOpen) return
    this.metrics?.catchUps.inc({ reason })
    if (rows === null) {
      this.closeDeleted(room.noticeId)
      return
    }
    const last = rows.at(-1)
    if (!last) return
    for (const row of rows) {
      try {
        room.applyRemote(row.bytes)
      } catch (error) {
        // The same row would fail to load the notice at all: nothing here can repair it.
        this.log.error(
          { err: error, noticeId: room.noticeId, seq: row.seq },
          'a stored update does not apply',
        )
        return
      }
    }
    tracker.coverThrough(last.seq)
    this.metrics?.catchUpRows.inc(rows.length)
    if (reason !== 'periodic' || rows.length > 0) {
      this.log.debug({ noticeId: room.noticeId, reason, after, rows: rows.length }, 'caught up from storage')
    }
  }

  private closeDeleted(noticeId: string): void {
    const registry = this.registry
    if (!registry) return
    this.log.info({ noticeId }, 'the notice was deleted by another instance: closing its room')
    registry.delete(noticeId).catch((error: unknown) => {
      this.log.warn({ err: error, noticeId }, 'could not close the room of a notice deleted elsewhere')
    })
  }

  // Presence of other instances

  private beat(): void {
    const now = Date.now()
    const { heartbeatMs, instanceId } = this.options
    void this.publish(this.instancesChannel, { type: 'heartbeat', from: instanceId })
    for (const [instance, heard] of this.instances) {
      if (now - heard > MISSED_BEATS * heartbeatMs) {
        this.log.info({ gone: instance }, 'another instance stopped heartbeating: withdrawing its presence')
        this.dropInstance(instance)
      }
    }
    if (this.bus.isUp && now - this.lastEcho > MISSED_BEATS * heartbeatMs) {
      this.log.warn('our own heartbeats stopped coming back from Redis: reconnecting the subscription')
      this.lastEcho = now
      this.bus.reconnectSubscriber()
    }
    this.metrics?.redisUp.set(this.status() === 'ok' ? 1 : 0)
  }

  private dropInstance(instance: string): void {
    this.instances.delete(instance)
    for (const followed of this.followed.values()) {
      const theirs = [...followed.remoteClients].filter(([, owner]) => owner === instance).map(([id]) => id)
      this.withdraw(followed, theirs)
    }
  }

  private withdraw(followed: Followed, clientIds: number[]): void {
    if (clientIds.length === 0) return
    for (const id of clientIds) followed.remoteClients.delete(id)
    if (followed.room.isOpen) removeAwarenessStates(followed.room.awareness, clientIds, REMOTE_ORIGIN)
  }

  private query(followed: Followed): void {
    const { noticeId } = followed.room
    void this.publish(followed.channel, { type: 'query', from: this.options.instanceId, noticeId })
  }

  // Plumbing

  private forget(followed: Followed): void {
    const { noticeId } = followed.room
    if (this.followed.get(noticeId) === followed) this.followed.delete(noticeId)
    if (followed.gapTimer) clearTimeout(followed.gapTimer)
    followed.gapTimer = null
    this.bus.unsubscribe(followed.channel)
    if (followed.localClients.size > 0) {
      const clientIds = [...followed.localClients]
      followed.localClients.clear()
      void this.publish(followed.channel, {
        type: 'gone',
        from: this.options.instanceId,
        noticeId,
        clientIds,
      })
    }
  }

  /** The clients an awareness update names, and whether it withdraws each; none for bad bytes. */
  private clientsOf(update: Uint8Array): { clientId: number; removed: boolean }[] {
    try {
      return decodeAwarenessEntries(update).map(({ clientId, state }) => ({
        clientId,
        removed: state === null,
      }))
    } catch (error) {
      this.log.warn({ err: error }, 'ignored an undecodable presence update')
      return []
    }
  }

  private noticeChannel(noticeId: string): string {
    return `${this.options.prefix}:notice:${noticeId}`
  }

  private async publish(channel: string, message: ClusterMessage): Promise<void> {
    const published = await this.bus.publish(channel, encodeClusterMessage(message))
    if (published) this.metrics?.clusterPublished.inc({ type: message.type })
    else this.metrics?.clusterPublishFailures.inc()
  }
}
