/**
 * What a websocket's close code means for the session. The server closes a collaboration socket
 * with 4401 when the session behind it has ended, and with 4403 (after a y-protocols
 * `permission-denied` message) when it refused a change the user's role does not allow. Both are
 * final (see the protocol's closeOutcome): the provider stops; this guard reports the first as a
 * sign-out, reconnects after the next sign-in, and hands the second to the page.
 */
import { CLOSE_CODES } from '@convene/protocol'
import type { WebsocketProvider } from 'y-websocket'
import { onSignedIn, reportSignedOut } from './auth-events'

/** Watches `provider`'s final closes; returns the function that stops watching. */
export function guardConnection(provider: WebsocketProvider, onRefused: () => void): () => void {
  const onClosed = (event: { code: number }) => {
    if (event.code === CLOSE_CODES.SESSION_ENDED) reportSignedOut()
    else if (event.code === CLOSE_CODES.PERMISSION_DENIED) onRefused()
  }
  provider.on('closed', onClosed)
  const stopWaiting = onSignedIn(() => {
    if (!provider.shouldConnect) provider.connect()
  })
  return () => {
    provider.off('closed', onClosed)
    stopWaiting()
  }
}
