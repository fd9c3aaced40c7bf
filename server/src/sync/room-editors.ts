/**
 * Who has a notice open now: the people behind the presence states of its text room (the server
 * writes each state's `user` from the session, so a name here is who they are), once each.
 */
import type { NoticeEditor } from '@convene/protocol'
import type { RoomRegistry } from './room-registry'

/** The people with notice `noticeId` open in `registry` (none when its room is not loaded), by name. */
export function roomEditors(registry: Pick<RoomRegistry, 'peek'>, noticeId: string): NoticeEditor[] {
  const room = registry.peek(noticeId)
  if (!room) return []
  const byUsername = new Map<string, NoticeEditor>()
  for (const state of room.awareness.getStates().values()) {
    const user = (state as { user?: { name?: unknown; username?: unknown } }).user
    if (typeof user?.username === 'string' && typeof user.name === 'string') {
      byUsername.set(user.username, { name: user.name, username: user.username })
    }
  }
  return [...byUsername.values()].sort((a, b) => a.name.localeCompare(b.name))
}
