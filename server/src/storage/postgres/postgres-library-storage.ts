/**
 * The notice library's facts in the PostgreSQL database of the notices, on the notice storage's
 * pool: one `notice_library` row per notice (from `POSTGRES_LIBRARY_MIGRATION`), gone with it.
 */
import { DatabaseError, type Pool } from 'pg'
import type { LibraryEntry, LibraryStorage } from '../library-storage'
import { UnknownNoticeError } from '../storage'

/** Options of {@link createPostgresLibraryStorage}. */
export type PostgresLibraryStorageOptions = {
  /** The pool of the notice storage, on a migrated database (shared, not ended by this storage). */
  pool: Pool
  /** The database, for messages (URL without password, and schema). */
  where: string
}

// bigint columns arrive as strings.
type LibraryRow = {
  notice_id: string
  origin_notice: string | null
  origin_revision: number | null
  archived_at: string | null
  indexed_at: string | null
  organisation: string
  meeting_date: string
  search_text: string
}

const toEntry = (row: LibraryRow): LibraryEntry => ({
  noticeId: row.notice_id,
  origin: row.origin_notice === null ? null : { notice: row.origin_notice, revision: row.origin_revision },
  archivedAt: row.archived_at === null ? null : Number(row.archived_at),
  index:
    row.indexed_at === null
      ? null
      : {
          indexedAt: Number(row.indexed_at),
          organisation: row.organisation,
          meetingDate: row.meeting_date,
          text: row.search_text,
        },
})

const SELECT = `SELECT notice_id, origin_notice, origin_revision, archived_at, indexed_at, organisation,
  meeting_date, search_text FROM notice_library`

const FOREIGN_KEY_VIOLATION = '23503'

/**
 * A {@link LibraryStorage} on the PostgreSQL database of `options.pool`, which must have been
 * migrated (opened by `openPostgresDatabase`).
 */
export function createPostgresLibraryStorage(options: PostgresLibraryStorageOptions): LibraryStorage {
  const { pool, where } = options
  let closed = false

  const run = async <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    if (closed) throw new Error(`Cannot ${operation}: the PostgreSQL library storage ${where} is closed`)
    try {
      return await work()
    } catch (error) {
      if (error instanceof UnknownNoticeError) throw error
      throw new Error(`Cannot ${operation} in the PostgreSQL database ${where}`, { cause: error })
    }
  }

  /** Upserts the notice's row setting `columns` to `values` ($2, $3 ...). */
  const upsert = (noticeId: string, columns: string[], values: unknown[], operation: string) =>
    run(operation, async () => {
      const placeholders = columns.map((_, i) => `$${i + 2}`)
      const updates = columns.map((column) => `${column} = excluded.${column}`)
      try {
        await pool.query(
          `INSERT INTO notice_library (notice_id, ${columns.join(', ')}) VALUES ($1, ${placeholders.join(', ')})
           ON CONFLICT (notice_id) DO UPDATE SET ${updates.join(', ')}`,
          [noticeId, ...values],
        )
      } catch (error) {
        if (error instanceof DatabaseError && error.code === FOREIGN_KEY_VIOLATION) {
          throw new UnknownNoticeError(noticeId)
        }
        throw error
      }
    })

  return {
    setOrigin: (noticeId, origin) =>
      upsert(
        noticeId,
        ['origin_notice', 'origin_revision'],
        [origin.notice, origin.revision],
        `record the origin of notice "${noticeId}"`,
      ),
    setArchived: (noticeId, archivedAt) =>
      upsert(noticeId, ['archived_at'], [archivedAt], `archive notice "${noticeId}"`),
    putIndex: (noticeId, index) =>
      upsert(
        noticeId,
        ['indexed_at', 'organisation', 'meeting_date', 'search_text'],
        [index.indexedAt, index.organisation, index.meetingDate, index.text],
        `index notice "${noticeId}"`,
      ),
    getEntry: (noticeId) =>
      run(`read the library entry of notice "${noticeId}"`, async () => {
        const { rows } = await pool.query<LibraryRow>(`${SELECT} WHERE notice_id = $1`, [noticeId])
        return rows[0] ? toEntry(rows[0]) : null
      }),
    listEntries: () =>
      run('list the library entries', async () => {
        const { rows } = await pool.query<LibraryRow>(SELECT)
        return rows.map(toEntry)
      }),
    async close() {
      closed = true
    },
  }
}
