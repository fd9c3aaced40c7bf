/**
 * One open notice: its Yjs document, the y-websocket provider that syncs it through the server
 * (`/collab/<notice id>`), and the connection state shown to the user (connected, reconnecting,
 * offline; whether local edits are still waiting to be sent).
 */
import { collabServerUrl, roomName } from '@convene/protocol'
import { newNoticeYDoc } from '@convene/schema'
import { WebsocketProvider } from 'y-websocket'
import { sendOwnAwarenessOnly } from './own-awareness'

/** What the connection indicator shows. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed'

/** The connection state of a session. */
export type ConnectionState = {
  status: ConnectionStatus
  /** The document has been synced with the server since the last (re)connection. */
  synced: boolean
  /** Local edits exist that the server has not been sent yet. */
  pending: boolean
}

/** After this many failed attempts in a row, a reconnecting session is reported as offline. */
const OFFLINE_AFTER_FAILURES = 3

/** A live, synced notice; create with `new CollabSession(id)`, end with `destroy()`. */
export class CollabSession {
  /** A notice doc: the subtree of a moved-away agenda item is kept for late edits (see the schema's agenda-move.ts). */
  readonly ydoc = newNoticeYDoc()
  readonly provider: WebsocketProvider
  private state: ConnectionState = { status: 'connecting', synced: false, pending: false }
  private readonly listeners = new Set<() => void>()
  private everConnected = false
  private closed = false

  constructor(readonly noticeId: string) {
    this.provider = new WebsocketProvider(collabServerUrl(location.href), roomName(noticeId), this.ydoc)
    sendOwnAwarenessOnly(this.provider)
    this.provider.on('status', this.refresh)
    this.provider.on('sync', this.onSync)
    this.provider.on('connection-close', this.refresh)
    this.provider.on('closed', this.onClosed)
    this.ydoc.on('update', this.onUpdate)
    window.addEventListener('online', this.refresh)
    window.addEventListener('offline', this.refresh)
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
    window.removeEventListener('online', this.refresh)
    window.removeEventListener('offline', this.refresh)
    this.ydoc.off('update', this.onUpdate)
    this.provider.destroy()
    this.ydoc.destroy()
    this.listeners.clear()
  }

  private readonly onUpdate = (_update: Uint8Array, origin: unknown) => {
    // Updates from the provider came from the server; ours are pending until a live socket takes them.
    if (origin === this.provider) return
    if (!this.provider.wsconnected || !this.provider.synced) this.set({ pending: true })
  }

  private readonly onSync = (synced: boolean) => {
    // On (re)connection the sync handshake sends the server everything it lacks, pending edits included.
    this.set(synced ? { synced, pending: false } : { synced })
    this.refresh()
  }

  private readonly onClosed = () => {
    this.closed = true
    this.refresh()
  }

  private readonly refresh = () => {
    const provider = this.provider
    if (provider.wsconnected) {
      this.everConnected = true
      // A final close (the session ended) is over once a sign-in has reconnected the provider.
      this.closed = false
    }
    let status: ConnectionStatus
    if (this.closed) status = 'closed'
    else if (provider.wsconnected) status = 'connected'
    else if (!navigator.onLine || provider.wsUnsuccessfulReconnects >= OFFLINE_AFTER_FAILURES)
      status = 'offline'
    else status = this.everConnected ? 'reconnecting' : 'connecting'
    this.set({ status, synced: provider.wsconnected && provider.synced })
  }

  private set(patch: Partial<ConnectionState>): void {
    const next = { ...this.state, ...patch }
    if (
      next.status === this.state.status &&
      next.synced === this.state.synced &&
      next.pending === this.state.pending
    ) {
      return
    }
    this.state = next
    for (const listener of this.listeners) listener()
  }
}
