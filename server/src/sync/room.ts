/**
 * A room: one open notice in memory (its Y.Doc and awareness) and the peers editing it. It
 * applies what peers send, has every accepted update stored before anyone else sees it, and
 * relays presence. Nothing a peer sends can throw out of it: a bad peer is closed, alone.
 */
import {
  type AwarenessEntry,
  decodeAwarenessEntries,
  encodeAwarenessEntries,
  encodeMessage,
} from '@convene/protocol'
import { META_MAP, observeMoveReplays } from '@convene/schema'
import type { Logger } from 'pino'
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { NoticeSummary } from '../storage/storage'
import type { UpdateGuard } from './notice-guard'
import type { Peer } from './peer'
import type { PresenceRules, PresenceRulesFactory } from './presence-rules'
import {
  CLOSE_CODES,
  type ClientMessage,
  type CloseCode,
  decodeClientMessage,
  ProtocolError,
  type ProtocolLimits,
} from './protocol'
import type { RoomEvents } from './room-events'
import type { UpdateWriter } from './update-writer'

const utf8Bytes = new TextEncoder()

/** An awareness message carrying the states of `clients`. */
const awarenessMessage = (awareness: Awareness, clients: number[]): Uint8Array =>
  encodeMessage({ type: 'awareness', update: encodeAwarenessUpdate(awareness, clients) })

/** The transaction origin of changes the server makes itself (e.g. an HTTP metadata patch). */
export const SERVER_ORIGIN = Symbol('convene-server')

/**
 * The transaction and awareness origin of what arrives already durable from elsewhere (another
 * server instance, or this notice's log read back by a catch-up): relayed, never stored again.
 */
export const REMOTE_ORIGIN = Symbol('convene-remote')

/** A room that has been closed (write failure, deletion or shutdown) accepts nothing more. */
export class RoomClosedError extends Error {
  /** The notice of the closed room. */
  readonly noticeId: string
  constructor(noticeId: string, options?: ErrorOptions) {
    super(`The room of notice "${noticeId}" is closed`, options)
    this.name = 'RoomClosedError'
    this.noticeId = noticeId
  }
}

/** What a room needs from the registry that owns it. */
export type RoomOptions = {
  noticeId: string
  /** The loaded document; the room owns it from now on. */
  doc: Y.Doc
  /** The number of rows in the notice's stored log when it was loaded. */
  storedRows: number
  writer: UpdateWriter
  logger: Logger
  limits: ProtocolLimits
  /** Compact the stored log once it holds more rows than this. */
  compactAfterRows: number
  /** Merges the stored log into one row; resolves the number of rows merged (0 if none). */
  compact: (noticeId: string) => Promise<number>
  /** Called whenever the room has no peer and no hold left. */
  onIdle: (room: Room) => void
  /** Called once when the room closes itself because an update could not be stored. */
  onFailed: (room: Room) => void
  /** Told about durable updates and local presence (the cluster link), if anyone listens. */
  events?: RoomEvents
  /**
   * Checks every peer's update before it applies (notice-guard.ts, comments-guard.ts); none: no
   * check. The room owns it and destroys it with itself.
   */
  guard?: UpdateGuard
  /** What presence the room relays and for how many ids (presence-rules.ts); none: any state, no cap. */
  presence?: PresenceRulesFactory
}

/** The summary fields of the list, as the meta map currently holds them. */
function summaryOf(doc: Y.Doc): NoticeSummary {
  const meta = doc.getMap<unknown>(META_MAP)
  const field = (name: string): string => {
    const value = meta.get(name)
    return typeof value === 'string' ? value : ''
  }
  return { title: field('title'), symbol: field('symbol'), language: field('language') }
}

const sameSummary = (a: NoticeSummary, b: NoticeSummary): boolean =>
  a.title === b.title && a.symbol === b.symbol && a.language === b.language

/** One open notice and its peers. Created and disposed of by the room registry. */
export class Room {
  /** The notice this room holds. */
  readonly noticeId: string
  /** The live document. Change it only through {@link Room.change} or peer messages. */
  readonly doc: Y.Doc
  /** Presence of the peers (never stored). */
  readonly awareness: Awareness

  private readonly options: RoomOptions
  private readonly log: Logger
  /** Each peer with the awareness client ids it has announced. */
  private readonly peers = new Map<Peer, Set<number>>()
  /** Which peer owns each awareness client id: the first to use it, until it leaves. */
  private readonly claims = new Map<number, Peer>()
  private holds = 0
  private closed = false
  private failure: Error | null = null
  /** Settles after every update applied so far is stored and broadcast (never rejects). */
  private durable: Promise<void> = Promise.resolve()
  private pendingWrites = 0
  private storedRows: number
  private compaction: Promise<void> | null = null
  private summary: NoticeSummary
  /** Set while {@link Room.applyRemote} applies an update that may integrate unstored peer structs. */
  private remoteCarriesPeerContent = false
  /** Stops re-applying edits that peers made in agenda items moved meanwhile (see agenda-move.ts). */
  private readonly stopMoveReplays: () => void
  private readonly guard: UpdateGuard | null
  private readonly presence: PresenceRules | null

  constructor(options: RoomOptions) {
    this.options = options
    this.noticeId = options.noticeId
    this.doc = options.doc
    this.storedRows = options.storedRows
    this.log = options.logger.child({ noticeId: options.noticeId })
    this.summary = summaryOf(this.doc)
    this.awareness = new Awareness(this.doc)
    this.awareness.setLocalState(null)
    this.doc.on('update', this.onDocUpdate)
    this.awareness.on('update', this.onAwarenessUpdate)
    // The server re-applies them too, so that an author who left before seeing the move loses nothing.
    this.stopMoveReplays = observeMoveReplays(this.doc, SERVER_ORIGIN)
    this.guard = options.guard ?? null
    this.presence = options.presence?.(this.doc) ?? null
  }

  /** Whether the room still accepts peers and changes. */
  get isOpen(): boolean {
    return !this.closed
  }

  /** The number of connected peers. */
  get peerCount(): number {
    return this.peers.size
  }

  /** Whether nothing keeps the room in memory: no peer, no hold. */
  get isIdle(): boolean {
    return this.peers.size === 0 && this.holds === 0
  }

  /** Whether updates applied to the document are still waiting to be stored. */
  get hasPendingWrites(): boolean {
    return this.pendingWrites > 0
  }

  /** Keeps the room loaded while the caller works with it; pair with {@link Room.release}. */
  retain(): void {
    this.holds += 1
  }

  /** Ends a {@link Room.retain}. */
  release(): void {
    this.holds -= 1
    if (this.isIdle) this.options.onIdle(this)
  }

  /** Adds a peer: sends it our sync step 1 and the presence we know. */
  addPeer(peer: Peer): void {
    if (this.closed) throw new RoomClosedError(this.noticeId)
    this.peers.set(peer, new Set())
    peer.send(encodeMessage({ type: 'sync-step-1', stateVector: Y.encodeStateVector(this.doc) }))
    const states = this.awareness.getStates()
    if (states.size > 0) peer.send(awarenessMessage(this.awareness, [...states.keys()]))
  }

  /** Removes a peer (after its connection closed), withdrawing its presence from the others. */
  removePeer(peer: Peer): void {
    const clients = this.peers.get(peer)
    if (!clients) return
    this.peers.delete(peer)
    for (const [id, owner] of this.claims) if (owner === peer) this.claims.delete(id)
    if (clients.size > 0 && !this.closed) removeAwarenessStates(this.awareness, [...clients], null)
    if (this.isIdle) this.options.onIdle(this)
  }

  /**
   * Handles one binary message from `peer`. Never throws: a message the protocol refuses closes
   * `peer` with the documented code, an unexpected error closes it with 1011 and is logged.
   */
  receive(peer: Peer, data: Uint8Array): void {
    if (this.closed || !this.peers.has(peer)) return
    try {
      this.handle(peer, decodeClientMessage(data, this.options.limits))
    } catch (error) {
      if (error instanceof ProtocolError) {
        this.log.warn({ peer: peer.id, code: error.closeCode, err: error }, 'refused a message from a peer')
        // The close reason is cut to 123 bytes: the y-protocols auth message carries the whole reason.
        if (
          error.closeCode === CLOSE_CODES.PERMISSION_DENIED ||
          error.closeCode === CLOSE_CODES.INVALID_CHANGE
        )
          peer.send(encodeMessage({ type: 'permission-denied', reason: error.message }))
        this.drop(peer, error.closeCode, error.message)
      } else {
        this.log.error({ peer: peer.id, err: error }, 'unexpected error while handling a message')
        this.drop(peer, CLOSE_CODES.INTERNAL_ERROR, 'Internal server error')
      }
    }
  }

  /**
   * Makes a server-side change to the document (e.g. an HTTP metadata patch): `change` runs in
   * one transaction whose update goes through the same store-then-broadcast path as a peer's.
   * Resolves once it is stored; rejects if the room is closed or the write fails.
   */
  async change<T>(change: (doc: Y.Doc) => T): Promise<T> {
    if (this.closed) throw new RoomClosedError(this.noticeId, { cause: this.failure ?? undefined })
    const result = this.doc.transact(() => change(this.doc), SERVER_ORIGIN)
    await this.whenDurable()
    return result
  }

  /**
   * Applies an update that is already durable (stored by another server instance, or read back
   * from the log by a catch-up) and relays what it changes to the peers without storing it
   * again. Re-applying what the document holds changes nothing (Yjs is idempotent). Throws if
   * the bytes do not apply.
   */
  applyRemote(update: Uint8Array): void {
    if (this.closed) return
    const { pendingStructs, pendingDs } = this.doc.store
    // A peer's structs still waiting for a missing dependency may integrate along with this
    // update; then the transaction carries peer content not stored yet, so it is stored.
    this.remoteCarriesPeerContent = pendingStructs !== null || pendingDs !== null
    try {
      Y.applyUpdate(this.doc, update, REMOTE_ORIGIN)
    } finally {
      this.remoteCarriesPeerContent = false
    }
  }

  /** The presence of this room's own peers as one awareness update, or null when they have none. */
  localAwareness(): Uint8Array | null {
    const clients: number[] = []
    for (const ids of this.peers.values()) {
      for (const id of ids) if (this.awareness.getStates().has(id)) clients.push(id)
    }
    return clients.length > 0 ? encodeAwarenessUpdate(this.awareness, clients) : null
  }

  /** Resolves once everything applied so far is stored; rejects if a write failed. */
  async whenDurable(): Promise<void> {
    await this.durable
    if (this.failure) throw new RoomClosedError(this.noticeId, { cause: this.failure })
  }

  /** Resolves when pending writes and any running compaction have finished (never rejects). */
  async settle(): Promise<void> {
    while (this.pendingWrites > 0 || this.compaction) {
      await Promise.all([this.durable, this.compaction])
    }
  }

  /**
   * Closes every peer with `code` and stops accepting anything. Updates already applied are
   * still stored (see {@link Room.settle}) but no longer broadcast.
   */
  close(code: CloseCode, reason: string): void {
    if (this.closed) return
    this.closed = true
    for (const peer of [...this.peers.keys()]) peer.close(code, reason)
    this.peers.clear()
    this.awareness.off('update', this.onAwarenessUpdate)
    this.awareness.destroy()
  }

  /** Frees the document; call after {@link Room.close} and {@link Room.settle}. */
  destroy(): void {
    this.guard?.destroy()
    this.stopMoveReplays()
    this.doc.off('update', this.onDocUpdate)
    this.doc.destroy()
  }

  private handle(peer: Peer, message: ClientMessage): void {
    switch (message.type) {
      case 'sync-step-1': {
        // Computed now, sent once everything it contains is on disk.
        const reply = encodeMessage({
          type: 'sync-step-2',
          update: Y.encodeStateAsUpdate(this.doc, message.stateVector),
        })
        if (this.pendingWrites === 0) peer.send(reply)
        else
          void this.durable.then(() => {
            if (!this.closed && this.peers.has(peer)) peer.send(reply)
          })
        return
      }
      case 'sync-step-2':
      case 'update':
        // The one place a document change from a peer enters: its policy admits it (true),
        // ignores it as a no-op (false) or refuses it (throws 4403) before anything applies it;
        // then the guard refuses it (4422) if it would leave the notice invalid.
        if (peer.policy && !peer.policy.admitUpdate(this.doc, message.update, message.type)) return
        if (this.guard)
          this.guard.admit(message.update, peer, () => this.applyPeerUpdate(peer, message.update))
        else this.applyPeerUpdate(peer, message.update)
        return
      case 'awareness':
        applyAwarenessUpdate(this.awareness, this.claimAwareness(peer, message.update), peer)
        return
      case 'query-awareness': {
        const states = this.awareness.getStates()
        if (states.size > 0) peer.send(awarenessMessage(this.awareness, [...states.keys()]))
        return
      }
    }
  }

  /**
   * Keeps only the awareness entries `peer` may speak for and lets the peer's policy rewrite each
   * state (the server's identity replaces the client's claim); returns the update to apply. The
   * first connection whose entry changes an id's state owns the id until it leaves; another
   * connection of the same actor (a reconnect whose old socket is not closed yet) may take it over.
   * Dropped silently, neither applied nor relayed: entries that would change nothing (the removal
   * of a state the room does not hold among them), and entries
   * for an id another actor's connection owns, or that a client of another server instance holds
   * (a present state no local connection claimed). Stock y-websocket clients send both in normal use:
   * they echo every state they receive, and remove (clock + 1) a state not renewed for 30 s; so a
   * client can never appear as someone else or remove another user's cursor, yet stays connected.
   * The room's presence rules then cut each state down to the fields the client uses (a caret that
   * does not resolve becomes none), and a new id beyond the room's cap of states is dropped too.
   * Throws, having changed nothing, 4400 for a state that is not an object, and 4413 for a state
   * over the limit once rewritten or for more client ids on one connection than the rules allow.
   */
  private claimAwareness(peer: Peer, update: Uint8Array): Uint8Array {
    const kept: AwarenessEntry[] = []
    const states = this.awareness.states
    for (const entry of decodeAwarenessEntries(update)) {
      const { clientId, clock, state } = entry
      const current = this.awareness.meta.get(clientId)?.clock ?? 0
      const removal = state === null && current === clock && states.has(clientId)
      // The same condition as y-protocols' applyAwarenessUpdate: anything else changes nothing,
      // nor does removing a state the room does not hold (it would only grow the awareness' meta).
      if (!(current < clock || removal) || (state === null && !states.has(clientId))) continue
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
        throw new ProtocolError(
          CLOSE_CODES.MALFORMED_MESSAGE,
          `Malformed awareness update: the state of client ${clientId} is not an object`,
        )
      }
      const owner = this.claims.get(clientId)
      if (owner && owner !== peer && (!peer.policy || owner.policy?.actorId !== peer.policy.actorId)) continue
      // A present state no local connection owns came from another server instance: its owner is there.
      if (!owner && states.has(clientId)) continue
      kept.push(entry)
    }
    if (this.presence) this.checkPresenceCaps(peer, kept)
    const policy = peer.policy
    const presence = this.presence
    const rewritten = kept.map((entry) => {
      if (entry.state === null) return entry
      const shaped = presence ? presence.shape(entry.state as Record<string, unknown>) : entry.state
      return {
        ...entry,
        state: policy ? policy.rewriteAwarenessState(shaped as Record<string, unknown>) : shaped,
      }
    })
    // What is relayed must fit the limit too: stock clients echo every state they receive, and
    // the echo of a state grown past it by the rewrite would close every one of them with 4413.
    const limit = this.options.limits.maxAwarenessBytes
    for (const { clientId, state } of rewritten) {
      const bytes = state === null ? 0 : utf8Bytes.encode(JSON.stringify(state)).length
      if (bytes > limit) {
        throw new ProtocolError(
          CLOSE_CODES.MESSAGE_TOO_LARGE,
          `Awareness state of client ${clientId} is ${bytes} bytes with the user's identity, over the limit of ${limit} bytes`,
        )
      }
    }
    for (const { clientId } of kept) {
      const owner = this.claims.get(clientId)
      if (owner && owner !== peer) this.peers.get(owner)?.delete(clientId)
      this.claims.set(clientId, peer)
    }
    return encodeAwarenessEntries(rewritten)
  }

  /**
   * Throws 4413 if `kept` would have `peer` speak for more client ids than the presence rules
   * allow; then removes from `kept` (in place) the new ids beyond the room's cap of states.
   */
  private checkPresenceCaps(peer: Peer, kept: AwarenessEntry[]): void {
    const rules = this.presence as PresenceRules
    const owned = this.peers.get(peer) ?? new Set<number>()
    const states = this.awareness.states
    const added = new Set<number>()
    for (const { clientId, state } of kept) {
      if (state !== null && !owned.has(clientId)) added.add(clientId)
    }
    if (owned.size + added.size > rules.maxIdsPerConnection) {
      throw new ProtocolError(
        CLOSE_CODES.MESSAGE_TOO_LARGE,
        `Refused presence: ${owned.size + added.size} awareness client ids on one connection, over the limit of ${rules.maxIdsPerConnection}`,
      )
    }
    let room = rules.maxStates - states.size
    for (let index = 0; index < kept.length; index += 1) {
      const { clientId, state } = kept[index] as AwarenessEntry
      if (state === null || states.has(clientId)) continue
      if (room > 0) room -= 1
      else {
        this.log.warn({ peer: peer.id, clientId }, 'the room holds the most presence states: not relayed')
        kept.splice(index, 1)
        index -= 1
      }
    }
  }

  private applyPeerUpdate(peer: Peer, update: Uint8Array): void {
    try {
      Y.applyUpdate(this.doc, update, peer)
    } catch (cause) {
      // The update decoded but did not apply. Whatever part did apply went through onDocUpdate
      // and is stored like any other change, so storage and document agree.
      throw new ProtocolError(CLOSE_CODES.MALFORMED_MESSAGE, 'Malformed update: it could not be applied', {
        cause,
      })
    }
  }

  /** Every change to the document, whoever made it: store it, then broadcast it. */
  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.failure) return
    if (origin === REMOTE_ORIGIN && !this.remoteCarriesPeerContent) {
      // Durable already: relayed at once, even ahead of local updates still being stored.
      if (!this.closed) this.broadcast(encodeMessage({ type: 'update', update }), origin)
      return
    }
    const summary = summaryOf(this.doc)
    const summaryChanged = !sameSummary(summary, this.summary)
    if (summaryChanged) this.summary = summary
    const written = this.options.writer.append({
      noticeId: this.noticeId,
      update,
      ...(summaryChanged ? { summary } : {}),
    })
    this.pendingWrites += 1
    const previous = this.durable
    this.durable = Promise.all([previous, written]).then(
      ([, seq]) => {
        this.pendingWrites -= 1
        this.storedRows += 1
        this.tell((events) => events.stored(this, update, seq))
        if (!this.closed) this.broadcast(encodeMessage({ type: 'update', update }), origin)
        this.maybeCompact()
      },
      (error: unknown) => {
        this.pendingWrites -= 1
        this.fail(error instanceof Error ? error : new Error(String(error)))
      },
    )
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const clients = this.peers.get(origin as Peer)
    if (clients) {
      for (const id of added) clients.add(id)
      for (const id of updated) clients.add(id)
      for (const id of removed) clients.delete(id)
    }
    const changed = [...added, ...updated, ...removed]
    const update = encodeAwarenessUpdate(this.awareness, changed)
    // To every peer, the sender included: a y-websocket client that hears nothing for 30 s,
    // not even its own presence, assumes the connection is dead.
    const message = encodeMessage({ type: 'awareness', update })
    for (const peer of this.peers.keys()) peer.send(message)
    // Only our own peers' presence goes out: not what came from elsewhere, nor the expiry of
    // states that stopped being refreshed (each server expires those itself).
    if (origin !== REMOTE_ORIGIN && origin !== 'timeout')
      this.tell((events) => events.awareness(this, update))
  }

  /** Tells the listener, if any; a listener that throws is a bug, logged, never the room's problem. */
  private tell(call: (events: RoomEvents) => void): void {
    const events = this.options.events
    if (!events) return
    try {
      call(events)
    } catch (error) {
      this.log.error({ err: error }, 'a room event listener threw')
    }
  }

  private broadcast(message: Uint8Array, origin: unknown): void {
    for (const peer of this.peers.keys()) if (peer !== origin) peer.send(message)
  }

  private drop(peer: Peer, code: CloseCode, reason: string): void {
    peer.close(code, reason)
    this.removePeer(peer)
  }

  private fail(error: Error): void {
    if (this.failure) return
    this.failure = error
    this.log.error({ err: error }, 'an update could not be stored: closing the room')
    this.close(CLOSE_CODES.STORAGE_WRITE_FAILED, 'An update could not be stored; reconnect to resend it')
    this.options.onFailed(this)
  }

  private maybeCompact(): void {
    if (this.closed || this.compaction || this.storedRows <= this.options.compactAfterRows) return
    const run = async (): Promise<void> => {
      // Off the message path: start on the next turn of the event loop.
      await new Promise((resolve) => setImmediate(resolve))
      try {
        const merged = await this.options.compact(this.noticeId)
        if (merged > 0) {
          this.storedRows -= merged - 1
          this.log.debug({ merged, rows: this.storedRows }, 'compacted the update log')
        }
      } catch (error) {
        // Nothing is lost: a failed compaction leaves the log as it was.
        this.log.error({ err: error }, 'compaction of the update log failed; the log is unchanged')
      }
    }
    this.compaction = run().finally(() => {
      this.compaction = null
    })
  }
}
