/**
 * What rooms tell a listener outside the sync code, such as the cluster link that joins server
 * instances: rooms opening and closing, updates becoming durable, and local presence changing.
 * The sync code never depends on who listens.
 */
import type { Room } from './room'

/**
 * Listens to the rooms of one registry. Every method is called synchronously from the room's
 * own code path and must not throw (the room swallows and logs an exception, nothing else).
 */
export interface RoomEvents {
  /** `room` was loaded from storage, holding every update of its log through seq `lastSeq`. */
  opened(room: Room, lastSeq: number): void
  /** An update that `room` accepted is durable as seq `seq`; called just before it is broadcast. */
  stored(room: Room, update: Uint8Array, seq: number): void
  /**
   * The presence of `room`'s own peers changed (never presence that came from elsewhere):
   * `update` is a y-protocols awareness update of the changed clients.
   */
  awareness(room: Room, update: Uint8Array): void
  /** `room` left the registry (unloaded, deleted, failed or shut down); it applies nothing more. */
  closed(room: Room): void
  /** Notice `noticeId` was deleted from storage by this server. */
  deleted(noticeId: string): void
  /**
   * `room` has no peer and no hold left: its last editor left (it unloads after a grace period
   * unless someone comes back). Optional: the automatic revisions listen to it.
   */
  idle?(room: Room): void
}
