/**
 * The connection state in words and a coloured dot: connected, reconnecting, offline or closed,
 * and how many changes wait for the server's confirmation ("Offline · 3 changes waiting"), then
 * "All changes saved" once the server has them all. A live region, so screen readers hear changes.
 */
import { useSyncExternalStore } from 'react'
import { useLocale } from '../i18n/LocaleProvider'
import type { CollabSession } from './collab-session'

/** Shows the connection state of `session`. */
export function ConnectionIndicator({ session }: { session: CollabSession }) {
  const { t } = useLocale()
  const state = useSyncExternalStore(session.subscribe, session.getState)
  const label = t.connection[state.status]
  const connected = state.status === 'connected'
  const secondary =
    state.waiting > 0
      ? connected
        ? t.connection.saving
        : t.connection.waiting(state.waiting)
      : connected && state.synced
        ? t.connection.synced
        : ''
  return (
    <div
      className="connection"
      data-status={state.status}
      data-pending={state.waiting > 0 || undefined}
      data-waiting={state.waiting}
      role="status"
      data-tip={state.waiting > 0 && !connected ? t.connection.pendingOffline : undefined}
    >
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__label">{label}</span>
      {secondary && <span className="connection__secondary">{secondary}</span>}
    </div>
  )
}
