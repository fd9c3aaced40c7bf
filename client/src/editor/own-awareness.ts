/**
 * Makes a y-websocket provider send only this browser's own presence. The stock provider sends
 * every awareness change it sees, other people's states included (it echoes what the server sent
 * it); the server ignores entries for clients this connection does not own, so narrowing each
 * change to this document's own client id saves the bandwidth of sending them at all.
 */
import type { WebsocketProvider } from 'y-websocket'

type AwarenessChanges = { added: number[]; updated: number[]; removed: number[] }

/** Replaces `provider`'s awareness sender with one that sends only its own client's state. */
export function sendOwnAwarenessOnly(provider: WebsocketProvider): void {
  const { awareness } = provider
  const send = provider._awarenessUpdateHandler
  const own = (ids: number[]) => ids.filter((id) => id === awareness.clientID)
  const filtered = ({ added, updated, removed }: AwarenessChanges, origin: unknown) => {
    const changes = { added: own(added), updated: own(updated), removed: own(removed) }
    if (changes.added.length + changes.updated.length + changes.removed.length > 0) send(changes, origin)
  }
  awareness.off('update', send)
  awareness.on('update', filtered)
  // provider.destroy() unregisters whatever this property holds.
  provider._awarenessUpdateHandler = filtered
}
