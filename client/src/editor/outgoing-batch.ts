/**
 * Sends a y-websocket provider's local document updates in batches: every update made within one
 * short window goes out as a single merged message. A bulk command (adding 300 items, a paste
 * that repairs ids) then costs a few messages, not hundreds, and stays under the server's message
 * rate (4429); typing reaches the others at most one window later.
 */
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

/** How long local updates are gathered before they are sent as one message. */
export const BATCH_WINDOW_MS = 40

/** The batching of one provider: `flush()` sends what is gathered now (before closing, say). */
export type OutgoingBatch = { flush: () => void }

/** Replaces `provider`'s update sender with a batching one; returns its handle. */
export function batchOutgoingUpdates(provider: WebsocketProvider, windowMs = BATCH_WINDOW_MS): OutgoingBatch {
  const send = provider._updateHandler
  let gathered: Uint8Array[] = []
  let timer: ReturnType<typeof setTimeout> | null = null
  const flush = () => {
    if (timer !== null) clearTimeout(timer)
    timer = null
    if (gathered.length === 0) return
    const update = gathered.length === 1 ? (gathered[0] as Uint8Array) : Y.mergeUpdates(gathered)
    gathered = []
    // Any origin but the provider's own is sent.
    send(update, null)
  }
  const gather = (update: Uint8Array, origin: unknown) => {
    if (origin === provider) return
    gathered.push(update)
    timer ??= setTimeout(flush, windowMs)
  }
  provider.doc.off('update', send)
  provider.doc.on('update', gather)
  // provider.destroy() unregisters whatever this property holds.
  provider._updateHandler = gather
  return { flush }
}
