import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as prng from 'lib0/prng'
import { describe, expect, it } from 'vitest'
import { readAuthMessage } from 'y-protocols/auth'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import {
  type AwarenessEntry,
  decodeAwarenessEntries,
  decodeMessage,
  encodeAwarenessEntries,
  encodeAwarenessMessage,
  encodeMessage,
  MessageDecodeError,
  type SyncMessage,
} from './sync-messages'

function sampleDoc(): Y.Doc {
  const doc = new Y.Doc()
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText('Ordre du jour')])
  doc.getXmlFragment('content').insert(0, [paragraph])
  doc.getMap('meta').set('title', 'Avis')
  return doc
}

const build = (fill: (encoder: encoding.Encoder) => void): Uint8Array => {
  const encoder = encoding.createEncoder()
  fill(encoder)
  return encoding.toUint8Array(encoder)
}

function refusal(decode: () => unknown): MessageDecodeError {
  try {
    decode()
  } catch (error) {
    if (error instanceof MessageDecodeError) return error
    throw new Error(`threw something other than a MessageDecodeError: ${String(error)}`, { cause: error })
  }
  throw new Error('the bytes were accepted')
}

const everyMessage = (doc: Y.Doc): SyncMessage[] => [
  { type: 'sync-step-1', stateVector: Y.encodeStateVector(doc) },
  { type: 'sync-step-1', stateVector: Y.encodeStateVector(new Y.Doc()) },
  { type: 'sync-step-2', update: Y.encodeStateAsUpdate(doc) },
  { type: 'update', update: Y.encodeStateAsUpdate(doc) },
  {
    type: 'awareness',
    update: encodeAwarenessEntries([{ clientId: 7, clock: 2, state: { user: 'Amina' } }]),
  },
  { type: 'query-awareness' },
  { type: 'permission-denied', reason: 'Un lecteur ne peut pas modifier le texte' },
]

describe('encodeMessage and decodeMessage', () => {
  it('read back every message they write', () => {
    for (const message of everyMessage(sampleDoc())) {
      expect(decodeMessage(encodeMessage(message)), message.type).toEqual(message)
    }
  })

  it('write what y-protocols writes, and read what it writes', () => {
    const doc = sampleDoc()
    const theirs = build((encoder) => {
      encoding.writeVarUint(encoder, 0)
      syncProtocol.writeSyncStep1(encoder, doc)
    })
    expect(encodeMessage({ type: 'sync-step-1', stateVector: Y.encodeStateVector(doc) })).toEqual(theirs)
    const step2 = build((encoder) => {
      encoding.writeVarUint(encoder, 0)
      syncProtocol.writeSyncStep2(encoder, doc)
    })
    expect(decodeMessage(step2)).toEqual({ type: 'sync-step-2', update: Y.encodeStateAsUpdate(doc) })

    const awareness = new Awareness(doc)
    awareness.setLocalStateField('user', { name: 'Amina' })
    const presence = encodeAwarenessUpdate(awareness, [doc.clientID])
    expect(decodeAwarenessEntries(presence)).toEqual([
      { clientId: doc.clientID, clock: 1, state: { user: { name: 'Amina' } } },
    ])
    const elsewhere = new Awareness(new Y.Doc())
    applyAwarenessUpdate(elsewhere, encodeAwarenessEntries(decodeAwarenessEntries(presence)), 'test')
    expect(elsewhere.getStates().get(doc.clientID)).toEqual({ user: { name: 'Amina' } })
    awareness.destroy()
    elsewhere.destroy()

    const denied = decoding.createDecoder(encodeMessage({ type: 'permission-denied', reason: 'lecteur' }))
    expect(decoding.readVarUint(denied)).toBe(2)
    let reason = ''
    readAuthMessage(denied, doc, (_doc, text) => {
      reason = text
    })
    expect(reason).toBe('lecteur')
  })

  it('returns private copies, so a reused receive buffer cannot change a decoded update', () => {
    const doc = sampleDoc()
    const data = encodeMessage({ type: 'update', update: Y.encodeStateAsUpdate(doc) })
    const message = decodeMessage(data)
    data.fill(0)
    expect(message).toEqual({ type: 'update', update: Y.encodeStateAsUpdate(doc) })
  })

  it('refuses malformed bytes with a MessageDecodeError naming the problem', () => {
    const cases: [Uint8Array, string | RegExp][] = [
      [new Uint8Array(0), 'Malformed message: empty'],
      [Uint8Array.of(7), 'Unknown message type 7'],
      [Uint8Array.of(0, 5, 0), 'Unknown sync message type 5'],
      [Uint8Array.of(0x80), /^Malformed message: cannot read the message type/],
      [Uint8Array.of(0, 2, 9, 1), 'Malformed message: the update claims 9 bytes but only 1 follow'],
      [Uint8Array.of(3, 0), 'Malformed message: 1 unexpected bytes after the awareness query'],
      [Uint8Array.of(0, 1, 1, 0, 4), 'Malformed message: 1 unexpected bytes after the sync step 2'],
      [Uint8Array.of(0, 0, 2, 1, 5), 'Malformed sync step 1: not a valid Yjs state vector'],
      [Uint8Array.of(0, 0, 2, 0, 0), 'Malformed message: 1 unexpected bytes after the state vector'],
      [Uint8Array.of(1, 1, 0, 0), 'Malformed message: 1 unexpected bytes after the awareness message'],
      [Uint8Array.of(2, 1, 0), 'Unknown auth message type 1'],
      [Uint8Array.of(2, 0, 2, 0xc3, 0x28), 'Malformed message: the permission-denied reason is not UTF-8'],
      [
        Uint8Array.of(2, 0, 0, 9),
        'Malformed message: 1 unexpected bytes after the permission-denied message',
      ],
    ]
    for (const [data, message] of cases) {
      const error = refusal(() => decodeMessage(data))
      expect(error.message, String(data)).toMatch(message)
      expect(error.problem).toBe('malformed')
    }
  })

  it('refuses an auth message from a client as an unknown type', () => {
    const denied = encodeMessage({ type: 'permission-denied', reason: 'x' })
    expect(decodeMessage(denied, 'server').type).toBe('permission-denied')
    expect(refusal(() => decodeMessage(denied, 'client')).message).toBe('Unknown message type 2')
    expect(refusal(() => decodeMessage(Uint8Array.of(2, 0), 'client')).message).toBe('Unknown message type 2')
  })

  it('only ever refuses mutated messages with a MessageDecodeError (seeded: the seed is in the message)', () => {
    const valid = everyMessage(sampleDoc()).map(encodeMessage)
    for (let seed = 1; seed <= 2000; seed++) {
      const gen = prng.create(seed)
      const mutated = Array.from(prng.oneOf(gen, valid))
      for (let edits = prng.uint32(gen, 1, 4); edits > 0; edits--) {
        const at = prng.uint32(gen, 0, Math.max(0, mutated.length - 1))
        const kind = prng.uint32(gen, 0, 2)
        if (kind === 0) mutated[at] = prng.uint32(gen, 0, 255)
        else if (kind === 1) mutated.splice(at, 1)
        else mutated.splice(at, 0, prng.uint32(gen, 0, 255))
      }
      try {
        decodeMessage(Uint8Array.from(mutated))
      } catch (error) {
        expect(error, `seed ${seed}`).toBeInstanceOf(MessageDecodeError)
      }
    }
  })
})

describe('encodeAwarenessEntries and decodeAwarenessEntries', () => {
  const entries: AwarenessEntry[] = [
    { clientId: 1, clock: 1, state: { user: { name: 'Amina', colour: '#0b57a8' }, cursor: null } },
    { clientId: 2 ** 31, clock: 40, state: null },
    { clientId: 3, clock: 0, state: {} },
  ]

  it('read back the entries they write, leaving clients (state null) included', () => {
    expect(decodeAwarenessEntries(encodeAwarenessEntries(entries))).toEqual(entries)
    expect(decodeAwarenessEntries(encodeAwarenessEntries([]))).toEqual([])
    const message = decodeMessage(encodeAwarenessMessage(entries))
    expect(message.type === 'awareness' && decodeAwarenessEntries(message.update)).toEqual(entries)
  })

  it('refuses a state over the given limit as too large, before parsing it', () => {
    const state = { name: 'x'.repeat(100) }
    const update = encodeAwarenessEntries([{ clientId: 7, clock: 1, state }])
    expect(decodeAwarenessEntries(update, { maxStateBytes: 200 })).toHaveLength(1)
    const error = refusal(() => decodeAwarenessEntries(update, { maxStateBytes: 50 }))
    expect(error).toMatchObject({
      problem: 'too-large',
      message: `Awareness state of client 7 is ${JSON.stringify(state).length} bytes, over the limit of 50 bytes`,
    })
  })

  it('refuses an update of more entries than the given limit as too large, before reading them', () => {
    const entries = [1, 2, 3].map((clientId) => ({ clientId, clock: 1, state: {} }))
    expect(decodeAwarenessEntries(encodeAwarenessEntries(entries), { maxEntries: 3 })).toHaveLength(3)
    // A count of a billion entries and nothing after it: refused on the count alone.
    const huge = build((encoder) => encoding.writeVarUint(encoder, 1_000_000_000))
    expect(refusal(() => decodeAwarenessEntries(huge, { maxEntries: 3 }))).toMatchObject({
      problem: 'too-large',
      message: 'Awareness update of 1000000000 entries, over the limit of 3 entries',
    })
  })

  it('refuses states that are not UTF-8 JSON, truncated entries and trailing bytes', () => {
    const notJson = build((encoder) => {
      encoding.writeVarUint(encoder, 1)
      encoding.writeVarUint(encoder, 5)
      encoding.writeVarUint(encoder, 1)
      encoding.writeVarString(encoder, '{not json')
    })
    expect(refusal(() => decodeAwarenessEntries(notJson)).message).toBe(
      'Malformed awareness update: entry 0 is not UTF-8 JSON',
    )
    expect(refusal(() => decodeAwarenessEntries(Uint8Array.of(2, 1, 1, 2, 0x7b, 0x7d))).message).toMatch(
      /cannot read the awareness client id/,
    )
    expect(refusal(() => decodeAwarenessEntries(Uint8Array.of(0, 0))).message).toBe(
      'Malformed message: 1 unexpected bytes after the awareness update',
    )
    expect(refusal(() => decodeAwarenessEntries(Uint8Array.of(1, 1, 1, 9, 0x7b))).message).toBe(
      'Malformed message: the awareness state claims 9 bytes but only 1 follow',
    )
  })
})
