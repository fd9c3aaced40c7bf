/**
 * Reading which clients a y-protocols awareness update is about, without applying it: the
 * cluster link needs to know whose presence an instance announced, to withdraw it when that
 * instance goes away.
 *
 * ```
 * awarenessUpdate = varUint(n) n * ( varUint(clientId) varUint(clock) varString(JSON state) )
 * ```
 * A state of `null` withdraws the client.
 */
import * as decoding from 'lib0/decoding'

/** One client named in an awareness update. */
export type AwarenessClient = { clientId: number; removed: boolean }

/** The clients `update` names, in order. Throws a RangeError naming the problem on bad bytes. */
export function awarenessClients(update: Uint8Array): AwarenessClient[] {
  try {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    // Each entry takes at least three bytes: a claim of more is a lie, refused before allocating.
    if (count * 3 > update.length) throw new RangeError(`claims ${count} clients in ${update.length} bytes`)
    const clients: AwarenessClient[] = []
    for (let index = 0; index < count; index++) {
      const clientId = decoding.readVarUint(decoder)
      decoding.readVarUint(decoder)
      clients.push({ clientId, removed: decoding.readVarString(decoder) === 'null' })
    }
    return clients
  } catch (cause) {
    throw new RangeError(`Undecodable awareness update of ${update.length} bytes`, { cause })
  }
}
