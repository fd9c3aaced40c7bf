/**
 * Comments logs in the SQLite database of the notices, on the notice storage's own connection:
 * `comment_updates` holds the rows, `comment_logs` each notice's last seq (so a seq is never
 * reused, even after compaction). The tables come from `SQLITE_ACCOUNTS_MIGRATION`.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { CommentStorage } from '../comment-storage'
import { type StoredUpdate, UnknownNoticeError } from '../storage'
import type { UpdateAppend } from '../update-log'

/**
 * A {@link CommentStorage} on `db`, an open connection whose schema is migrated (the notice
 * storage did it). Closing it leaves `db` open: its owner closes it.
 */
export function createSqliteCommentStorage(db: BetterSqlite3.Database): CommentStorage {
  const noticeExists = db.prepare<[string], { id: string }>('SELECT id FROM notices WHERE id = ?')
  const selectRows = db.prepare<[string, number], { seq: number; bytes: Buffer }>(
    'SELECT seq, bytes FROM comment_updates WHERE notice_id = ? AND seq > ? ORDER BY seq',
  )
  const bumpSeq = db.prepare<[string], { last_seq: number }>(
    `INSERT INTO comment_logs (notice_id, last_seq) VALUES (?, 1)
     ON CONFLICT (notice_id) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq`,
  )
  const insertRow = db.prepare<[string, number, Uint8Array]>(
    'INSERT INTO comment_updates (notice_id, seq, bytes) VALUES (?, ?, ?)',
  )
  const hasRow = db.prepare<[string, number], { seq: number }>(
    'SELECT seq FROM comment_updates WHERE notice_id = ? AND seq = ?',
  )
  const deleteThrough = db.prepare<[string, number]>(
    'DELETE FROM comment_updates WHERE notice_id = ? AND seq <= ?',
  )
  const deleteRows = db.prepare<[string]>('DELETE FROM comment_updates WHERE notice_id = ?')
  const deleteLog = db.prepare<[string]>('DELETE FROM comment_logs WHERE notice_id = ?')

  const load = db.transaction((noticeId: string, afterSeq: number): StoredUpdate[] | null => {
    if (!noticeExists.get(noticeId)) return null
    return selectRows
      .all(noticeId, afterSeq)
      .map((row) => ({ seq: row.seq, bytes: new Uint8Array(row.bytes) }))
  })

  const append = db.transaction((batch: readonly UpdateAppend[]): number[] =>
    batch.map((entry) => {
      if (!noticeExists.get(entry.noticeId)) throw new UnknownNoticeError(entry.noticeId)
      const { last_seq: seq } = bumpSeq.get(entry.noticeId) as { last_seq: number }
      insertRow.run(entry.noticeId, seq, entry.update)
      return seq
    }),
  )

  const compact = db.transaction((noticeId: string, throughSeq: number, state: Uint8Array) => {
    if (!noticeExists.get(noticeId)) throw new UnknownNoticeError(noticeId)
    if (!hasRow.get(noticeId, throughSeq)) {
      throw new RangeError(
        `The comments of notice "${noticeId}" have no update ${throughSeq} to compact through`,
      )
    }
    deleteThrough.run(noticeId, throughSeq)
    insertRow.run(noticeId, throughSeq, state)
  })

  const remove = db.transaction((noticeId: string): boolean => {
    const deleted = deleteRows.run(noticeId).changes > 0
    deleteLog.run(noticeId)
    return deleted
  })

  return {
    kind: 'sqlite',
    async loadUpdates(noticeId) {
      return load(noticeId, 0)
    },
    async loadUpdatesAfter(noticeId, afterSeq) {
      return load(noticeId, afterSeq)
    },
    async appendUpdates(batch) {
      return batch.length === 0 ? [] : append(batch)
    },
    async compactUpdates(noticeId, throughSeq, state) {
      compact(noticeId, throughSeq, state)
    },
    async deleteUpdates(noticeId) {
      return remove(noticeId)
    },
    async close() {
      // The connection belongs to the notice storage, which closes it.
    },
  }
}
