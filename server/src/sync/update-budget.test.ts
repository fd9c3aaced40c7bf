import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { BudgetedUpdateDecoderV1, UPDATE_BUDGET, UpdateBudgetError } from './update-budget'

/** A V1 update in which `clients` client ids each set key `k` of map `m`, all without origin. */
function conflictingClients(clients: number): Uint8Array {
  const sample = new Y.Doc()
  sample.clientID = 1
  sample.getMap('m').set('k', 0)
  const bytes = Y.encodeStateAsUpdate(sample)
  const struct = bytes.subarray(4, bytes.length - 1)
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, clients)
  for (let client = 1; client <= clients; client++) {
    encoding.writeVarUint(encoder, 1)
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, 0)
    encoding.writeUint8Array(encoder, struct)
  }
  encoding.writeVarUint(encoder, 0)
  return encoding.toUint8Array(encoder)
}

/** A V1 update deleting `ranges` separate one-item ranges of one client. */
function separateDeletions(ranges: number): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint(encoder, 9)
  encoding.writeVarUint(encoder, ranges)
  for (let range = 0; range < ranges; range++) {
    encoding.writeVarUint(encoder, range * 2)
    encoding.writeVarUint(encoder, 1)
  }
  return encoding.toUint8Array(encoder)
}

const decode = (update: Uint8Array) => Y.decodeUpdateV2(update, BudgetedUpdateDecoderV1)

describe('BudgetedUpdateDecoderV1', () => {
  it('decodes updates within the budget exactly as Yjs does', () => {
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'Ordre du jour')
    doc.getText('t').delete(0, 6)
    const update = Y.encodeStateAsUpdate(doc)
    expect(decode(update)).toEqual(Y.decodeUpdate(update))
    expect(decode(conflictingClients(UPDATE_BUDGET.maxClients)).structs).toHaveLength(
      UPDATE_BUDGET.maxClients,
    )
    expect(decode(separateDeletions(UPDATE_BUDGET.maxDeleteRanges)).ds.clients.get(9)).toHaveLength(
      UPDATE_BUDGET.maxDeleteRanges,
    )
  })

  it('gives up at the first client id past the budget, before decoding the rest', () => {
    const update = conflictingClients(40_000)
    const started = performance.now()
    expect(() => decode(update)).toThrow(
      new UpdateBudgetError(`The update has structs of more than ${UPDATE_BUDGET.maxClients} client ids`),
    )
    expect(performance.now() - started).toBeLessThan(250)
  })

  it('gives up at the first deleted range past the budget', () => {
    expect(() => decode(separateDeletions(UPDATE_BUDGET.maxDeleteRanges + 1))).toThrow(
      `The update deletes more than ${UPDATE_BUDGET.maxDeleteRanges} separate ranges`,
    )
  })
})
