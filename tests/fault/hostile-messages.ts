/**
 * Hostile y-websocket messages: the published reproductions of Yjs decoder hangs (yjs#498,
 * yjs#479, yjs#687), hand-built ones that declare absurd counts and lengths, updates that cost
 * Yjs far more than their size, and a seeded generator of random and mutated messages. Everything
 * that might be accepted only ever touches a root type of its own (`fuzz`), never the notice.
 */

import { encodeAwarenessMessage, encodeMessage } from '@convene/protocol'
import * as encoding from 'lib0/encoding'
import * as prng from 'lib0/prng'
import * as Y from 'yjs'
import { updateOf } from '../support/notice-content'

/** One hostile message and, when it is certain, the close code the server must answer it with. */
export type HostileMessage = { name: string; bytes: Uint8Array; code?: number }

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values)
const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'))

/** A varUint as bytes. */
function varUint(value: number): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, value)
  return encoding.toUint8Array(encoder)
}

const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(Buffer.concat(parts))

const QUERY_AWARENESS = encodeMessage({ type: 'query-awareness' })

/** A V1 update with one map entry in the `fuzz` root, from client `clientId`: harmless if accepted. */
export const fuzzUpdate = (clientId = 424242, value: unknown = 'fuzz'): Uint8Array =>
  updateOf((doc) => doc.getMap('fuzz').set('k', value), clientId)

/**
 * A V1 update in which each of `clients` client ids sets the same key of the `fuzz` map with no
 * origin: integrating them compares each with all the others (20,000 take Yjs about 8 s, 40,000
 * about 30 s, in well under 1 MiB).
 */
export function manyClientsUpdate(clients: number): Uint8Array {
  const sample = fuzzUpdate(1, 0)
  // varUint(1 client) varUint(1 struct) varUint(client 1) varUint(clock 0) <struct> varUint(0 deletions)
  const struct = sample.subarray(4, sample.length - 1)
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

/** A V1 update with no structs and `ranges` one-item deletions of a client no one knows. */
export function manyDeletionsUpdate(ranges: number): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint(encoder, 777_777)
  encoding.writeVarUint(encoder, ranges)
  for (let range = 0; range < ranges; range++) {
    encoding.writeVarUint(encoder, range * 2)
    encoding.writeVarUint(encoder, 1)
  }
  return encoding.toUint8Array(encoder)
}

/** The V2 encoding of a small real document (the `fuzz` root only). */
function v2Update(): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = 515151
  doc.getMap('fuzz').set('k', 'v2')
  doc.getArray<string>('fuzz-list').insert(0, ['a', 'b'])
  return Y.encodeStateAsUpdateV2(doc)
}

/**
 * The reproductions published in the Yjs tracker, and hand-built messages that declare absurd
 * sizes, each with the close code the server must answer. The yjs#687 payloads are the test
 * vectors of yjs/yjs `tests/limits.tests.js` (V2-encoded updates that loop or exhaust memory in
 * `mergeUpdatesV2` / `applyUpdateV2`); sent where a V1 update belongs, they must be refused
 * without ever reaching a V2 decoder.
 */
export function publishedReproductions(): HostileMessage[] {
  const update = (payload: Uint8Array): Uint8Array => encodeMessage({ type: 'update', update: payload })
  const step2 = (payload: Uint8Array): Uint8Array => encodeMessage({ type: 'sync-step-2', update: payload })
  const yjs687 = {
    'merge with 4398046511101 structs': hex('00010000000001000100010200001602000001fdffffffff7f0000'),
    'merge with 265828 updates (V1)': bytes(
      228,
      156,
      16,
      0,
      5,
      255,
      255,
      5,
      0,
      1,
      0,
      0,
      0,
      1,
      1,
      0,
      0,
      0,
      237,
      0,
      0,
      0,
      1,
      1,
      0,
      254,
      184,
      194,
      233,
      173,
      135,
      217,
      18,
      0,
      0,
      1,
      1,
      255,
      237,
      246,
    ),
    'merge with 7658324286 updates (V2)': bytes(
      228,
      149,
      0,
      0,
      1,
      24,
      0,
      0,
      1,
      0,
      1,
      0,
      0,
      1,
      0,
      0,
      237,
      1,
      190,
      130,
      227,
      195,
      28,
      1,
      2,
      228,
      149,
      0,
      0,
      1,
      24,
      0,
      0,
      1,
      24,
      0,
      0,
      1,
      0,
      1,
      237,
      0,
    ),
    'a GC item of length 553253': bytes(
      143,
      1,
      128,
      0,
      0,
      0,
      1,
      170,
      1,
      0,
      1,
      2,
      0,
      0,
      22,
      2,
      0,
      229,
      196,
      67,
      20,
      231,
      166,
      139,
      147,
      174,
      181,
      253,
      93,
      232,
      38,
      154,
      138,
      89,
      0,
      49,
      213,
      15,
      18,
      1,
      48,
      0,
      0,
      0,
    ),
    'one update of 267854847 structs': bytes(
      0,
      1,
      35,
      0,
      0,
      0,
      1,
      2,
      129,
      0,
      0,
      16,
      0,
      199,
      220,
      0,
      196,
      122,
      128,
      0,
      65,
      171,
      234,
      214,
      0,
      1,
      0,
      0,
      1,
      0,
      0,
      132,
      0,
      0,
      16,
      255,
      199,
      220,
      255,
      0,
      0,
      0,
    ),
  }
  const cases: HostileMessage[] = [
    // yjs#498: Y.applyUpdate(doc, new Uint8Array()) looped in readVarUint.
    { name: 'yjs#498 an empty update', bytes: update(new Uint8Array(0)), code: 4400 },
    { name: 'yjs#498 an empty sync step 2', bytes: step2(new Uint8Array(0)), code: 4400 },
    // yjs#479: Y.applyUpdate(doc, Buffer.from('garbagedoc', 'base64')) hung.
    {
      name: 'yjs#479 "garbagedoc" as an update',
      bytes: update(Uint8Array.from(Buffer.from('garbagedoc', 'base64'))),
      code: 4400,
    },
    {
      name: 'yjs#479 "garbagedoc" as a whole message',
      bytes: Uint8Array.from(Buffer.from('garbagedoc', 'base64')),
      code: 4400,
    },
    ...Object.entries(yjs687).flatMap(([name, payload]) => [
      { name: `yjs#687 ${name}, as an update`, bytes: update(payload), code: 4400 },
      { name: `yjs#687 ${name}, as a sync step 2`, bytes: step2(payload), code: 4400 },
    ]),
    { name: 'a V2 update sent as V1', bytes: update(v2Update()), code: 4400 },
    {
      name: 'an empty V2 update sent as V1',
      bytes: update(Y.encodeStateAsUpdateV2(new Y.Doc())),
      code: 4400,
    },
    {
      name: 'an update declaring 2^32 structs',
      bytes: update(concat(varUint(1), varUint(2 ** 32), varUint(7), varUint(0), bytes(0))),
      code: 4400,
    },
    {
      name: 'an update declaring 2^53 - 1 structs',
      bytes: update(concat(varUint(1), varUint(Number.MAX_SAFE_INTEGER), varUint(7), varUint(0))),
      code: 4400,
    },
    {
      name: 'an update declaring 2^32 clients',
      bytes: update(concat(varUint(2 ** 32), bytes(1, 7, 0))),
      code: 4400,
    },
    {
      name: 'an update declaring 2^31 deleted ranges',
      bytes: update(concat(varUint(0), varUint(1), varUint(7), varUint(2 ** 31), bytes(0, 1))),
      code: 4400,
    },
    {
      name: 'a message declaring a 2 GiB update',
      bytes: concat(bytes(0, 2), varUint(2 ** 31), fuzzUpdate()),
      code: 4400,
    },
    {
      name: 'a state vector declaring 2^32 entries',
      bytes: encodeMessage({ type: 'sync-step-1', stateVector: concat(varUint(2 ** 32), bytes(1, 1)) }),
      code: 4400,
    },
    {
      name: 'awareness declaring 2^32 entries',
      bytes: concat(bytes(1), varUint(6), varUint(2 ** 32), bytes(1)),
      // More entries than a connection may speak for is refused as too large, before any is read.
      code: 4413,
    },
    {
      name: 'awareness declaring a 2 GiB state',
      bytes: concat(bytes(1), varUint(9), bytes(1, 9, 1), varUint(2 ** 31), bytes(0x7b)),
      code: 4400,
    },
    { name: 'a truncated varint', bytes: bytes(0x80), code: 4400 },
    {
      name: 'a varint of 10 continuation bytes',
      bytes: bytes(0, 2, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80),
      code: 4400,
    },
    { name: 'an unknown message type', bytes: bytes(9), code: 4400 },
    { name: 'an unknown message type of 2^32', bytes: varUint(2 ** 32), code: 4400 },
    { name: 'an auth message from a client', bytes: bytes(2, 0, 0), code: 4400 },
    {
      name: 'an unknown sync message type',
      bytes: concat(bytes(0, 7), varUint(fuzzUpdate().length), fuzzUpdate()),
      code: 4400,
    },
    { name: 'a query with trailing bytes', bytes: concat(QUERY_AWARENESS, bytes(0)), code: 4400 },
    // Well-formed and harmless: must be accepted (the connection stays), and change no notice.
    { name: 'an empty V1 update', bytes: update(Y.encodeStateAsUpdate(new Y.Doc())) },
    { name: 'an empty V1 sync step 2', bytes: step2(Y.encodeStateAsUpdate(new Y.Doc())) },
    // Well-formed, small, and far too costly to apply: refused by the update budget.
    {
      name: 'an update of 40,000 client ids on one map key',
      bytes: update(manyClientsUpdate(40_000)),
      code: 4413,
    },
    { name: 'an update of 200,000 deleted ranges', bytes: update(manyDeletionsUpdate(200_000)), code: 4413 },
  ]
  return cases
}

/** The valid messages random mutations start from. */
function seedMessages(random: prng.PRNG): Uint8Array[] {
  const doc = new Y.Doc()
  doc.clientID = prng.uint32(random, 1_000_000, 2_000_000)
  doc.getMap('fuzz').set('k', prng.real53(random))
  doc.getText('fuzz-text').insert(0, 'hostile')
  doc.getArray<number>('fuzz-list').insert(0, [1, 2, 3])
  return [
    encodeMessage({ type: 'update', update: Y.encodeStateAsUpdate(doc) }),
    encodeMessage({ type: 'sync-step-2', update: Y.encodeStateAsUpdate(doc) }),
    encodeMessage({ type: 'sync-step-1', stateVector: Y.encodeStateVector(doc) }),
    encodeAwarenessMessage([
      { clientId: doc.clientID, clock: 1, state: { user: { name: 'x' }, cursor: null } },
    ]),
    QUERY_AWARENESS,
  ]
}

/** One random mutation of `message`. */
function mutate(random: prng.PRNG, message: Uint8Array): Uint8Array {
  const out = Array.from(message)
  const at = (): number => prng.uint32(random, 0, Math.max(0, out.length - 1))
  switch (prng.uint32(random, 0, 7)) {
    case 0: // flip a bit
      if (out.length > 0) out[at()] = ((out[at()] ?? 0) ^ (1 << prng.uint32(random, 0, 7))) & 0xff
      break
    case 1: // a random byte
      if (out.length > 0) out[at()] = prng.uint32(random, 0, 255)
      break
    case 2: // a varint continuation byte where a length or count may be
      if (out.length > 0) out[at()] = prng.oneOf(random, [0x80, 0xff, 0x7f])
      break
    case 3: // insert bytes
      out.splice(
        at(),
        0,
        ...Array.from({ length: prng.uint32(random, 1, 4) }, () => prng.uint32(random, 0, 255)),
      )
      break
    case 4: // delete bytes
      out.splice(at(), prng.uint32(random, 1, 4))
      break
    case 5: // truncate
      out.length = prng.uint32(random, 0, out.length)
      break
    case 6: // repeat a slice (run-length fields are then read twice)
      if (out.length > 1) {
        const from = at()
        out.splice(at(), 0, ...out.slice(from, from + prng.uint32(random, 1, 8)))
      }
      break
    default: // trailing garbage
      out.push(...Array.from({ length: prng.uint32(random, 1, 8) }, () => prng.uint32(random, 0, 255)))
  }
  return Uint8Array.from(out)
}

/**
 * `count` random hostile messages for `seed`: random bytes, mutated valid messages, and mutated
 * updates re-framed with a correct length so that they reach the Yjs decoder. Some may happen to
 * decode (then they only touch the `fuzz` roots, which are no part of a notice: refused with 4422).
 */
export function randomHostileMessages(seed: number, count: number): HostileMessage[] {
  const random = prng.create(seed)
  const seeds = seedMessages(random)
  const updatePayload = Y.encodeStateAsUpdate(
    (() => {
      const doc = new Y.Doc()
      doc.clientID = 3_000_000 + seed
      doc.getXmlFragment('fuzz-xml').insert(0, [new Y.XmlElement('paragraph')])
      doc.getMap('fuzz').set('n', seed)
      return doc
    })(),
  )
  const messages: HostileMessage[] = []
  for (let index = 0; index < count; index++) {
    const kind = prng.uint32(random, 0, 2)
    let bytesOut: Uint8Array
    if (kind === 0) {
      const length = prng.real53(random) < 0.9 ? prng.uint32(random, 1, 64) : prng.uint32(random, 65, 4096)
      bytesOut = Uint8Array.from({ length }, () => prng.uint32(random, 0, 255))
    } else if (kind === 1) {
      bytesOut = prng.oneOf(random, seeds)
      for (let mutations = prng.uint32(random, 1, 4); mutations > 0; mutations--)
        bytesOut = mutate(random, bytesOut)
    } else {
      let payload = updatePayload
      for (let mutations = prng.uint32(random, 1, 3); mutations > 0; mutations--)
        payload = mutate(random, payload)
      bytesOut = encodeMessage({
        type: prng.oneOf(random, ['sync-step-2', 'update'] as const),
        update: payload,
      })
    }
    if (bytesOut.length === 0) bytesOut = bytes(0)
    messages.push({
      name: `seed ${seed} message ${index} (${Buffer.from(bytesOut.subarray(0, 24)).toString('hex')}…)`,
      bytes: bytesOut,
    })
  }
  return messages
}
