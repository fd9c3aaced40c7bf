/**
 * One open notice: its Yjs document, the y-websocket provider that syncs it through the server
 * (`/collab/<notice id>`), the browser's stored copy of it, and the connection state shown to the
 * user: connected or not, how many local changes the server has not confirmed, and, when the
 * server stopped the session for good, why.
 *
 * Confirmation: the server answers a sync step 1 with its step 2 only once everything it accepted
 * on that connection before is on disk, and handles a connection's messages in order. So after
 * local changes the session sends a step 1 of its own (a probe); the step 2 that answers it
 * confirms every change made before the probe was sent. A close, for whatever reason, confirms
 * nothing: what is unconfirmed is resent by the sync handshake of the next connection.
 */
import { closeOutcome, collabServerUrl, type FinalCloseReason, roomName } from '@convene/protocol'
import { newNoticeYDoc } from '@convene/schema'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { WebsocketProvider } from 'y-websocket'
import { LocalCopy } from '../offline/local-copy'
import { batchOutgoingUpdates, type OutgoingBatch } from './outgoing-batch'
import { sendOwnAwarenessOnly } from './own-awareness'

/** What the connection indicator shows. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed'

/** The connection state of a session. */
export type ConnectionState = {
  status: ConnectionStatus
  /** The document has been synced with the server since the last (re)connection. */
  synced: boolean
  /** Local changes the server has not confirmed yet (kept in the browser meanwhile). */
  waiting: number
  /** Why the server stopped this session for good (`closed`); null while it can come back. */
  finalReason: FinalCloseReason | null
}

/** Options of a session. */
export type CollabSessionOptions = {
  /** The IndexedDB name of the browser's copy (see local-copy.ts); null keeps none (read-only people). */
  localCopy: string | null
}

/** After this many failed attempts in a row, a reconnecting session is reported as offline. */
const OFFLINE_AFTER_FAILURES = 3

/** How long after a local change the session asks the server to confirm (a few batches at once). */
const PROBE_DELAY_MS = 150

/** The sync message types of y-protocols (a step 2 answers a step 1). */
const SYNC_STEP_2 = 1

/** The y-websocket message type of sync messages. */
const MESSAGE_SYNC = 0

/** A live, synced notice; create with `new CollabSession(id, options)`, end with `destroy()`. */
export class CollabSession {
  /** A notice doc: the subtree of a moved-away agenda item is kept for late edits (see the schema's agenda-move.ts). */
  readonly ydoc = newNoticeYDoc()
  readonly provider: WebsocketProvider
  /** The browser's copy, or null when none is kept. */
  readonly localCopy: LocalCopy | null
  private readonly batch: OutgoingBatch
  private state: ConnectionState = { status: 'connecting', synced: false, waiting: 0, finalReason: null }
  private readonly listeners = new Set<() => void>()
  private everConnected = false
  private destroyed = false
  /** Local changes made in this page so far, and how many of them the server confirmed. */
  private made = 0
  private confirmed = 0
  /** Changes stored unconfirmed by an earlier page (read from the local copy). */
  private carried = 0
  /** The `made` count at each step 1 sent on this connection and not answered yet (-1: the provider's own). */
  private probes: number[] = []
  private probeTimer: ReturnType<typeof setTimeout> | null = null

  constructor(
    readonly noticeId: string,
    options: CollabSessionOptions = { localCopy: null },
  ) {
    this.provider = new WebsocketProvider(collabServerUrl(location.href), roomName(noticeId), this.ydoc, {
      connect: false,
      // Rate and size refusals and server faults are passing: come back and resend. A code the
      // client does not know follows its range (closeOutcome).
      shouldReconnect: (event) => closeOutcome(event.code).kind === 'retry',
    })
    this.batch = batchOutgoingUpdates(this.provider)
    sendOwnAwarenessOnly(this.provider)
    this.watchSyncAnswers()
    this.provider.on('status', this.onStatus)
    this.provider.on('sync', this.onSync)
    this.provider.on('connection-close', this.onConnectionClose)
    this.provider.on('closed', this.onClosed)
    this.ydoc.on('update', this.onUpdate)
    window.addEventListener('online', this.onOnline)
    window.addEventListener('offline', this.onOffline)
    this.localCopy = options.localCopy ? new LocalCopy(options.localCopy, this.ydoc) : null
    if (this.localCopy) {
      // What was stored (typed offline, then the tab closed) is in the doc before the first sync,
      // which then sends it. A store that does not open costs the copy, not the editing.
      this.localCopy.load().then(
        (waiting) => {
          this.carried = waiting
          this.connect()
        },
        (error: unknown) => {
          console.warn(error)
          this.connect()
        },
      )
    } else {
      this.connect()
    }
  }

  /** The current connection state (a new object after every change). */
  readonly getState = (): ConnectionState => this.state

  /** Calls `listener` after every change of the connection state; returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Disconnects and frees the document; the session cannot be used afterwards. */
  destroy(): void {
    this.destroyed = true
    window.removeEventListener('online', this.onOnline)
    window.removeEventListener('offline', this.onOffline)
    if (this.probeTimer !== null) clearTimeout(this.probeTimer)
    this.ydoc.off('update', this.onUpdate)
    this.batch.flush()
    this.provider.destroy()
    void this.localCopy?.close()
    this.ydoc.destroy()
    this.listeners.clear()
  }

  private connect(): void {
    if (this.destroyed || !navigator.onLine) {
      this.refresh()
      return
    }
    this.provider.connect()
  }

  /** Sees each sync step 2 the server sends before the provider applies it. */
  private watchSyncAnswers(): void {
    const handlers = this.provider.messageHandlers
    const handleSync = handlers[MESSAGE_SYNC]
    if (!handleSync) throw new Error('The y-websocket provider has no sync message handler')
    handlers[MESSAGE_SYNC] = (encoder, decoder, provider, emitSynced, messageType) => {
      const peek = decoding.clone(decoder)
      if (decoding.readVarUint(peek) === SYNC_STEP_2) this.onAnswer()
      handleSync(encoder, decoder, provider, emitSynced, messageType)
    }
  }

  private onAnswer(): void {
    const answered = this.probes.shift()
    if (answered !== undefined && answered >= 0) {
      this.confirmed = Math.max(this.confirmed, answered)
      this.carried = 0
    }
    this.refresh()
  }

  private readonly onUpdate = (_update: Uint8Array, origin: unknown) => {
    // The server's updates and what the stored copy brought back are not new changes.
    if (origin === this.provider || (this.localCopy && origin === this.localCopy.persistenceOrigin)) return
    this.made += 1
    this.scheduleProbe()
    this.refresh()
  }

  private scheduleProbe(): void {
    if (this.probeTimer !== null || !this.provider.synced) return
    this.probeTimer = setTimeout(() => {
      this.probeTimer = null
      this.probe()
    }, PROBE_DELAY_MS)
  }

  /** Sends a sync step 1 after everything made so far, so its answer confirms it. */
  private probe(): void {
    const ws = this.provider.ws
    if (!this.provider.wsconnected || !ws || ws.readyState !== WebSocket.OPEN) return
    this.batch.flush()
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    syncProtocol.writeSyncStep1(encoder, this.ydoc)
    this.probes.push(this.made)
    ws.send(encoding.toUint8Array(encoder))
  }

  private readonly onStatus = ({ status }: { status: string }) => {
    // The provider sends its own step 1 on open; its answer is the first step 2.
    if (status === 'connected') this.probes = [-1]
    this.refresh()
  }

  private readonly onSync = (synced: boolean) => {
    // The handshake sent the server what it lacked; one more probe confirms it.
    if (synced && this.waiting() > 0) this.probe()
    this.refresh()
  }

  private readonly onConnectionClose = () => {
    this.probes = []
    this.refresh()
  }

  private readonly onClosed = ({ code }: { code: number }) => {
    const outcome = closeOutcome(code)
    if (outcome.kind === 'final') this.set({ finalReason: outcome.reason })
    this.refresh()
  }

  private readonly onOffline = () => {
    // The browser says the network is gone: a socket it keeps open would only swallow messages.
    this.provider.disconnect()
    this.refresh()
  }

  private readonly onOnline = () => {
    if (this.state.finalReason === null) this.connect()
    this.refresh()
  }

  private waiting(): number {
    return this.carried + this.made - this.confirmed
  }

  private readonly refresh = () => {
    if (this.destroyed) return
    const provider = this.provider
    let finalReason = this.state.finalReason
    if (provider.wsconnected) {
      this.everConnected = true
      // A final close (the session ended) is over once a sign-in has reconnected the provider.
      finalReason = null
    }
    let status: ConnectionStatus
    if (finalReason !== null) status = 'closed'
    else if (provider.wsconnected) status = 'connected'
    else if (!navigator.onLine || provider.wsUnsuccessfulReconnects >= OFFLINE_AFTER_FAILURES)
      status = 'offline'
    else status = this.everConnected ? 'reconnecting' : 'connecting'
    const waiting = this.waiting()
    if (waiting !== this.state.waiting) void this.localCopy?.setWaiting(waiting)
    this.set({ status, synced: provider.wsconnected && provider.synced, waiting, finalReason })
  }

  private set(patch: Partial<ConnectionState>): void {
    const next = { ...this.state, ...patch }
    if (
      next.status === this.state.status &&
      next.synced === this.state.synced &&
      next.waiting === this.state.waiting &&
      next.finalReason === this.state.finalReason
    ) {
      return
    }
    this.state = next
    for (const listener of this.listeners) listener()
  }
}
