/**
 * The entrance of the websocket sync: takes each accepted connection from the runtime adapter,
 * finds its room from the URL path, holds its first messages while the room loads, and then
 * hands every message to the room. Whatever goes wrong closes that connection alone, with a
 * documented code (see protocol.ts).
 */

import { parseRoomPath } from '@convene/protocol'
import type { Logger } from 'pino'
import { type ConnectionLimits, messageBucket, workBucket } from './connection-limits'
import { NoticeLoadError, NoticeNotFoundError } from './notice-errors'
import { createPeer, type PeerTransport } from './peer'
import type { PeerGrant } from './peer-policy'
import { CLOSE_CODES, type CloseCode } from './protocol'
import { type Room, RoomClosedError } from './room'
import { RegistryClosedError, type RoomRegistry } from './room-registry'

/** What the adapter calls for one connection's events. Neither method throws. */
export type CollabConnection = {
  /** One message arrived; `isBinary` is false for a text frame. */
  receive(data: Uint8Array, isBinary: boolean): void
  /** The connection closed, for whatever reason. */
  closed(): void
}

/** Options of {@link CollabGateway}. */
export type CollabGatewayOptions = {
  registry: RoomRegistry
  /** The rooms of the notices' comments documents (`/collab/<id>/comments`); without it, 4404. */
  commentsRegistry?: RoomRegistry
  logger: Logger
  /** The most bytes a client may send before its room has loaded. */
  maxQueuedBytes: number
  /**
   * Messages per connection over this rate, or costing more checking (bytes examined) per second
   * than `maxWorkBytesPerSecond`, are refused with 4429 (default: no limit).
   */
  messageRate?: Pick<ConnectionLimits, 'maxMessagesPerSecond' | 'maxMessageBurst'> &
    Partial<Pick<ConnectionLimits, 'maxWorkBytesPerSecond'>>
}

/** Routes websocket connections to rooms. */
export class CollabGateway {
  private readonly registry: RoomRegistry
  private readonly commentsRegistry: RoomRegistry | null
  private readonly log: Logger
  private readonly maxQueuedBytes: number
  private readonly messageRate: CollabGatewayOptions['messageRate']

  constructor(options: CollabGatewayOptions) {
    this.registry = options.registry
    this.commentsRegistry = options.commentsRegistry ?? null
    this.log = options.logger
    this.maxQueuedBytes = options.maxQueuedBytes
    this.messageRate = options.messageRate
  }

  /**
   * Starts serving a connection accepted at `pathname` (without query string), under what `grant`
   * allows (without one, everything: tests and tools).
   */
  connect(pathname: string, transport: PeerTransport, grant?: PeerGrant): CollabConnection {
    if (grant?.kind === 'refuse') {
      createPeer(transport).close(grant.code, grant.reason)
      return { receive: () => {}, closed: () => {} }
    }
    const peer = createPeer(transport, grant?.policy)
    const address = parseRoomPath(pathname)
    const registry = address?.kind === 'comments' ? this.commentsRegistry : this.registry
    if (!address || !registry) {
      peer.close(CLOSE_CODES.UNKNOWN_NOTICE, `There is no room at ${pathname}`)
      return { receive: () => {}, closed: () => {} }
    }
    const { noticeId } = address
    const log = this.log.child({ noticeId, peer: peer.id })
    let room: Room | null = null
    let queue: Uint8Array[] | null = []
    let queuedBytes = 0
    let gone = false
    const bucket = this.messageRate ? messageBucket(this.messageRate) : null
    const work = this.messageRate
      ? workBucket({ maxWorkBytesPerSecond: this.messageRate.maxWorkBytesPerSecond ?? 0 })
      : null
    let limited = false

    const reject = (code: CloseCode, reason: string): void => {
      peer.close(code, reason)
      room?.removePeer(peer)
      queue = null
    }
    const detach = grant?.attach?.(reject)

    registry.acquire(noticeId).then(
      (acquired) => {
        try {
          if (gone || !peer.isOpen) return
          acquired.addPeer(peer)
          room = acquired
          const pending = queue ?? []
          queue = null
          for (const data of pending) acquired.receive(peer, data)
        } catch (error) {
          log.error({ err: error }, 'could not add a peer to its room')
          reject(CLOSE_CODES.INTERNAL_ERROR, 'Internal server error')
        } finally {
          acquired.release()
        }
      },
      (error: unknown) => {
        const [code, reason] = this.refusal(noticeId, error)
        if (code === CLOSE_CODES.NOTICE_LOAD_FAILED || code === CLOSE_CODES.INTERNAL_ERROR) {
          log.error({ err: error }, 'refused a connection: the notice could not be opened')
        } else {
          log.debug({ code }, 'refused a connection')
        }
        reject(code, reason)
      },
    )

    return {
      receive: (data, isBinary) => {
        try {
          if (limited) return
          if (bucket && !bucket.take()) {
            // Checked before anything decodes the message: a flood costs one subtraction each.
            limited = true
            log.warn('refused a connection sending messages over its rate')
            reject(
              CLOSE_CODES.TOO_MANY_MESSAGES,
              `More than ${this.messageRate?.maxMessagesPerSecond} messages per second`,
            )
          } else if (work && !work.take(data.length)) {
            // Counted before any check examines the message: a flood of large updates is refused
            // for what it would cost, not after paying for it.
            limited = true
            log.warn('refused a connection whose messages cost more checking than its work budget')
            reject(
              CLOSE_CODES.TOO_MANY_MESSAGES,
              `More than ${this.messageRate?.maxWorkBytesPerSecond} bytes of checking per second`,
            )
          } else if (!isBinary) {
            reject(CLOSE_CODES.MALFORMED_MESSAGE, 'Text frames are not part of the protocol')
          } else if (room) {
            room.receive(peer, data)
          } else if (queue) {
            queuedBytes += data.length
            if (queuedBytes > this.maxQueuedBytes) {
              reject(
                CLOSE_CODES.MESSAGE_TOO_LARGE,
                `More than ${this.maxQueuedBytes} bytes sent before the notice loaded`,
              )
            } else {
              queue.push(data)
            }
          }
        } catch (error) {
          log.error({ err: error }, 'unexpected error while receiving a message')
          reject(CLOSE_CODES.INTERNAL_ERROR, 'Internal server error')
        }
      },
      closed: () => {
        gone = true
        queue = null
        try {
          detach?.()
          room?.removePeer(peer)
        } catch (error) {
          log.error({ err: error }, 'unexpected error while removing a peer')
        }
      },
    }
  }

  private refusal(noticeId: string, error: unknown): [CloseCode, string] {
    if (error instanceof NoticeNotFoundError)
      return [CLOSE_CODES.UNKNOWN_NOTICE, `There is no notice "${noticeId}"`]
    if (error instanceof NoticeLoadError) {
      return [CLOSE_CODES.NOTICE_LOAD_FAILED, `Notice "${noticeId}" could not be loaded from storage`]
    }
    if (error instanceof RegistryClosedError) return [CLOSE_CODES.GOING_AWAY, 'The server is shutting down']
    if (error instanceof RoomClosedError) {
      return [CLOSE_CODES.GOING_AWAY, 'The room closed while joining; reconnect']
    }
    return [CLOSE_CODES.INTERNAL_ERROR, 'Internal server error']
  }
}
