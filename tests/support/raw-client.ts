/**
 * The one hand-driven websocket client of the tests: no provider, every message written and read
 * with `@convene/protocol`, so a test says exactly what goes on the wire (a sync step 2 carrying
 * content, an update to the `meta` map, presence under someone else's client id, hostile bytes
 * through `socket.send`) and sees exactly what comes back (each message as received, a replica of
 * the document, the auth permission-denied reasons, the close code, the HTTP status of a refused
 * upgrade).
 */
import {
  type AwarenessEntry,
  decodeAwarenessEntries,
  decodeMessage,
  encodeAwarenessMessage,
  encodeMessage,
  type SyncMessage,
} from '@convene/protocol'
import { WebSocket } from 'ws'
import * as Y from 'yjs'

/** How the server closed a connection. */
export type CloseEvent = { code: number; reason: string }

/** What opening a raw client gave: a connected client, or the HTTP status refusing the upgrade. */
export type RawOpen = { client: RawClient; refused: null } | { client: null; refused: number }

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** The state vector of an empty document: "send me everything". */
const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc())

/** One raw connection to a room, with a local replica of the room's document. */
export class RawClient {
  /** The socket itself, to send bytes no encoder would write or to close it abruptly. */
  readonly socket: WebSocket
  /** Every message received, as its bytes. */
  readonly messages: Uint8Array[] = []
  /** The reasons of every auth permission-denied message received. */
  readonly denied: string[] = []
  /** Set once the connection closed. */
  closedWith: CloseEvent | null = null
  private readonly replica = new Y.Doc()
  /** Updates received but not applied yet: applied when the replica is read, so that many idle clients stay cheap. */
  private readonly unapplied: Uint8Array[] = []
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

  /**
   * Opens `url` with `headers` (cookie, Origin), from `localAddress` if given (e.g. `127.0.0.2`,
   * to look like another machine); resolves the client once the socket is open, or the HTTP status
   * that refused the upgrade. Rejects when no answer comes at all (connection refused or reset).
   */
  static open(url: string, headers: Record<string, string> = {}, localAddress?: string): Promise<RawOpen> {
    const socket = new WebSocket(url, { headers, ...(localAddress ? { localAddress } : {}) })
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(error)
      socket.once('error', onError)
      socket.once('open', () => {
        socket.off('error', onError)
        socket.on('error', () => {})
        resolve({ client: new RawClient(socket), refused: null })
      })
      socket.once('unexpected-response', (_request, response) => {
        socket.off('error', onError)
        socket.on('error', () => {})
        resolve({ client: null, refused: response.statusCode ?? 0 })
        socket.terminate()
      })
    })
  }

  /** The replica: everything the server sent in sync step 2 and updates. */
  get doc(): Y.Doc {
    for (const update of this.unapplied.splice(0)) Y.applyUpdate(this.replica, update, 'server')
    return this.replica
  }

  /** Every message received, decoded. */
  received(): SyncMessage[] {
    return this.messages.map((message) => decodeMessage(message, 'server'))
  }

  /** Every awareness entry received, in order. */
  get awareness(): AwarenessEntry[] {
    return this.received().flatMap((message) =>
      message.type === 'awareness' ? decodeAwarenessEntries(message.update) : [],
    )
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
  async roundTrip(stateVector: Uint8Array = EMPTY_STATE_VECTOR): Promise<Uint8Array | null> {
    if (this.closedWith) return null
    const answer = new Promise<Uint8Array | null>((resolve) => {
      this.step2Waiters.push(resolve)
      this.closeWaiters.push(() => resolve(null))
    })
    this.send(encodeMessage({ type: 'sync-step-1', stateVector }))
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
    this.send(encodeMessage({ type: 'update', update }))
  }

  /** Sends a sync step 2 carrying `update`. */
  sendStep2(update: Uint8Array): void {
    this.send(encodeMessage({ type: 'sync-step-2', update }))
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
  sendAwareness(entries: readonly AwarenessEntry[]): void {
    this.send(encodeAwarenessMessage(entries))
  }

  /** Sends `message` as one binary frame, unless the socket is no longer open. */
  send(message: Uint8Array): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(message)
  }

  /** Waits until the connection closes (or `timeoutMs`); resolves the close, or null if still open. */
  async closed(timeoutMs = 15_000): Promise<CloseEvent | null> {
    if (this.closedWith) return this.closedWith
    await Promise.race([new Promise<void>((resolve) => this.closeWaiters.push(resolve)), sleep(timeoutMs)])
    return this.closedWith
  }

  /** Closes the connection from this side, without a close handshake. */
  close(): void {
    this.socket.terminate()
  }

  private onMessage(data: Uint8Array): void {
    this.messages.push(data)
    const message = decodeMessage(data, 'server')
    if (message.type === 'sync-step-2' || message.type === 'update') {
      this.unapplied.push(message.update)
    }
    if (message.type === 'sync-step-2') this.step2Waiters.shift()?.(message.update)
    if (message.type === 'permission-denied') this.denied.push(message.reason)
  }
}

/**
 * Opens a {@link RawClient} at `url` (see {@link RawClient.open}) and resolves it once open; rejects with an error carrying
 * `status` (`Upgrade refused with HTTP <status>`) when the upgrade is refused.
 */
export async function openRawClient(
  url: string,
  headers: Record<string, string> = {},
  localAddress?: string,
): Promise<RawClient> {
  const opened = await RawClient.open(url, headers, localAddress)
  if (opened.client) return opened.client
  throw Object.assign(new Error(`Upgrade refused with HTTP ${opened.refused}`), { status: opened.refused })
}
