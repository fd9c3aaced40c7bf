/**
 * Every store of one database, opened together on one connection (SQLite) or pool (PostgreSQL),
 * or side by side in memory: what `openDatabase` returns, and the only way the server reaches storage.
 */
import type { AccountStorage } from './account-storage'
import type { CommentStorage } from './comment-storage'
import type { LibraryStorage } from './library-storage'
import type { RevisionStorage } from './revision-storage'
import type { SpeakerStorage } from './speaker-storage'
import type { NoticeStorage } from './storage'

/** The backends `openDatabase` can open. */
export type DatabaseKind = 'sqlite' | 'postgres' | 'memory'

/** One open database and every store kept in it. */
export type Database = {
  /** The backend, for health checks and logs. */
  readonly kind: DatabaseKind
  /** The SQLite file, for checks that open it on their own connection (`PRAGMA quick_check`); null for other backends. */
  readonly file: string | null
  /** The notices catalogue and each notice's text update log. */
  readonly notices: NoticeStorage
  /** The revisions of every notice. */
  readonly revisions: RevisionStorage
  /** Users, sessions, access tokens and notice memberships. */
  readonly accounts: AccountStorage
  /** Each notice's comments update log. */
  readonly comments: CommentStorage
  /** The notice library's facts: origins, archiving, the search index. */
  readonly library: LibraryStorage
  /** The speakers' directory. */
  readonly speakers: SpeakerStorage
  /**
   * Closes every store, waiting for the writes under way, then the connection. Idempotent.
   */
  close(): Promise<void>
}

/**
 * Assembles a {@link Database} from its stores: closing it closes the companions first and the
 * notice storage last, since the notice storage owns the connection the others share.
 */
export function databaseOf(
  kind: DatabaseKind,
  stores: Omit<Database, 'kind' | 'file' | 'close'>,
  file: string | null = null,
): Database {
  let closing: Promise<void> | null = null
  return {
    kind,
    file,
    ...stores,
    close() {
      closing ??= (async () => {
        try {
          await Promise.all([
            stores.revisions.close(),
            stores.accounts.close(),
            stores.comments.close(),
            stores.library.close(),
            stores.speakers.close(),
          ])
        } finally {
          await stores.notices.close()
        }
      })()
      return closing
    },
  }
}
