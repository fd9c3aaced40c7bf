/**
 * Edit markers: every benchmark edit inserts the text `~E<id>~`, and observers find edits by
 * searching the raw bytes of incoming sync messages for it, without decoding a single Yjs struct.
 *
 * This works because a Yjs V1 update stores inserted text as a plain UTF-8 varString (ContentString),
 * so the marker appears verbatim in the update that carries it, in any update or sync step 2 that a
 * server derives from it (Y.mergeUpdates, encodeStateAsUpdate), and stays contiguous: each writer only
 * appends to its own paragraph, so nobody inserts inside a marker, and when a server merges a writer's
 * consecutive inserts the markers just follow each other (`~E4~~E9~`). `Buffer.indexOf` is a native
 * search, so finding markers costs about as much as receiving the bytes.
 *
 * Measured on the 2-core bench machine for the fan-out's 28-byte update messages, per received
 * message: scanning for markers 0.6 µs, `Y.decodeUpdate` 5.8 µs, `Y.applyUpdate` into the client's
 * own Y.Doc 25 µs. The default fan-out receives about 200,000 messages: applying them would cost the
 * harness about 5 CPU seconds, three times what the whole harness (ws framing included) costs now and
 * more than the servers it measures; scanning costs about 0.1 s.
 */

const OPEN = Buffer.from('~E')
const TILDE = 0x7e
const ZERO = 0x30
const NINE = 0x39

/** The text a benchmark edit inserts for edit `id`. */
export function markerText(id: number): string {
  return `~E${id}~`
}

/** Calls `onEdit` with the id of every marker in `data` from byte `from` on. */
export function scanMarkers(data: Buffer, from: number, onEdit: (id: number) => void): void {
  let at = data.indexOf(OPEN, from)
  while (at !== -1) {
    let pos = at + 2
    let id = 0
    let digits = 0
    for (let byte = data[pos]; byte !== undefined && byte >= ZERO && byte <= NINE; byte = data[++pos]) {
      id = id * 10 + (byte - ZERO)
      digits++
    }
    if (digits > 0 && data[pos] === TILDE) onEdit(id)
    at = data.indexOf(OPEN, pos)
  }
}
