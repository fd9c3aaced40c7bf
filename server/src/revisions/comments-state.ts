/**
 * The comments of a notice as a revision keeps them: the encoded state of its comments document
 * (read from its live room once what it holds is stored, else from the comments log), with a
 * digest of what the threads say, so that a revision of unchanged text and unchanged comments
 * reuses its blob. A notice without any thread has no comments state.
 */
import { createHash } from 'node:crypto'
import { COMMENT_THREADS_MAP } from '@convene/schema'
import * as Y from 'yjs'
import type { UpdateLog } from '../storage/update-log'
import { loadNoticeDoc } from '../sync/notice-doc'
import { RoomClosedError } from '../sync/room'
import type { RoomRegistry } from '../sync/room-registry'
import { canonicalJson } from './canonical-json'

/** A notice's comments document captured for a revision. */
export type CommentsCapture = {
  /** `Y.encodeStateAsUpdate` of the comments document. */
  state: Uint8Array
  /** SHA-256 (hex) of the canonical JSON of its threads: equal comments, equal digest. */
  digest: string
}

/** The capture of a comments document, or null when it holds no thread. */
export function captureComments(doc: Y.Doc): CommentsCapture | null {
  const threads = doc.getMap<unknown>(COMMENT_THREADS_MAP)
  if (threads.size === 0) return null
  return {
    state: Y.encodeStateAsUpdate(doc),
    digest: createHash('sha256').update(canonicalJson(threads.toJSON())).digest('hex'),
  }
}

/**
 * Reads the comments document of a notice with `read`: from `registry` (the rooms of the comments
 * documents) or, when its room is not loaded, from `storage` (the comments logs).
 */
export function commentsDocReader<T>(
  registry: RoomRegistry,
  storage: UpdateLog,
  read: (doc: Y.Doc) => T,
): (noticeId: string) => Promise<T> {
  return async (noticeId) => {
    const room = registry.peek(noticeId)
    if (room) {
      room.retain()
      try {
        await room.whenDurable()
        return read(room.doc)
      } catch (error) {
        // The room closed meanwhile: the log has everything it stored.
        if (!(error instanceof RoomClosedError)) throw error
      } finally {
        room.release()
      }
    }
    const { doc } = await loadNoticeDoc(storage, noticeId)
    try {
      return read(doc)
    } finally {
      doc.destroy()
    }
  }
}

/**
 * Reads the comments of a notice for a revision from `registry` or, when its room is not loaded,
 * from `storage` (see {@link commentsDocReader}).
 */
export function commentsReader(
  registry: RoomRegistry,
  storage: UpdateLog,
): (noticeId: string) => Promise<CommentsCapture | null> {
  return commentsDocReader(registry, storage, captureComments)
}
