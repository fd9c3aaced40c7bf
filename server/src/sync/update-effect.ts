/**
 * Whether a Yjs update would change a document, decided without applying it. A read-only peer's
 * y-websocket client always answers the server's sync step 1 with a sync step 2, which is never
 * quite empty once the document has deletions (Yjs sends its whole delete set); such an update
 * must be recognised as harmless and ignored, while anything that adds or deletes is refused.
 */
import * as Y from 'yjs'

type Range = { clock: number; len: number }

/** `ranges` sorted by clock with overlapping and touching ranges joined (a hostile update may repeat one). */
function merged(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.clock - b.clock)
  const out: Range[] = []
  for (const range of sorted) {
    const last = out[out.length - 1]
    if (last && range.clock <= last.clock + last.len) {
      last.len = Math.max(last.len, range.clock + range.len - last.clock)
    } else out.push({ clock: range.clock, len: range.len })
  }
  return out
}

/** Whether every struct of `structs` (one client's, sorted) within `[clock, clock + len)` is deleted. */
function allDeleted(structs: readonly (Y.Item | Y.GC)[], clock: number, len: number): boolean {
  const end = clock + len
  for (let index = Y.findIndexSS(structs as (Y.Item | Y.GC)[], clock); index < structs.length; index++) {
    const struct = structs[index] as Y.Item | Y.GC
    if (struct.id.clock >= end) return true
    if (!struct.deleted) return false
  }
  return true
}

/** What a read-only connection's update holds that no honest read-only client sends, or null. */
export function readOnlyUpdateExcess(update: Uint8Array, kind: 'sync-step-2' | 'update'): string | null {
  const { structs, ds } = Y.decodeUpdate(update)
  // A stock client's live updates from a read-only editor are empty, or echo deletions the
  // server made too (Yjs' formatting cleanup runs on every peer); a step 2 may repeat known structs.
  if (kind === 'update' && structs.some((struct) => !(struct instanceof Y.Skip)))
    return 'it carries new content'
  for (const ranges of ds.clients.values()) {
    // Yjs writes a delete set sorted, with touching ranges joined: anything else is crafted.
    for (let index = 1; index < ranges.length; index++) {
      const previous = ranges[index - 1] as Range
      if ((ranges[index] as Range).clock <= previous.clock + previous.len) return 'it repeats deleted ranges'
    }
  }
  return null
}

/**
 * True when applying `update` (a validated V1 update) to `doc` would change nothing: every struct
 * in it is already in `doc`, and everything it deletes is already deleted there. Works on the
 * decoded update and the document's struct store, without touching the document, in time
 * n log n in the update: its deleted ranges are sorted and joined first, then each document
 * struct they cover is looked at once (a binary search finds the first).
 */
export function updateChangesNothing(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update)
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return false
  }
  for (const [client, ranges] of ds.clients) {
    const known = doc.store.clients.get(client)
    for (const range of merged(ranges)) {
      if (range.len === 0) continue
      if (!known || range.clock + range.len > Y.getState(doc.store, client)) return false
      if (!allDeleted(known, range.clock, range.len)) return false
    }
  }
  return true
}
