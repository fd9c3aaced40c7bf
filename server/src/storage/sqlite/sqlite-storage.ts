/**
 * The SQLite database (better-sqlite3, WAL, one file): the embedded default. Opens and migrates
 * the file, and keeps the notices (a row with the list's summary fields, and each notice's Yjs
 * update log in `updates`) beside the revisions, accounts and comments on the same connection.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { type Database, databaseOf } from '../database'
import {
  DuplicateNoticeError,
  type NewNotice,
  type NoticeRecord,
  type NoticeStorage,
  type StoredUpdate,
  UnknownNoticeError,
  type UpdateAppend,
} from '../storage'
import { createSqliteAccountStorage } from './sqlite-account-storage'
import { createSqliteCommentStorage } from './sqlite-comment-storage'
import { migrateSqlite } from './sqlite-migrations'
import { createSqliteRevisionStorage } from './sqlite-revisions'

/** Options of `openSqliteDatabase`. */
export type SqliteStorageOptions = {
  /** The database file; its directory is created if missing. `:memory:` for a private database. */
  file: string
  /** The clock, in milliseconds since the epoch (defaults to `Date.now`). */
  now?: () => number
}

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
 * Opens (creating and migrating as needed) the SQLite database at `options.file` with every
 * store on its one connection. Synchronous because better-sqlite3 is; call it once at startup.
 */
export function openSqliteDatabase(options: SqliteStorageOptions): Database {
  const { file } = options
  const now = options.now ?? Date.now
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  let db: BetterSqlite3.Database
  try {
    db = new BetterSqlite3(file)
  } catch (cause) {
    throw new Error(`Cannot open the SQLite database ${file}`, { cause })
  }
  try {
    db.pragma('journal_mode = WAL')
    // FULL, not NORMAL: in WAL mode NORMAL survives a process crash but may lose the last
    // commits on power loss, and the server promises that an update it broadcast is on disk.
    // Group commit (one transaction per event-loop turn) keeps the fsyncs few.
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    migrateSqlite(db, file)
  } catch (cause) {
    db.close()
    throw new Error(`Cannot prepare the SQLite database ${file}`, { cause })
  }

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

  // The notice storage owns the connection: closing it closes the database.
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
  return databaseOf('sqlite', {
    notices,
    revisions: createSqliteRevisionStorage({ db, now }),
    accounts: createSqliteAccountStorage(db),
    comments: createSqliteCommentStorage(db),
  })
}
