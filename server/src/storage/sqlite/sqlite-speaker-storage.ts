/**
 * The speakers' directory in the SQLite database of the notices, on the notice storage's own
 * connection: `speakers` and `speaker_mentions` (from `SQLITE_LIBRARY_MIGRATION`).
 */
import { SPEAKER_FIELDS, type SpeakerAttrs } from '@convene/schema'
import type BetterSqlite3 from 'better-sqlite3'
import type { SpeakerMention, SpeakerRecord, SpeakerStorage } from '../speaker-storage'
import { UnknownNoticeError } from '../storage'

type SpeakerRow = Omit<SpeakerRecord, 'editedAt' | 'notices'> & {
  edited_at: number | null
  notices: string | null
}

// The columns are named after the speaker fields.
const FIELD_COLUMNS = SPEAKER_FIELDS

const toRecord = (row: SpeakerRow): SpeakerRecord => ({
  id: row.id,
  directory: row.directory,
  key: row.key,
  honorific: row.honorific,
  name: row.name,
  delegation: row.delegation,
  role: row.role,
  preposition: row.preposition,
  organisation: row.organisation,
  editedAt: row.edited_at,
  notices: row.notices === null ? [] : row.notices.split('\n').sort(),
})

const SELECT_SPEAKERS = `
  SELECT s.id, s.directory, s.key, s.honorific, s.name, s.delegation, s.role, s.preposition,
         s.organisation, s.edited_at, group_concat(m.notice_id, char(10)) AS notices
  FROM speakers AS s LEFT JOIN speaker_mentions AS m ON m.speaker_id = s.id`

/**
 * A {@link SpeakerStorage} on `db`, an open connection whose schema is migrated (the notice
 * storage did it). Closing it leaves `db` open: its owner closes it.
 */
export function createSqliteSpeakerStorage(db: BetterSqlite3.Database): SpeakerStorage {
  const noticeExists = db.prepare<[string], { id: string }>('SELECT id FROM notices WHERE id = ?')
  const deleteMentions = db.prepare<[string]>('DELETE FROM speaker_mentions WHERE notice_id = ?')
  const findSpeaker = db.prepare<[string, string], { id: string }>(
    'SELECT id FROM speakers WHERE directory = ? AND key = ?',
  )
  const insertSpeaker = db.prepare<[string, string, string, ...string[]]>(
    `INSERT INTO speakers (id, directory, key, ${FIELD_COLUMNS.join(', ')}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertMention = db.prepare<[string, string]>(
    'INSERT INTO speaker_mentions (speaker_id, notice_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
  )
  const selectSpeakers = db.prepare<[], SpeakerRow>(`${SELECT_SPEAKERS} GROUP BY s.id`)
  const selectSpeaker = db.prepare<[string], SpeakerRow>(`${SELECT_SPEAKERS} WHERE s.id = ? GROUP BY s.id`)
  let closed = false
  const open = (): void => {
    if (closed) throw new Error('The SQLite speaker storage is closed')
  }

  const record = db.transaction(
    (noticeId: string, directory: string, mentions: readonly SpeakerMention[], newId: () => string) => {
      if (!noticeExists.get(noticeId)) throw new UnknownNoticeError(noticeId)
      deleteMentions.run(noticeId)
      for (const mention of mentions) {
        let id = findSpeaker.get(directory, mention.key)?.id
        if (id === undefined) {
          id = newId()
          insertSpeaker.run(
            id,
            directory,
            mention.key,
            ...FIELD_COLUMNS.map((field) => mention.fields[field]),
          )
        }
        insertMention.run(id, noticeId)
      }
    },
  )

  return {
    async recordMentions(noticeId, directory, mentions, newId) {
      open()
      record(noticeId, directory, mentions, newId)
    },
    async listSpeakers() {
      open()
      return selectSpeakers.all().map(toRecord)
    },
    async getSpeaker(id) {
      open()
      const row = selectSpeaker.get(id)
      return row ? toRecord(row) : null
    },
    async updateSpeaker(id, fields: Partial<SpeakerAttrs>, editedAt) {
      open()
      const changed = FIELD_COLUMNS.filter((field) => fields[field] !== undefined)
      const assignments = [...changed.map((field) => `${field} = ?`), 'edited_at = ?'].join(', ')
      const result = db
        .prepare(`UPDATE speakers SET ${assignments} WHERE id = ?`)
        .run(...changed.map((field) => fields[field] as string), editedAt, id)
      if (result.changes === 0) return null
      const row = selectSpeaker.get(id)
      return row ? toRecord(row) : null
    },
    async close() {
      closed = true
    },
  }
}
