/**
 * A peer: one client connection as the sync code sees it, independent of the websocket library.
 * The runtime adapter wraps its sockets in this shape.
 */
import type { PeerPolicy } from './peer-policy'
import type { CloseCode } from './protocol'

/** One connected client. Implementations never throw from `send` or `close`. */
export interface Peer {
  /** A number unique within this process, for logs. */
  readonly id: number
  /** Whether the connection can still carry messages (false once closing or closed). */
  readonly isOpen: boolean
  /** What this peer may do; without one (tests, tools), everything. */
  readonly policy?: PeerPolicy
  /** Sends one binary message; dropped silently when the connection is no longer open. */
  send(message: Uint8Array): void
  /** Closes the connection with a documented code and a short reason (at most 123 bytes of UTF-8). */
  close(code: CloseCode, reason: string): void
}

/** The transport a runtime adapter hands to the sync code for each accepted connection. */
export type PeerTransport = {
  send(message: Uint8Array): void
  close(code: number, reason: string): void
  readonly isOpen: boolean
}

let nextPeerId = 1

/**
 * Wraps a transport as a {@link Peer} acting under `policy`: a send or close that throws (a socket torn down under us)
 * is swallowed, because the transport's close event will report the disconnection anyway.
 */
export function createPeer(transport: PeerTransport, policy?: PeerPolicy): Peer {
  const id = nextPeerId++
  return {
    id,
    ...(policy ? { policy } : {}),
    get isOpen() {
      return transport.isOpen
    },
    send(message) {
      if (!transport.isOpen) return
      try {
        transport.send(message)
      } catch {
        // The socket is going away; its close event removes the peer.
      }
    },
    close(code, reason) {
      try {
        transport.close(code, truncateReason(reason))
      } catch {
        // Already closed.
      }
    },
  }
}

/** Cuts a close reason to the 123 bytes of UTF-8 that a websocket close frame can carry. */
export function truncateReason(reason: string): string {
  const encoder = new TextEncoder()
  if (encoder.encode(reason).length <= 123) return reason
  let cut = reason.slice(0, 120)
  while (encoder.encode(`${cut}…`).length > 123) cut = cut.slice(0, -1)
  return `${cut}…`
}
