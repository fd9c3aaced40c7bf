/**
 * The notice library's facts in the SQLite database of the notices, on the notice storage's own
 * connection: one `notice_library` row per notice (from `SQLITE_LIBRARY_MIGRATION`), gone with it.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { LibraryEntry, LibraryStorage } from '../library-storage'
import { UnknownNoticeError } from '../storage'

type LibraryRow = {
  notice_id: string
  origin_notice: string | null
  origin_revision: number | null
  archived_at: number | null
  indexed_at: number | null
  organisation: string
  meeting_date: string
  search_text: string
}

const toEntry = (row: LibraryRow): LibraryEntry => ({
  noticeId: row.notice_id,
  origin: row.origin_notice === null ? null : { notice: row.origin_notice, revision: row.origin_revision },
  archivedAt: row.archived_at,
  index:
    row.indexed_at === null
      ? null
      : {
          indexedAt: row.indexed_at,
          organisation: row.organisation,
          meetingDate: row.meeting_date,
          text: row.search_text,
        },
})

const COLUMNS =
  'notice_id, origin_notice, origin_revision, archived_at, indexed_at, organisation, meeting_date, search_text'

/**
 * A {@link LibraryStorage} on `db`, an open connection whose schema is migrated (the notice
 * storage did it). Closing it leaves `db` open: its owner closes it.
 */
export function createSqliteLibraryStorage(db: BetterSqlite3.Database): LibraryStorage {
  const noticeExists = db.prepare<[string], { id: string }>('SELECT id FROM notices WHERE id = ?')
  const ensureRow = db.prepare<[string]>(
    'INSERT INTO notice_library (notice_id) VALUES (?) ON CONFLICT (notice_id) DO NOTHING',
  )
  const updateOrigin = db.prepare<[string, number | null, string]>(
    'UPDATE notice_library SET origin_notice = ?, origin_revision = ? WHERE notice_id = ?',
  )
  const updateArchived = db.prepare<[number | null, string]>(
    'UPDATE notice_library SET archived_at = ? WHERE notice_id = ?',
  )
  const updateIndex = db.prepare<[number, string, string, string, string]>(
    `UPDATE notice_library SET indexed_at = ?, organisation = ?, meeting_date = ?, search_text = ?
     WHERE notice_id = ?`,
  )
  const selectEntry = db.prepare<[string], LibraryRow>(
    `SELECT ${COLUMNS} FROM notice_library WHERE notice_id = ?`,
  )
  const selectEntries = db.prepare<[], LibraryRow>(`SELECT ${COLUMNS} FROM notice_library`)
  let closed = false

  const write = (noticeId: string, apply: () => void): void => {
    if (closed) throw new Error('The SQLite library storage is closed')
    db.transaction(() => {
      if (!noticeExists.get(noticeId)) throw new UnknownNoticeError(noticeId)
      ensureRow.run(noticeId)
      apply()
    })()
  }

  return {
    async setOrigin(noticeId, origin) {
      write(noticeId, () => updateOrigin.run(origin.notice, origin.revision, noticeId))
    },
    async setArchived(noticeId, archivedAt) {
      write(noticeId, () => updateArchived.run(archivedAt, noticeId))
    },
    async putIndex(noticeId, index) {
      write(noticeId, () =>
        updateIndex.run(index.indexedAt, index.organisation, index.meetingDate, index.text, noticeId),
      )
    },
    async getEntry(noticeId) {
      const row = selectEntry.get(noticeId)
      return row ? toEntry(row) : null
    },
    async listEntries() {
      return selectEntries.all().map(toEntry)
    },
    async close() {
      closed = true
    },
  }
}
