/**
 * The speakers' directory in the PostgreSQL database of the notices, on the notice storage's
 * pool: `speakers` and `speaker_mentions` (from `POSTGRES_LIBRARY_MIGRATION`). Recording a
 * notice's mentions locks its notice row, so two instances indexing one notice take turns.
 */
import { SPEAKER_FIELDS, type SpeakerAttrs } from '@convene/schema'
import type { Pool } from 'pg'
import type { SpeakerRecord, SpeakerStorage } from '../speaker-storage'
import { UnknownNoticeError } from '../storage'
import { inTransaction } from './postgres-transaction'

/** Options of {@link createPostgresSpeakerStorage}. */
export type PostgresSpeakerStorageOptions = {
  /** The pool of the notice storage, on a migrated database (shared, not ended by this storage). */
  pool: Pool
  /** The database, for messages (URL without password, and schema). */
  where: string
}

type SpeakerRow = Omit<SpeakerRecord, 'editedAt' | 'notices'> & {
  edited_at: string | null
  notices: string[] | null
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
  editedAt: row.edited_at === null ? null : Number(row.edited_at),
  notices: (row.notices ?? []).filter((id) => id !== null).sort(),
})

const SELECT_SPEAKERS = `
  SELECT s.id, s.directory, s.key, s.honorific, s.name, s.delegation, s.role, s.preposition,
         s.organisation, s.edited_at, array_agg(m.notice_id) AS notices
  FROM speakers AS s LEFT JOIN speaker_mentions AS m ON m.speaker_id = s.id`

/**
 * A {@link SpeakerStorage} on the PostgreSQL database of `options.pool`, which must have been
 * migrated (opened by `openPostgresDatabase`).
 */
export function createPostgresSpeakerStorage(options: PostgresSpeakerStorageOptions): SpeakerStorage {
  const { pool, where } = options
  let closed = false

  const run = async <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    if (closed) throw new Error(`Cannot ${operation}: the PostgreSQL speaker storage ${where} is closed`)
    try {
      return await work()
    } catch (error) {
      if (error instanceof UnknownNoticeError) throw error
      throw new Error(`Cannot ${operation} in the PostgreSQL database ${where}`, { cause: error })
    }
  }

  const getSpeaker = (id: string): Promise<SpeakerRecord | null> =>
    run(`read speaker "${id}"`, async () => {
      const { rows } = await pool.query<SpeakerRow>(`${SELECT_SPEAKERS} WHERE s.id = $1 GROUP BY s.id`, [id])
      return rows[0] ? toRecord(rows[0]) : null
    })

  return {
    recordMentions: (noticeId, directory, mentions, newId) =>
      run(`record the speakers of notice "${noticeId}"`, () =>
        inTransaction(pool, async (client) => {
          const notice = await client.query('SELECT id FROM notices WHERE id = $1 FOR UPDATE', [noticeId])
          if (notice.rowCount === 0) throw new UnknownNoticeError(noticeId)
          await client.query('DELETE FROM speaker_mentions WHERE notice_id = $1', [noticeId])
          for (const mention of mentions) {
            const inserted = await client.query<{ id: string }>(
              `INSERT INTO speakers (id, directory, key, ${FIELD_COLUMNS.join(', ')})
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
               ON CONFLICT (directory, key) DO UPDATE SET key = excluded.key
               RETURNING id`,
              [newId(), directory, mention.key, ...FIELD_COLUMNS.map((field) => mention.fields[field])],
            )
            await client.query(
              'INSERT INTO speaker_mentions (speaker_id, notice_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
              [inserted.rows[0]?.id, noticeId],
            )
          }
        }),
      ),
    listSpeakers: () =>
      run('list the speakers', async () => {
        const { rows } = await pool.query<SpeakerRow>(`${SELECT_SPEAKERS} GROUP BY s.id`)
        return rows.map(toRecord)
      }),
    getSpeaker,
    updateSpeaker: async (id, fields: Partial<SpeakerAttrs>, editedAt) => {
      const changed = FIELD_COLUMNS.filter((field) => fields[field] !== undefined)
      const updated = await run(`update speaker "${id}"`, async () => {
        const assignments = [...changed.map((field, i) => `${field} = $${i + 3}`), 'edited_at = $2']
        const result = await pool.query(`UPDATE speakers SET ${assignments.join(', ')} WHERE id = $1`, [
          id,
          editedAt,
          ...changed.map((field) => fields[field]),
        ])
        return (result.rowCount ?? 0) > 0
      })
      return updated ? getSpeaker(id) : null
    },
    async close() {
      closed = true
    },
  }
}
