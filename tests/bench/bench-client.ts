/**
 * The benchmark's client: a raw `ws` socket that joins a document with sync step 1 and then only
 * reads bytes. It classifies each message by its first bytes and finds edits by searching for edit
 * markers (edit-marker.ts); it never applies an update to a Y.Doc. So one harness process can hold
 * thousands of clients and still cost much less CPU than the server it measures.
 */
import { performance } from 'node:perf_hooks'
import WebSocket from 'ws'
import { scanMarkers } from './edit-marker'
import { EMPTY_STATE_VECTOR, MessageKind, type WireProtocol } from './wire'

/** Optional reactions to incoming messages; `now` is performance.now() at the message's arrival. */
export type ClientHandlers = {
  /** Called for every edit marker in an incoming sync step 2 or update. */
  onEdit?: (id: number, now: number) => void
  /** Called for every message, after onEdit. */
  onMessage?: (kind: MessageKind, data: Buffer, now: number) => void
}

/** One client socket on one document. */
export class BenchClient {
  private socket: WebSocket | undefined
  /** performance.now() when the socket was asked to open, when it opened and when sync step 2 arrived. */
  startedAt = Number.NaN
  openedAt = Number.NaN
  syncedAt = Number.NaN
  closed = false
  /** Whether the socket closed without {@link BenchClient.close} being called (the server dropped it). */
  dropped = false
  private closing = false
  private step2Waiters: ((data: Buffer) => void)[] = []
  messages = 0
  bytes = 0
  /** Messages that could not be sent because the socket was no longer open. */
  unsent = 0

  constructor(
    readonly url: string,
    readonly protocol: WireProtocol,
    private readonly handlers: ClientHandlers = {},
  ) {}

  /** Milliseconds from asking to connect to receiving the server's sync step 2. */
  get connectMs(): number {
    return this.syncedAt - this.startedAt
  }

  /**
   * Opens the socket, sends the opening messages (authentication where the server needs it, then sync
   * step 1 with `stateVector`), and resolves once the server's sync step 2 has arrived.
   */
  connect(stateVector: Uint8Array = EMPTY_STATE_VECTOR, timeoutMs = 60_000): Promise<void> {
    this.startedAt = performance.now()
    // Offer permessage-deflate as browsers do; servers decide whether to use it.
    const socket = new WebSocket(this.url, { perMessageDeflate: true, maxPayload: 256 * 1024 * 1024 })
    this.socket = socket
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        fail(new Error(`No sync step 2 from ${this.url} within ${timeoutMs} ms`))
      }, timeoutMs)
      let settled = false
      const fail = (error: Error) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        socket.terminate()
        reject(error)
      }
      socket.on('open', () => {
        this.openedAt = performance.now()
        for (const message of this.protocol.opening(stateVector)) socket.send(message)
      })
      socket.on('message', (data: Buffer) => {
        const now = performance.now()
        this.messages++
        this.bytes += data.length
        const kind = this.protocol.classify(data)
        if (kind === MessageKind.Update || kind === MessageKind.SyncStep2) {
          const onEdit = this.handlers.onEdit
          if (onEdit) scanMarkers(data, this.protocol.payloadOffset(), (id) => onEdit(id, now))
        }
        this.handlers.onMessage?.(kind, data, now)
        if (kind === MessageKind.SyncStep2 && settled) this.step2Waiters.shift()?.(data)
        if (kind === MessageKind.SyncStep2 && !settled) {
          settled = true
          this.syncedAt = now
          clearTimeout(timer)
          resolve()
        } else if (kind === MessageKind.AuthDenied) {
          fail(new Error(`${this.url} refused authentication: ${data.subarray(0, 80).toString('latin1')}`))
        }
      })
      socket.on('error', (error) =>
        fail(new Error(`Socket error on ${this.url}: ${error.message}`, { cause: error })),
      )
      socket.on('close', (code, reason) => {
        this.closed = true
        if (!this.closing) this.dropped = true
        fail(new Error(`${this.url} closed before sync step 2: ${code} ${reason.toString()}`))
      })
    })
  }

  /**
   * Sends `message`; returns false (and counts it in `unsent`) when the socket is not open, so a
   * server that dropped a client shows up as lost edits rather than as a harness crash.
   */
  send(message: Uint8Array): boolean {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) {
      this.unsent++
      return false
    }
    this.socket.send(message)
    return true
  }

  /**
   * Sends sync step 1 with `stateVector` and resolves with the server's sync step 2 answer. Servers
   * handle a socket's messages in order, so the answer also means that everything sent before it
   * was handled (and, for Convene, is on disk).
   */
  requestSync(stateVector: Uint8Array): Promise<Buffer> {
    const answer = new Promise<Buffer>((resolve) => this.step2Waiters.push(resolve))
    this.send(this.protocol.syncStep1(stateVector))
    return answer
  }

  /** Bytes queued in the socket but not yet written. */
  get bufferedAmount(): number {
    return this.socket?.bufferedAmount ?? 0
  }

  /** Closes the socket and resolves when it is closed (terminating it after `timeoutMs`). */
  close(timeoutMs = 2_000): Promise<void> {
    const socket = this.socket
    this.closing = true
    if (!socket || socket.readyState === WebSocket.CLOSED) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        socket.terminate()
        resolve()
      }, timeoutMs)
      socket.once('close', () => {
        clearTimeout(timer)
        resolve()
      })
      socket.close()
    })
  }
}

/** Runs `task` over `items` with at most `concurrency` running at once; resolves when all are done. */
export async function inBatches<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T) => Promise<void>,
) {
  let next = 0
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T
      await task(item)
    }
  })
  await Promise.all(workers)
}
