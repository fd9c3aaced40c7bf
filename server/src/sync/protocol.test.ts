import { encodeAwarenessMessage } from '@convene/protocol'
import * as encoding from 'lib0/encoding'
import * as prng from 'lib0/prng'
import { describe, expect, it } from 'vitest'
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { CLOSE_CODES, decodeClientMessage, ProtocolError } from './protocol'

const limits = { maxMessageBytes: 64 * 1024, maxAwarenessBytes: 1024 }

const build = (write: (encoder: encoding.Encoder) => void): Uint8Array => {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

function sampleDoc(): Y.Doc {
  const doc = new Y.Doc()
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText('Ordre du jour')])
  doc.getXmlFragment('content').insert(0, [paragraph])
  doc.getMap('meta').set('title', 'Avis')
  return doc
}

/** An awareness message of `[clientId, JSON state]` entries (clock 1 each). */
const presenceOf = (entries: [number, string][]): Uint8Array =>
  encodeAwarenessMessage(
    entries.map(([clientId, state]) => ({ clientId, clock: 1, state: JSON.parse(state) })),
  )

function refusal(data: Uint8Array): ProtocolError {
  try {
    decodeClientMessage(data, limits)
  } catch (error) {
    if (error instanceof ProtocolError) return error
    throw new Error(`threw something other than a ProtocolError: ${String(error)}`, { cause: error })
  }
  throw new Error('the message was accepted')
}

describe('decodeClientMessage', () => {
  it('decodes the messages a y-protocols client sends', () => {
    const doc = sampleDoc()
    const step1 = build((encoder) => {
      encoding.writeVarUint(encoder, 0)
      syncProtocol.writeSyncStep1(encoder, doc)
    })
    const step2 = build((encoder) => {
      encoding.writeVarUint(encoder, 0)
      syncProtocol.writeSyncStep2(encoder, doc)
    })
    const update = build((encoder) => {
      encoding.writeVarUint(encoder, 0)
      syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc))
    })
    const awareness = new Awareness(doc)
    awareness.setLocalStateField('user', { name: 'Amina' })
    const presence = build((encoder) => {
      encoding.writeVarUint(encoder, 1)
      encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [doc.clientID]))
    })
    awareness.destroy()

    expect(decodeClientMessage(step1, limits)).toEqual({
      type: 'sync-step-1',
      stateVector: Y.encodeStateVector(doc),
    })
    expect(decodeClientMessage(step2, limits)).toEqual({
      type: 'sync-step-2',
      update: Y.encodeStateAsUpdate(doc),
    })
    expect(decodeClientMessage(update, limits)).toEqual({
      type: 'update',
      update: Y.encodeStateAsUpdate(doc),
    })
    expect(decodeClientMessage(presence, limits).type).toBe('awareness')
    expect(decodeClientMessage(Uint8Array.of(3), limits)).toEqual({ type: 'query-awareness' })
  })

  it('refuses malformed messages with 4400, naming the problem', () => {
    expect(refusal(new Uint8Array(0)).message).toBe('Malformed message: empty')
    expect(refusal(Uint8Array.of(7)).message).toBe('Unknown message type 7')
    expect(refusal(Uint8Array.of(2, 0)).message).toBe('Unknown message type 2')
    expect(refusal(Uint8Array.of(0, 5, 0)).message).toBe('Unknown sync message type 5')
    expect(refusal(Uint8Array.of(0x80)).message).toMatch(/cannot read the message type/)
    expect(refusal(Uint8Array.of(0, 2, 9, 1)).message).toBe(
      'Malformed message: the update claims 9 bytes but only 1 follow',
    )
    expect(refusal(Uint8Array.of(3, 0)).message).toBe(
      'Malformed message: 1 unexpected bytes after the awareness query',
    )
    expect(refusal(Uint8Array.of(0, 0, 2, 1, 5)).message).toMatch(/state vector/)
    expect(refusal(Uint8Array.of(0, 2, 3, 0xde, 0xad, 0xbe)).message).toBe(
      'Malformed update: not a valid Yjs V1 update',
    )
    for (const data of [Uint8Array.of(7), Uint8Array.of(0x80), Uint8Array.of(0, 2, 9, 1)]) {
      expect(refusal(data).closeCode).toBe(CLOSE_CODES.MALFORMED_MESSAGE)
    }
  })

  it('refuses a V2 update, which this server never decodes', () => {
    const doc = sampleDoc()
    const v2 = build((encoder) => {
      encoding.writeVarUint(encoder, 0)
      encoding.writeVarUint(encoder, 2)
      encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdateV2(doc))
    })
    expect(refusal(v2).closeCode).toBe(CLOSE_CODES.MALFORMED_MESSAGE)
  })

  it('refuses messages and presence over the limits with 4413', () => {
    const big = new Uint8Array(limits.maxMessageBytes + 1)
    expect(refusal(big).closeCode).toBe(CLOSE_CODES.MESSAGE_TOO_LARGE)
    const state = JSON.stringify({ name: 'x'.repeat(limits.maxAwarenessBytes) })
    expect(refusal(presenceOf([[7, state]]))).toMatchObject({
      closeCode: CLOSE_CODES.MESSAGE_TOO_LARGE,
      message: `Awareness state of client 7 is ${state.length} bytes, over the limit of ${limits.maxAwarenessBytes} bytes`,
    })
  })

  it('limits each presence state, not the update: echoes of every state a joiner received pass', () => {
    const state = JSON.stringify({ name: 'x'.repeat(limits.maxAwarenessBytes - 100) })
    const echo = presenceOf([
      [1, state],
      [2, state],
      [3, state],
    ])
    expect(echo.length).toBeGreaterThan(3 * limits.maxAwarenessBytes - 300)
    expect(decodeClientMessage(echo, limits).type).toBe('awareness')
  })

  it('returns private copies, so a reused receive buffer cannot change an accepted update', () => {
    const doc = sampleDoc()
    const data = build((encoder) => {
      encoding.writeVarUint(encoder, 0)
      syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc))
    })
    const message = decodeClientMessage(data, limits)
    data.fill(0)
    expect(message).toEqual({ type: 'update', update: Y.encodeStateAsUpdate(doc) })
  })

  it('only ever refuses mutated messages with a ProtocolError, and what it accepts applies or throws, never hangs', () => {
    const doc = sampleDoc()
    const valid = build((encoder) => {
      encoding.writeVarUint(encoder, 0)
      syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc))
    })
    for (let seed = 1; seed <= 3000; seed++) {
      const gen = prng.create(seed)
      const mutated = Array.from(valid)
      const edits = prng.uint32(gen, 1, 4)
      for (let i = 0; i < edits; i++) {
        const at = prng.uint32(gen, 0, mutated.length - 1)
        const kind = prng.real53(gen)
        if (kind < 0.5) mutated[at] = prng.uint32(gen, 0, 255)
        else if (kind < 0.75) mutated.splice(at, 1)
        else mutated.splice(at, 0, prng.uint32(gen, 0, 255))
      }
      let message: ReturnType<typeof decodeClientMessage> | null = null
      try {
        message = decodeClientMessage(Uint8Array.from(mutated), limits)
      } catch (error) {
        expect(error, `seed ${seed}`).toBeInstanceOf(ProtocolError)
      }
      if (message && (message.type === 'update' || message.type === 'sync-step-2')) {
        const target = new Y.Doc()
        try {
          Y.applyUpdate(target, message.update)
        } catch {
          // A decodable update may still fail to integrate; the room closes its sender then.
        }
        target.destroy()
      }
    }
  })
})
