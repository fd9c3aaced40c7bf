/**
 * Awareness updates as a list of entries, to inspect and rewrite what a peer announces before it
 * is applied and relayed (the wire form is in protocol.ts: `varUint(n) n * (varUint(clientId)
 * varUint(clock) varString(JSON state))`). Only for updates the protocol decoder has validated.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/** One client's announced state: `state` is null when the client leaves. */
export type AwarenessEntry = { clientId: number; clock: number; state: unknown }

/** The entries of a validated awareness update. */
export function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    entries.push({ clientId, clock, state: JSON.parse(decoding.readVarString(decoder)) })
  }
  return entries
}

/** The awareness update holding `entries`. */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, JSON.stringify(entry.state))
  }
  return encoding.toUint8Array(encoder)
}
