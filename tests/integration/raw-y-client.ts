/**
 * A hand-built y-websocket client for permission tests: no provider, every message encoded with
 * lib0 as y-protocols defines it, so a test says exactly what goes on the wire (a sync step 2
 * carrying content, an update to the `meta` map, presence under someone else's client id) and sees
 * exactly what comes back (the auth `permission-denied` message, the close code, the HTTP status
 * of a refused upgrade).
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { WebSocket } from 'ws'
import * as Y from 'yjs'

const SYNC = 0
const AWARENESS = 1
const AUTH = 2

/** One awareness entry to send. */
export type AwarenessOut = { clientId: number; clock: number; state: unknown }

/** What opening a raw client gave: a connected client, or the HTTP status refusing the upgrade. */
export type RawOpen = { client: RawYClient; refused: null } | { client: null; refused: number }

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** One raw connection, with a local replica of the room's document. */
export class RawYClient {
  /** The replica: everything the server sent in sync step 2 and updates. */
  readonly doc = new Y.Doc()
  /** The reasons of every auth permission-denied message received. */
  readonly denied: string[] = []
  /** Every awareness update received, decoded. */
  readonly awareness: AwarenessOut[] = []
  /** Set once the server closed the connection. */
  closedWith: { code: number; reason: string } | null = null
  private readonly socket: WebSocket
  private readonly step2Waiters: ((update: Uint8Array) => void)[] = []
  private readonly closeWaiters: (() => void)[] = []

  private constructor(socket: WebSocket) {
    this.socket = socket
    socket.on('message', (data: Buffer) => this.onMessage(new Uint8Array(data)))
    socket.on('close', (code, reason) => {
      this.closedWith = { code, reason: reason.toString() }
      for (const wake of this.closeWaiters.splice(0)) wake()
    })
  }

  /** Opens `url` with `headers` (cookie, Origin); resolves the client or the refusing HTTP status. */
  static open(url: string, headers: Record<string, string>): Promise<RawOpen> {
    const socket = new WebSocket(url, { headers })
    socket.on('error', () => {})
    return new Promise((resolve) => {
      socket.once('open', () => resolve({ client: new RawYClient(socket), refused: null }))
      socket.once('unexpected-response', (_request, response) => {
        resolve({ client: null, refused: response.statusCode ?? 0 })
        socket.terminate()
      })
    })
  }

  /** Sends sync step 1 and waits for the answer, applied to the replica; resolves false if closed first. */
  async sync(): Promise<boolean> {
    return (await this.roundTrip(Y.encodeStateVector(this.doc))) !== null
  }

  /**
   * Sends a sync step 1 carrying `stateVector` (default: empty, i.e. "send me everything") and waits
   * for the server's step 2, which it sends once everything it accepted before is stored: resolves
   * that update, or null when the connection closes first (the previous message was refused).
   */
  async roundTrip(stateVector: Uint8Array = Y.encodeStateVector(new Y.Doc())): Promise<Uint8Array | null> {
    if (this.closedWith) return null
    const answer = new Promise<Uint8Array | null>((resolve) => {
      this.step2Waiters.push(resolve)
      this.closeWaiters.push(() => resolve(null))
    })
    this.send(syncMessage(0, stateVector))
    return answer
  }

  /**
   * The outcome of what was sent before: `ok` when the server then answers a round trip, else the
   * close code it closed the connection with (as a string, like a permissions table cell).
   */
  async outcome(): Promise<string> {
    const answer = await this.roundTrip()
    if (answer !== null) return 'ok'
    return String(this.closedWith?.code ?? 'closed')
  }

  /** Sends a sync update message carrying `update`. */
  sendUpdate(update: Uint8Array): void {
    this.send(syncMessage(2, update))
  }

  /** Sends a sync step 2 carrying `update`. */
  sendStep2(update: Uint8Array): void {
    this.send(syncMessage(1, update))
  }

  /**
   * Changes the replica with `change` and sends what it changed as one update message; the replica
   * keeps the change, as a real client's document would.
   */
  change(change: (doc: Y.Doc) => void): Uint8Array {
    const before = Y.encodeStateVector(this.doc)
    change(this.doc)
    const update = Y.encodeStateAsUpdate(this.doc, before)
    this.sendUpdate(update)
    return update
  }

  /** Sends an awareness update with `entries`. */
  sendAwareness(entries: readonly AwarenessOut[]): void {
    const inner = encoding.createEncoder()
    encoding.writeVarUint(inner, entries.length)
    for (const entry of entries) {
      encoding.writeVarUint(inner, entry.clientId)
      encoding.writeVarUint(inner, entry.clock)
      encoding.writeVarString(inner, JSON.stringify(entry.state))
    }
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, AWARENESS)
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner))
    this.send(encoding.toUint8Array(encoder))
  }

  /** Waits until the server closes the connection (or `timeoutMs`); resolves the close, or null. */
  async closed(timeoutMs = 5000): Promise<{ code: number; reason: string } | null> {
    if (this.closedWith) return this.closedWith
    await Promise.race([new Promise<void>((resolve) => this.closeWaiters.push(resolve)), sleep(timeoutMs)])
    return this.closedWith
  }

  /** Closes the connection from this side. */
  close(): void {
    this.socket.terminate()
  }

  private send(message: Uint8Array): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(message)
  }

  private onMessage(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message)
    const type = decoding.readVarUint(decoder)
    if (type === SYNC) {
      const syncType = decoding.readVarUint(decoder)
      const payload = decoding.readVarUint8Array(decoder)
      if (syncType === 1 || syncType === 2) Y.applyUpdate(this.doc, payload, 'server')
      if (syncType === 1) this.step2Waiters.shift()?.(payload)
    } else if (type === AWARENESS) {
      const inner = decoding.createDecoder(decoding.readVarUint8Array(decoder))
      const count = decoding.readVarUint(inner)
      for (let i = 0; i < count; i++) {
        const clientId = decoding.readVarUint(inner)
        const clock = decoding.readVarUint(inner)
        this.awareness.push({ clientId, clock, state: JSON.parse(decoding.readVarString(inner)) })
      }
    } else if (type === AUTH) {
      if (decoding.readVarUint(decoder) === 0) this.denied.push(decoding.readVarString(decoder))
    }
  }
}

/** A sync message (type 0) of `syncType` carrying `payload`. */
export function syncMessage(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, SYNC)
  encoding.writeVarUint(encoder, syncType)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}
