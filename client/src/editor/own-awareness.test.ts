import { describe, expect, it } from 'vitest'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { sendOwnAwarenessOnly } from './own-awareness'

type Changes = { added: number[]; updated: number[]; removed: number[] }

/** A provider that never connects: Node 20 has no WebSocket, and none is ever opened here. */
function unconnectedProvider(): WebsocketProvider {
  const neverOpened = class {} as unknown as typeof WebSocket
  return new WebsocketProvider('ws://127.0.0.1:9', 'notice', new Y.Doc(), {
    connect: false,
    WebSocketPolyfill: neverOpened,
  })
}

describe('sending only this browser’s presence', () => {
  it('finds the provider’s awareness sender where y-websocket 3.1.0 keeps it', () => {
    const provider = unconnectedProvider()
    const handler = provider._awarenessUpdateHandler
    expect(typeof handler).toBe('function')
    // The sender is the function the provider registered on its awareness.
    const observers = (provider.awareness as unknown as { _observers: Map<string, Set<unknown>> })._observers
    expect(observers.get('update')?.has(handler)).toBe(true)
    provider.destroy()
  })

  it('sends this client’s own changes once per window, and never another client’s state', async () => {
    const provider = unconnectedProvider()
    const sent: Changes[] = []
    provider.awareness.off('update', provider._awarenessUpdateHandler)
    provider._awarenessUpdateHandler = (changes: Changes) => void sent.push(changes)
    provider.awareness.on('update', provider._awarenessUpdateHandler)
    sendOwnAwarenessOnly(provider, 10)

    provider.awareness.setLocalStateField('cursor', 1)
    provider.awareness.setLocalStateField('cursor', 2)
    const other = new Awareness(new Y.Doc())
    other.setLocalState({ user: { name: 'someone else' } })
    applyAwarenessUpdate(provider.awareness, encodeAwarenessUpdate(other, [other.clientID]), 'server')
    await new Promise((done) => setTimeout(done, 30))

    const own = provider.awareness.clientID
    expect(sent).toEqual([{ added: [], updated: [own], removed: [] }])
    provider.destroy()
  })
})
