/**
 * Notice storage in the SQLite database: a notice row with the list's summary fields, and the
 * notice's Yjs update log in `updates`.
 */
import type BetterSqlite3 from 'better-sqlite3'
import {
  DuplicateNoticeError,
  type NewNotice,
  type NoticeRecord,
  type NoticeStorage,
  type StoredUpdate,
  UnknownNoticeError,
  type UpdateAppend,
} from '../storage'

type NoticeRow = {
  id: string
  created_at: number
  updated_at: number
  title: string
  symbol: string
  language: string
}

const toRecord = (row: NoticeRow): NoticeRecord => ({
  id: row.id,
  title: row.title,
  symbol: row.symbol,
  language: row.language,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
})

// better-sqlite3 returns BLOBs as Buffers, whose slice() shares memory: hand out plain copies.
const toBytes = (blob: Buffer): Uint8Array => new Uint8Array(blob)

/**
 * The notices of the SQLite database `db`, an open connection whose schema is migrated (see
 * `openSqliteDatabase`). It owns the connection: closing it closes `db`.
 */
export function createSqliteNoticeStorage(db: BetterSqlite3.Database, now: () => number): NoticeStorage {
  const insertNotice = db.prepare<[string, number, number, string, string, string]>(
    `INSERT INTO notices (id, created_at, updated_at, title, symbol, language, last_seq)
     VALUES (?, ?, ?, ?, ?, ?, 1)`,
  )
  const selectNotice = db.prepare<[string], NoticeRow>(
    'SELECT id, created_at, updated_at, title, symbol, language FROM notices WHERE id = ?',
  )
  const selectNotices = db.prepare<[], NoticeRow>(
    'SELECT id, created_at, updated_at, title, symbol, language FROM notices ORDER BY updated_at DESC, id',
  )
  const selectUpdates = db.prepare<[string], { seq: number; bytes: Buffer }>(
    'SELECT seq, bytes FROM updates WHERE notice_id = ? ORDER BY seq',
  )
  const selectUpdatesAfter = db.prepare<[string, number], { seq: number; bytes: Buffer }>(
    'SELECT seq, bytes FROM updates WHERE notice_id = ? AND seq > ? ORDER BY seq',
  )
  const insertUpdate = db.prepare<[string, number, Uint8Array]>(
    'INSERT INTO updates (notice_id, seq, bytes) VALUES (?, ?, ?)',
  )
  const bumpSeq = db.prepare<[number, string], { last_seq: number }>(
    'UPDATE notices SET last_seq = last_seq + 1, updated_at = max(updated_at, ?) WHERE id = ? RETURNING last_seq',
  )
  const updateSummary = db.prepare<[string, string, string, string]>(
    'UPDATE notices SET title = ?, symbol = ?, language = ? WHERE id = ?',
  )
  const hasUpdate = db.prepare<[string, number], { seq: number }>(
    'SELECT seq FROM updates WHERE notice_id = ? AND seq = ?',
  )
  const deleteUpdatesThrough = db.prepare<[string, number]>(
    'DELETE FROM updates WHERE notice_id = ? AND seq <= ?',
  )
  const deleteNoticeRow = db.prepare<[string]>('DELETE FROM notices WHERE id = ?')

  const create = db.transaction((notice: NewNotice, time: number) => {
    if (selectNotice.get(notice.id)) throw new DuplicateNoticeError(notice.id)
    const { title, symbol, language } = notice.summary
    insertNotice.run(notice.id, time, time, title, symbol, language)
    insertUpdate.run(notice.id, 1, notice.state)
  })

  const append = db.transaction((batch: readonly UpdateAppend[], time: number): number[] =>
    batch.map((entry) => {
      const bumped = bumpSeq.get(time, entry.noticeId)
      if (!bumped) throw new UnknownNoticeError(entry.noticeId)
      insertUpdate.run(entry.noticeId, bumped.last_seq, entry.update)
      if (entry.summary) {
        const { title, symbol, language } = entry.summary
        updateSummary.run(title, symbol, language, entry.noticeId)
      }
      return bumped.last_seq
    }),
  )

  const compact = db.transaction((id: string, throughSeq: number, state: Uint8Array) => {
    if (!selectNotice.get(id)) throw new UnknownNoticeError(id)
    if (!hasUpdate.get(id, throughSeq)) {
      throw new RangeError(`Notice "${id}" has no update ${throughSeq} to compact through`)
    }
    deleteUpdatesThrough.run(id, throughSeq)
    insertUpdate.run(id, throughSeq, state)
  })

  const notices: NoticeStorage = {
    kind: 'sqlite',

    async createNotice(notice: NewNotice): Promise<NoticeRecord> {
      create(notice, now())
      return toRecord(selectNotice.get(notice.id) as NoticeRow)
    },

    async listNotices(): Promise<NoticeRecord[]> {
      return selectNotices.all().map(toRecord)
    },

    async getNotice(id: string): Promise<NoticeRecord | null> {
      const row = selectNotice.get(id)
      return row ? toRecord(row) : null
    },

    async loadUpdates(id: string): Promise<StoredUpdate[] | null> {
      // One read transaction, so the notice cannot be deleted between the two reads.
      return db.transaction(() => {
        if (!selectNotice.get(id)) return null
        return selectUpdates.all(id).map((row) => ({ seq: row.seq, bytes: toBytes(row.bytes) }))
      })()
    },

    async loadUpdatesAfter(id: string, afterSeq: number): Promise<StoredUpdate[] | null> {
      return db.transaction(() => {
        if (!selectNotice.get(id)) return null
        return selectUpdatesAfter
          .all(id, afterSeq)
          .map((row) => ({ seq: row.seq, bytes: toBytes(row.bytes) }))
      })()
    },

    async appendUpdates(batch: readonly UpdateAppend[]): Promise<number[]> {
      if (batch.length === 0) return []
      return append(batch, now())
    },

    async compactUpdates(id: string, throughSeq: number, state: Uint8Array): Promise<void> {
      compact(id, throughSeq, state)
    },

    async deleteNotice(id: string): Promise<boolean> {
      return deleteNoticeRow.run(id).changes > 0
    },

    async close(): Promise<void> {
      if (db.open) db.close()
    },
  }
  return notices
}
