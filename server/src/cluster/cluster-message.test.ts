import { describe, expect, it } from 'vitest'
import {
  CLUSTER_MESSAGE_VERSION,
  type ClusterMessage,
  ClusterMessageError,
  decodeClusterMessage,
  encodeClusterMessage,
} from './cluster-message'

const EVERY_TYPE: ClusterMessage[] = [
  {
    type: 'update',
    from: 'web-1',
    noticeId: 'n-1',
    seq: 2 ** 40,
    sentAt: 1_700_000_000_123.25,
    update: Uint8Array.of(1, 2, 3),
  },
  { type: 'awareness', from: 'web-1', noticeId: 'n-1', update: Uint8Array.of(1, 0) },
  { type: 'query', from: 'web-2', noticeId: 'réunion' },
  { type: 'gone', from: 'web-2', noticeId: 'n-1', clientIds: [1, 2 ** 31, 7] },
  { type: 'deleted', from: 'web-3', noticeId: 'n-1' },
  { type: 'heartbeat', from: 'web-3' },
  { type: 'bye', from: 'web-3' },
]

describe('cluster messages', () => {
  it('decode to exactly what was encoded, for every type', () => {
    for (const message of EVERY_TYPE)
      expect(decodeClusterMessage(encodeClusterMessage(message))).toEqual(message)
  })

  it('refuse another version, an unknown type, trailing bytes and truncation, naming the problem', () => {
    const heartbeat = encodeClusterMessage({ type: 'heartbeat', from: 'a' })
    expect(() =>
      decodeClusterMessage(Uint8Array.of(CLUSTER_MESSAGE_VERSION + 1, ...heartbeat.slice(1))),
    ).toThrow(/version 2 is not 1/)
    expect(() => decodeClusterMessage(Uint8Array.of(CLUSTER_MESSAGE_VERSION, 99, 1, 97))).toThrow(
      /Unknown cluster message type 99/,
    )
    expect(() => decodeClusterMessage(Uint8Array.of(...heartbeat, 0))).toThrow(/trailing bytes/)
    const update = encodeClusterMessage(EVERY_TYPE[0] as ClusterMessage)
    expect(() => decodeClusterMessage(update.slice(0, -1))).toThrow(ClusterMessageError)
    expect(() => decodeClusterMessage(new Uint8Array(0))).toThrow(/Undecodable cluster message of 0 bytes/)
  })
})
