/**
 * The comments of one open notice: their own Yjs document, synced through the room
 * `<notice id>/comments` of the same collaboration endpoint as the text (a second provider), so a
 * reviewer can write comments while the server refuses any change of theirs to the text.
 */
import { closeOutcome, collabServerUrl, roomName } from '@convene/protocol'
import { type CommentThread, readThreads } from '@convene/schema'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { guardConnection } from '../auth/connection-guard'
import { sendOwnAwarenessOnly } from '../editor/own-awareness'

/** A live comments document; create with `new CommentsSession(id, onRefused)`, end with `destroy()`. */
export class CommentsSession {
  readonly ydoc = new Y.Doc()
  readonly provider: WebsocketProvider
  private threads: CommentThread[] = []
  private synced = false
  private readonly listeners = new Set<() => void>()
  private readonly unguard: () => void

  /** `onRefused` is called when the server refuses a change to the comments (4403). */
  constructor(
    readonly noticeId: string,
    onRefused: () => void,
  ) {
    this.provider = new WebsocketProvider(
      collabServerUrl(location.href),
      roomName(noticeId, 'comments'),
      this.ydoc,
      { shouldReconnect: (event) => closeOutcome(event.code).kind === 'retry' },
    )
    sendOwnAwarenessOnly(this.provider)
    this.unguard = guardConnection(this.provider, onRefused)
    this.provider.on('sync', this.onSync)
    this.ydoc.on('update', this.onUpdate)
  }

  /** The threads, in creation order (the same array until they change). */
  readonly getThreads = (): CommentThread[] => this.threads

  /** Whether the comments have been received from the server at least once. */
  readonly isSynced = (): boolean => this.synced

  /** Calls `listener` after every change of the threads or of the sync state. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Disconnects and frees the document. */
  destroy(): void {
    this.unguard()
    this.ydoc.off('update', this.onUpdate)
    this.provider.destroy()
    this.ydoc.destroy()
    this.listeners.clear()
  }

  private readonly onSync = (synced: boolean) => {
    if (!synced || this.synced) return
    this.synced = true
    this.notify()
  }

  private readonly onUpdate = () => {
    this.threads = readThreads(this.ydoc)
    this.notify()
  }

  private notify(): void {
    for (const listener of this.listeners) listener()
  }
}
