/**
 * The rooms of the process: loads a notice's room on first use (one load however many clients
 * arrive at once), unloads it a grace period after its last peer left (unless someone comes
 * back meanwhile, hocuspocus#971), and closes them all, stored, at shutdown.
 */
import type { Logger } from 'pino'
import type { UpdateLog } from '../storage/update-log'
import { compactNoticeLog } from './compaction'
import { loadNoticeDoc } from './notice-doc'
import { NoticeNotFoundError } from './notice-errors'
import type { UpdateGuard, UpdateGuardFactory } from './notice-guard'
import type { PresenceRulesFactory } from './presence-rules'
import { CLOSE_CODES, type ProtocolLimits } from './protocol'
import { Room, RoomClosedError } from './room'
import type { RoomEvents } from './room-events'
import type { UpdateWriter } from './update-writer'

/** The registry is shutting down and opens no more rooms. */
export class RegistryClosedError extends Error {
  constructor() {
    super('The server is shutting down')
    this.name = 'RegistryClosedError'
  }
}

/** Options of {@link RoomRegistry}. */
export type RoomRegistryOptions = {
  /** The logs the rooms load, catch up and compact. */
  storage: UpdateLog
  /**
   * Deletes a document from storage once its room is closed, resolving false when there was none:
   * the notice with its text log, or the comments log of a deleted notice.
   */
  deleteStored: (noticeId: string) => Promise<boolean>
  writer: UpdateWriter
  logger: Logger
  limits: ProtocolLimits
  /** How long a room with no peer stays loaded, in milliseconds. */
  unloadDelayMs: number
  /** Compact a notice's stored log once it holds more rows than this. */
  compactAfterRows: number
  /**
   * Merges a notice's stored log into one row, resolving the number of rows merged (0 when it
   * merged nothing); defaults to `compactNoticeLog`. The cluster link passes one that takes a lock.
   */
  compact?: (noticeId: string) => Promise<number>
  /** Told when rooms open and close, updates become durable and presence changes. */
  events?: RoomEvents
  /** The guard of each room, checking every peer's update before it applies (see notice-guard.ts). */
  guard?: UpdateGuardFactory
  /** What presence each room relays and for how many client ids (see presence-rules.ts). */
  presence?: PresenceRulesFactory
}

/** Owns every loaded {@link Room}; the only way to get one. */
export class RoomRegistry {
  private readonly options: RoomRegistryOptions
  private readonly log: Logger
  private readonly rooms = new Map<string, Room>()
  private readonly loading = new Map<string, Promise<Room>>()
  private readonly unloadTimers = new Map<Room, ReturnType<typeof setTimeout>>()
  private readonly deleting = new Set<string>()
  private closing = false

  constructor(options: RoomRegistryOptions) {
    this.options = options
    this.log = options.logger
  }

  /** The number of rooms in memory. */
  get size(): number {
    return this.rooms.size
  }

  /** The open room of `noticeId` if it is loaded, without loading it. */
  peek(noticeId: string): Room | undefined {
    const room = this.rooms.get(noticeId)
    return room?.isOpen ? room : undefined
  }

  /**
   * The room of `noticeId`, loaded if needed and retained: call `room.release()` when done.
   * Throws {@link NoticeNotFoundError}, `NoticeLoadError` (a stored notice that does not load:
   * nothing is created or written), or {@link RegistryClosedError} during shutdown.
   */
  async acquire(noticeId: string): Promise<Room> {
    if (this.closing) throw new RegistryClosedError()
    if (this.deleting.has(noticeId)) throw new NoticeNotFoundError(noticeId)
    const loaded = this.rooms.get(noticeId)
    if (loaded) return this.retain(loaded)
    let loading = this.loading.get(noticeId)
    if (!loading) {
      loading = this.load(noticeId)
      this.loading.set(noticeId, loading)
      const done = (): void => void this.loading.delete(noticeId)
      loading.then(done, done)
    }
    return this.retain(await loading)
  }

  /**
   * Deletes notice `noticeId`: closes its room (peers get 4410) once its pending updates are
   * stored, then deletes it from storage. Resolves false if there was no such notice.
   */
  async delete(noticeId: string): Promise<boolean> {
    if (this.closing) throw new RegistryClosedError()
    this.deleting.add(noticeId)
    try {
      await this.loading.get(noticeId)?.catch(() => undefined)
      const room = this.rooms.get(noticeId)
      if (room) {
        this.forget(room)
        room.close(CLOSE_CODES.NOTICE_DELETED, `The notice "${noticeId}" was deleted`)
        await room.settle()
        room.destroy()
      }
      const deleted = await this.options.deleteStored(noticeId)
      if (deleted) this.options.events?.deleted(noticeId)
      return deleted
    } finally {
      this.deleting.delete(noticeId)
    }
  }

  /**
   * Shuts down: no room opens any more, every peer is closed with 1001, and every update already
   * accepted is stored before this resolves.
   */
  async close(): Promise<void> {
    this.closing = true
    for (const timer of this.unloadTimers.values()) clearTimeout(timer)
    this.unloadTimers.clear()
    await Promise.allSettled([...this.loading.values()])
    const rooms = [...this.rooms.values()]
    for (const room of rooms) this.forget(room)
    for (const room of rooms) room.close(CLOSE_CODES.GOING_AWAY, 'The server is shutting down')
    await Promise.all(rooms.map((room) => room.settle()))
    await this.options.writer.drain()
    for (const room of rooms) room.destroy()
  }

  private retain(room: Room): Room {
    if (!room.isOpen) throw new RoomClosedError(room.noticeId)
    this.cancelUnload(room)
    room.retain()
    return room
  }

  private async load(noticeId: string): Promise<Room> {
    const { doc, rows, lastSeq } = await loadNoticeDoc(this.options.storage, noticeId)
    let guard: UpdateGuard | undefined
    try {
      guard = await this.options.guard?.(doc, noticeId)
    } catch (error) {
      doc.destroy()
      throw error
    }
    if (this.closing || this.deleting.has(noticeId)) {
      guard?.destroy()
      doc.destroy()
      throw this.closing ? new RegistryClosedError() : new NoticeNotFoundError(noticeId)
    }
    const { storage, writer, logger, limits, compactAfterRows, events } = this.options
    const compact =
      this.options.compact ?? (async (id: string) => (await compactNoticeLog(storage, id))?.mergedRows ?? 0)
    const room = new Room({
      noticeId,
      doc,
      storedRows: rows,
      writer,
      logger,
      limits,
      compactAfterRows,
      compact,
      ...(events ? { events } : {}),
      ...(guard ? { guard } : {}),
      ...(this.options.presence ? { presence: this.options.presence } : {}),
      onIdle: (idle) => {
        events?.idle?.(idle)
        this.scheduleUnload(idle)
      },
      onFailed: (failed) => {
        this.forget(failed)
        void failed.settle().then(() => failed.destroy())
      },
    })
    this.rooms.set(noticeId, room)
    events?.opened(room, lastSeq)
    this.log.debug({ noticeId, rows }, 'loaded a room')
    // Unloaded after the grace period unless a caller retains it first (acquire cancels this).
    this.scheduleUnload(room)
    return room
  }

  private scheduleUnload(room: Room): void {
    if (this.closing || this.unloadTimers.has(room) || this.rooms.get(room.noticeId) !== room) return
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room)
      void this.unload(room)
    }, this.options.unloadDelayMs)
    timer.unref()
    this.unloadTimers.set(room, timer)
  }

  private cancelUnload(room: Room): void {
    const timer = this.unloadTimers.get(room)
    if (timer === undefined) return
    clearTimeout(timer)
    this.unloadTimers.delete(room)
  }

  private async unload(room: Room): Promise<void> {
    if (!room.isIdle || this.rooms.get(room.noticeId) !== room) return
    // Store what is pending first, keeping the room reachable: a client that reconnects
    // meanwhile finds this room, not a reload that could miss those updates.
    await room.settle()
    // Checked again with no await in between: whoever retained the room meanwhile keeps it.
    if (!room.isIdle || room.hasPendingWrites || this.rooms.get(room.noticeId) !== room) return
    this.forget(room)
    room.close(CLOSE_CODES.GOING_AWAY, 'The room was unloaded')
    room.destroy()
    this.log.debug({ noticeId: room.noticeId }, 'unloaded an idle room')
  }

  private forget(room: Room): void {
    this.cancelUnload(room)
    if (this.rooms.get(room.noticeId) !== room) return
    this.rooms.delete(room.noticeId)
    this.options.events?.closed(room)
  }
}
