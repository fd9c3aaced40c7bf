/**
 * A Redis stand-in for tests of the cluster link: buses on one in-process broker deliver what
 * is published to every bus subscribed to the channel (the sender too, as Redis does), on a
 * later turn of the event loop. A test can take the broker down and up, or lose chosen messages.
 */
import type { ClusterBus } from '../cluster/cluster-link'
import type { BusHandlers } from '../cluster/redis-bus'

/** A bus of the broker, with the locks the compaction takes. */
export type MemoryBus = ClusterBus & {
  tryLock(key: string, ttlMs: number): Promise<string | null>
  unlock(key: string, token: string): Promise<void>
}

/** The broker: where buses meet. */
export type MemoryBroker = {
  /** A new bus on this broker (one per instance). */
  bus(): MemoryBus
  /** Whether the broker is up; while down, nothing is published, delivered or locked. */
  readonly up: boolean
  /** Takes the broker down (every bus reports it is not up). */
  down(): void
  /** Brings it back: every started bus is told it resubscribed. */
  restore(): void
  /** When set, a message it returns true for is lost (not delivered to anyone). */
  lose: ((channel: string, bytes: Uint8Array) => boolean) | null
  /** Messages published so far, by channel. */
  published: { channel: string; bytes: Uint8Array }[]
}

/** Creates an empty broker. */
export function memoryBroker(): MemoryBroker {
  type Member = { handlers: BusHandlers | null; channels: Set<string>; closed: boolean }
  const members = new Set<Member>()
  const locks = new Map<string, string>()
  let up = true
  let tokens = 0
  const later = (run: () => void): void => void setImmediate(run)

  const broker: MemoryBroker = {
    lose: null,
    published: [],
    get up() {
      return up
    },
    down() {
      up = false
    },
    restore() {
      up = true
      for (const member of members) {
        const handlers = member.handlers
        if (handlers && !member.closed) later(() => handlers.resubscribed())
      }
    },
    bus() {
      const member: Member = { handlers: null, channels: new Set(), closed: false }
      members.add(member)
      return {
        start(handlers) {
          member.handlers = handlers
          later(() => {
            if (up && !member.closed) handlers.resubscribed()
          })
        },
        get isUp() {
          return up && !member.closed
        },
        async subscribe(channel) {
          member.channels.add(channel)
          return up
        },
        unsubscribe(channel) {
          member.channels.delete(channel)
        },
        async publish(channel, bytes) {
          if (!up || member.closed) return false
          const copy = bytes.slice()
          broker.published.push({ channel, bytes: copy })
          if (broker.lose?.(channel, copy)) return true
          for (const other of members) {
            if (other.closed || !other.channels.has(channel)) continue
            later(() => {
              if (up && !other.closed) other.handlers?.message(channel, copy)
            })
          }
          return true
        },
        reconnectSubscriber() {},
        async close() {
          member.closed = true
          members.delete(member)
        },
        async tryLock(key) {
          if (!up || locks.has(key)) return null
          tokens += 1
          const token = String(tokens)
          locks.set(key, token)
          return token
        },
        async unlock(key, token) {
          if (locks.get(key) === token) locks.delete(key)
        },
      }
    },
  }
  return broker
}
