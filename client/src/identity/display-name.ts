/**
 * The name this browser shows to others while editing. There are no accounts yet: the user
 * types a name once, and it is remembered in localStorage.
 */
import { useCallback, useSyncExternalStore } from 'react'

const STORAGE_KEY = 'convene.displayName'
const CHANGE_EVENT = 'convene:display-name'

/** The longest display name kept (labels beside carets must stay short). */
export const MAX_NAME_LENGTH = 60

/** The remembered display name, or '' when the user has not given one yet. */
export function readDisplayName(): string {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? ''
  } catch {
    return ''
  }
}

/** Remembers `name` (trimmed, shortened) as this browser's display name. */
export function storeDisplayName(name: string): void {
  const clean = name.trim().replace(/\s+/g, ' ').slice(0, MAX_NAME_LENGTH)
  try {
    localStorage.setItem(STORAGE_KEY, clean)
  } catch {
    // Storage can be disabled (private mode): the name then lasts for this page only.
    sessionName = clean
  }
  window.dispatchEvent(new Event(CHANGE_EVENT))
}

let sessionName = ''

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGE_EVENT, onChange)
  window.addEventListener('storage', onChange)
  return () => {
    window.removeEventListener(CHANGE_EVENT, onChange)
    window.removeEventListener('storage', onChange)
  }
}

/** The display name ('' until given) and a setter; re-renders when it changes, in any tab. */
export function useDisplayName(): [string, (name: string) => void] {
  const name = useSyncExternalStore(subscribe, () => readDisplayName() || sessionName)
  const setName = useCallback((next: string) => storeDisplayName(next), [])
  return [name, setName]
}
