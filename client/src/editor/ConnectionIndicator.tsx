/**
 * The connection state in words and a coloured dot: connected, reconnecting, offline or closed,
 * and whether edits are waiting to be sent. A live region, so screen readers hear changes.
 */
import { useSyncExternalStore } from 'react'
import { useLocale } from '../i18n/LocaleProvider'
import type { CollabSession } from './collab-session'

/** Shows the connection state of `session`. */
export function ConnectionIndicator({ session }: { session: CollabSession }) {
  const { t } = useLocale()
  const state = useSyncExternalStore(session.subscribe, session.getState)
  const label = t.connection[state.status]
  const secondary = state.pending
    ? t.connection.pending
    : state.status === 'connected' && state.synced
      ? t.connection.synced
      : ''
  return (
    <div
      className="connection"
      data-status={state.status}
      data-pending={state.pending || undefined}
      role="status"
      data-tip={state.pending && state.status !== 'connected' ? t.connection.pendingOffline : undefined}
    >
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__label">{label}</span>
      {secondary && <span className="connection__secondary">{secondary}</span>}
    </div>
  )
}
