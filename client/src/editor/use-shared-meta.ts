/**
 * The notice metadata as it lives in the shared Yjs map `meta` (one string per field), read as
 * React state and written field by field, so every editor sees a change as it is made. A value the
 * metadata rules refuse (stored before the server checked updates) reads as not set.
 */
import { META_MAP, metaValueProblem, type NoticeMeta } from '@convene/schema'
import { useCallback, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'

/** The shared metadata: whatever fields the map holds (a peer may not have set them all yet). */
export type SharedMeta = Partial<Record<keyof NoticeMeta, string>>

const snapshots = new WeakMap<Y.Map<unknown>, SharedMeta>()

/** The map's current content, as the same object for as long as the content is the same. */
function snapshot(map: Y.Map<unknown>): SharedMeta {
  const fresh: Record<string, string> = {}
  for (const [key, entry] of map.entries()) {
    if (typeof entry === 'string' && metaValueProblem(key, entry) === null) fresh[key] = entry
  }
  const cached = snapshots.get(map) as Record<string, string> | undefined
  if (cached && sameEntries(cached, fresh)) return cached
  snapshots.set(map, fresh)
  return fresh
}

function sameEntries(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key])
}

/** The shared metadata of `ydoc` and a function that sets one field for everyone. */
export function useSharedMeta(ydoc: Y.Doc): [SharedMeta, (field: keyof NoticeMeta, value: string) => void] {
  const map = ydoc.getMap<unknown>(META_MAP)
  const subscribe = useCallback(
    (onChange: () => void) => {
      map.observe(onChange)
      return () => map.unobserve(onChange)
    },
    [map],
  )
  const meta = useSyncExternalStore(subscribe, () => snapshot(map))
  const setField = useCallback(
    (field: keyof NoticeMeta, value: string) => {
      if (map.get(field) !== value) map.set(field, value)
    },
    [map],
  )
  return [meta, setField]
}
