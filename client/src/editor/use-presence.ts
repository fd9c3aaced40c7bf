/**
 * Who is in the notice right now, from the provider's awareness states (the `user` field the
 * caret extension shares, which the server rewrites from each connection's session): one entry per
 * connected client, this browser's own first.
 */
import { useCallback, useRef, useSyncExternalStore } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import { presenceColour } from './collab-carets'

/** One person present in the notice. */
export type Presence = { clientId: number; name: string; color: string; isSelf: boolean }

function readPresence(awareness: Awareness): Presence[] {
  const people: Presence[] = []
  for (const [clientId, state] of awareness.getStates()) {
    const user = (state as { user?: { name?: unknown } }).user
    if (!user || typeof user.name !== 'string') continue
    people.push({
      clientId,
      name: user.name,
      color: presenceColour(user),
      isSelf: clientId === awareness.clientID,
    })
  }
  return people.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name))
}

function samePresence(a: Presence[], b: Presence[]): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => p.clientId === b[i]?.clientId && p.name === b[i]?.name && p.color === b[i]?.color)
  )
}

/** The people present, re-rendering when someone arrives, leaves or renames. */
export function usePresence(awareness: Awareness): Presence[] {
  const cache = useRef<Presence[]>([])
  const subscribe = useCallback(
    (onChange: () => void) => {
      awareness.on('change', onChange)
      return () => awareness.off('change', onChange)
    },
    [awareness],
  )
  return useSyncExternalStore(subscribe, () => {
    const next = readPresence(awareness)
    if (!samePresence(cache.current, next)) cache.current = next
    return cache.current
  })
}
