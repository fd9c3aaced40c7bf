/**
 * Several listeners on the rooms of one registry (the cluster link, the automatic revisions),
 * behind the one `RoomEvents` a registry takes. Each listener hears every event, in order; one that
 * throws is logged by the room and does not keep the others from hearing it.
 */
import type { Room } from './room'
import type { RoomEvents } from './room-events'

/** One `RoomEvents` telling each of `listeners`, or undefined when there is none. */
export function fanOutRoomEvents(
  listeners: readonly (RoomEvents | null | undefined)[],
): RoomEvents | undefined {
  const all = listeners.filter((listener): listener is RoomEvents => listener != null)
  if (all.length === 0) return undefined
  if (all.length === 1) return all[0]
  /** Tells every listener, then rethrows the first failure (the room logs it). */
  const each = (call: (listener: RoomEvents) => void): void => {
    let failure: unknown = null
    for (const listener of all) {
      try {
        call(listener)
      } catch (error) {
        failure ??= error
      }
    }
    if (failure !== null) throw failure
  }
  return {
    opened: (room: Room, lastSeq: number) => each((listener) => listener.opened(room, lastSeq)),
    stored: (room: Room, update: Uint8Array, seq: number) =>
      each((listener) => listener.stored(room, update, seq)),
    awareness: (room: Room, update: Uint8Array) => each((listener) => listener.awareness(room, update)),
    closed: (room: Room) => each((listener) => listener.closed(room)),
    deleted: (noticeId: string) => each((listener) => listener.deleted(noticeId)),
    idle: (room: Room) => each((listener) => listener.idle?.(room)),
  }
}
