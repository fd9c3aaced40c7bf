/**
 * Tells this browser when someone else restored a revision of the open notice: the restorer's
 * presence carries `restored: { rev, at }` (the server relays only that shape), and each new note
 * becomes one sentence in this user's interface language.
 */
import { useEffect, useState } from 'react'
import type { Awareness } from 'y-protocols/awareness'

/** A restore someone else did while this page was open. */
export type RestoreNote = { name: string; rev: number; at: number }

/** The latest restore by another person since this page opened, or null. */
export function useRestoreNotes(awareness: Awareness): RestoreNote | null {
  const [note, setNote] = useState<RestoreNote | null>(null)
  useEffect(() => {
    const openedAt = Date.now()
    const seen = new Set<string>()
    const check = () => {
      for (const [clientId, state] of awareness.getStates()) {
        if (clientId === awareness.clientID) continue
        const { restored, user } = state as {
          restored?: { rev?: unknown; at?: unknown }
          user?: { name?: unknown }
        }
        if (typeof restored?.rev !== 'number' || typeof restored.at !== 'number') continue
        const key = `${clientId}:${restored.at}`
        // Notes from before this page opened are history, not news.
        if (seen.has(key) || restored.at < openedAt - 5000) continue
        seen.add(key)
        setNote({ name: typeof user?.name === 'string' ? user.name : '', rev: restored.rev, at: restored.at })
      }
    }
    awareness.on('change', check)
    return () => awareness.off('change', check)
  }, [awareness])
  return note
}
