/**
 * Builders of y-websocket protocol messages (see server/src/sync/protocol.ts for the format), for
 * tests that speak the protocol without a provider: well-formed ones, and the raw pieces hostile
 * ones are made of.
 */
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

/** Message type 3: "send me every awareness state". */
export const QUERY_AWARENESS: Uint8Array = Uint8Array.of(3)

/** A sync message (type 0) of `syncType` (0 step 1, 1 step 2, 2 update) carrying `payload`. */
export function syncMessage(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, syncType)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

/** A live update message carrying `update`. */
export const updateMessage = (update: Uint8Array): Uint8Array => syncMessage(2, update)

/** One entry of an awareness update; `state` is written as given when it is a string. */
export type AwarenessEntry = { clientId: number; clock: number; state: unknown }

/** An awareness message (type 1) carrying `entries`. */
export function awarenessMessage(entries: readonly AwarenessEntry[]): Uint8Array {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(inner, entry.clientId)
    encoding.writeVarUint(inner, entry.clock)
    encoding.writeVarString(
      inner,
      typeof entry.state === 'string' ? entry.state : JSON.stringify(entry.state),
    )
  }
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner))
  return encoding.toUint8Array(encoder)
}

/** The V1 update of what `change` does to a fresh document whose client id is `clientId`. */
export function updateOf(change: (doc: Y.Doc) => void, clientId?: number): Uint8Array {
  const doc = new Y.Doc()
  if (clientId !== undefined) doc.clientID = clientId
  change(doc)
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}

/** A paragraph of `text` appended to the `content` fragment of a fresh document, as an update. */
export function paragraphUpdate(text: string, clientId?: number): Uint8Array {
  return updateOf((doc) => {
    const element = new Y.XmlElement('paragraph')
    element.insert(0, [new Y.XmlText(text)])
    doc.getXmlFragment('content').insert(0, [element])
  }, clientId)
}
