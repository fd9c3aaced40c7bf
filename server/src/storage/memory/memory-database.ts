/**
 * A whole database held in process memory: every store side by side, nothing survives a restart.
 * It serves tests that need a server without a file.
 */
import { type Database, databaseOf } from '../database'
import { createMemoryAccountStorage } from './memory-account-storage'
import { createMemoryCommentStorage } from './memory-comment-storage'
import { createMemoryLibraryStorage } from './memory-library-storage'
import { createMemoryRevisionStorage } from './memory-revisions'
import { createMemorySpeakerStorage } from './memory-speaker-storage'
import { createMemoryStorage, type MemoryStorageOptions } from './memory-storage'

/** Creates an empty in-memory {@link Database}. */
export function createMemoryDatabase(options: MemoryStorageOptions = {}): Database {
  const notices = createMemoryStorage(options)
  return databaseOf('memory', {
    notices,
    revisions: createMemoryRevisionStorage({ notices, ...(options.now ? { now: options.now } : {}) }),
    accounts: createMemoryAccountStorage(),
    comments: createMemoryCommentStorage(notices),
    library: createMemoryLibraryStorage(notices),
    speakers: createMemorySpeakerStorage(notices),
  })
}
