/**
 * Makes a y-websocket provider send only this browser's own presence, at most once per short
 * window. The stock provider sends every awareness change it sees, other people's states included
 * (it echoes what the server sent it), and one message per caret move; the server ignores entries
 * for clients this connection does not own, and a burst of caret moves (a bulk command) would
 * count against the server's message rate. A removal (leaving) is sent at once.
 *
 * It swaps the provider's `_awarenessUpdateHandler`, a private field of y-websocket 3.1.0, which is
 * why client/package.json pins that exact version; own-awareness.test.ts fails if the field moves.
 */
import type { WebsocketProvider } from 'y-websocket'

type AwarenessChanges = { added: number[]; updated: number[]; removed: number[] }

/** How long this browser's presence changes are gathered before one message carries the latest. */
export const PRESENCE_WINDOW_MS = 40

/** Replaces `provider`'s awareness sender with one that sends only its own client's state. */
export function sendOwnAwarenessOnly(provider: WebsocketProvider, windowMs = PRESENCE_WINDOW_MS): void {
  const { awareness } = provider
  const send = provider._awarenessUpdateHandler
  const own = awareness.clientID
  let changed = false
  let timer: ReturnType<typeof setTimeout> | null = null
  const flush = () => {
    if (timer !== null) clearTimeout(timer)
    timer = null
    if (!changed) return
    changed = false
    send({ added: [], updated: [own], removed: [] }, null)
  }
  const filtered = ({ added, updated, removed }: AwarenessChanges, origin: unknown) => {
    if (removed.includes(own)) {
      changed = false
      if (timer !== null) clearTimeout(timer)
      timer = null
      send({ added: [], updated: [], removed: [own] }, origin)
    } else if (added.includes(own) || updated.includes(own)) {
      changed = true
      timer ??= setTimeout(flush, windowMs)
    }
  }
  awareness.off('update', send)
  awareness.on('update', filtered)
  // provider.destroy() unregisters whatever this property holds.
  provider._awarenessUpdateHandler = filtered
}
