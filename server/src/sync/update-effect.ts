/**
 * Whether a Yjs update would change a document, decided without applying it. A read-only peer's
 * y-websocket client always answers the server's sync step 1 with a sync step 2, which is never
 * quite empty once the document has deletions (Yjs sends its whole delete set); such an update
 * must be recognised as harmless and ignored, while anything that adds or deletes is refused.
 */
import * as Y from 'yjs'

type Range = { clock: number; len: number }

/** Whether `ranges` (sorted, as Yjs builds them) cover every clock of `[clock, clock + len)`. */
function covered(ranges: readonly Range[] | undefined, clock: number, len: number): boolean {
  if (!ranges) return false
  let next = clock
  const end = clock + len
  for (const range of ranges) {
    if (range.clock > next) return false
    if (range.clock + range.len > next) next = range.clock + range.len
    if (next >= end) return true
  }
  return false
}

/**
 * True when applying `update` (a validated V1 update) to `doc` would change nothing: every struct
 * in it is already in `doc`, and everything it deletes is already deleted there. Works on the
 * decoded update and the document's delete set; the document is not touched.
 */
export function updateChangesNothing(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update)
  if (structs.length === 0 && ds.clients.size === 0) return true
  const state = Y.decodeStateVector(Y.encodeStateVector(doc))
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue
    if (struct.id.clock + struct.length > (state.get(struct.id.client) ?? 0)) return false
  }
  if (ds.clients.size === 0) return true
  const deleted = Y.createDeleteSetFromStructStore(doc.store)
  for (const [client, ranges] of ds.clients) {
    for (const range of ranges) {
      if (range.clock + range.len > (state.get(client) ?? 0)) return false
      if (!covered(deleted.clients.get(client), range.clock, range.len)) return false
    }
  }
  return true
}
