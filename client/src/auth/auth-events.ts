/**
 * The app-wide signals of the sign-in session: "the server says we are signed out" (any HTTP 401,
 * or a websocket closed with 4401) and "signed in again", so that whatever holds a connection can
 * pause and resume without knowing about the sign-in page.
 */

const SIGNED_OUT_EVENT = 'convene:signed-out'
const SIGNED_IN_EVENT = 'convene:signed-in'

/** Reports that the server no longer recognises this browser's session. */
export function reportSignedOut(): void {
  window.dispatchEvent(new Event(SIGNED_OUT_EVENT))
}

/** Reports that a session exists again (after a sign-in). */
export function reportSignedIn(): void {
  window.dispatchEvent(new Event(SIGNED_IN_EVENT))
}

/** Calls `listener` each time the server reports the session gone; returns the unsubscribe function. */
export function onSignedOut(listener: () => void): () => void {
  window.addEventListener(SIGNED_OUT_EVENT, listener)
  return () => window.removeEventListener(SIGNED_OUT_EVENT, listener)
}

/** Calls `listener` after each sign-in; returns the unsubscribe function. */
export function onSignedIn(listener: () => void): () => void {
  window.addEventListener(SIGNED_IN_EVENT, listener)
  return () => window.removeEventListener(SIGNED_IN_EVENT, listener)
}
