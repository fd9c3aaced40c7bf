/**
 * Comments logs in the PostgreSQL database of the notices, on the notice storage's pool:
 * `comment_updates` holds the rows, `comment_logs` each notice's last seq. Appending bumps that
 * counter row, which locks it, so instances appending to one notice's comments take turns and
 * never reuse a seq. The tables come from `POSTGRES_ACCOUNTS_MIGRATION`.
 */
import { DatabaseError, type Pool, type PoolClient } from 'pg'
import type { CommentStorage } from '../comment-storage'
import { type StoredUpdate, UnknownNoticeError } from '../storage'
import type { UpdateAppend } from '../update-log'
import { inTransaction as runInTransaction } from './postgres-transaction'

/** Options of {@link createPostgresCommentStorage}. */
export type PostgresCommentStorageOptions = {
  /** The pool of the notice storage, on a migrated database (shared, not ended by this storage). */
  pool: Pool
  /** The database, for messages (URL without password, and schema). */
  where: string
}

// One statement, one snapshot: the notice cannot vanish between finding it and its rows.
const SELECT_LOG = `
  SELECT u.seq, u.bytes
  FROM notices AS n LEFT JOIN comment_updates AS u ON u.notice_id = n.id AND u.seq > $2
  WHERE n.id = $1
  ORDER BY u.seq`

const BUMP_SEQ = `
  INSERT INTO comment_logs AS l (notice_id, last_seq) VALUES ($1, 1)
  ON CONFLICT (notice_id) DO UPDATE SET last_seq = l.last_seq + 1
  RETURNING last_seq`

const INSERT_ROW = 'INSERT INTO comment_updates (notice_id, seq, bytes) VALUES ($1, $2, $3)'

const LOCK_LOG = 'SELECT last_seq FROM comment_logs WHERE notice_id = $1 FOR UPDATE'

const REPLACE_ROW = 'UPDATE comment_updates SET bytes = $3 WHERE notice_id = $1 AND seq = $2'

const DELETE_BEFORE = 'DELETE FROM comment_updates WHERE notice_id = $1 AND seq < $2'

const FOREIGN_KEY_VIOLATION = '23503'

const isOwnError = (error: unknown): boolean =>
  error instanceof UnknownNoticeError || error instanceof RangeError

/**
 * A {@link CommentStorage} on the PostgreSQL database of `options.pool`, which must have been
 * migrated (opened by `openPostgresDatabase`).
 */
export function createPostgresCommentStorage(options: PostgresCommentStorageOptions): CommentStorage {
  const { pool, where } = options
  let closed = false

  const run = async <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    if (closed) throw new Error(`Cannot ${operation}: the PostgreSQL comment storage ${where} is closed`)
    try {
      return await work()
    } catch (error) {
      if (isOwnError(error)) throw error
      throw new Error(`Cannot ${operation} in the PostgreSQL database ${where}`, { cause: error })
    }
  }

  const inTransaction = <T>(work: (client: PoolClient) => Promise<T>): Promise<T> =>
    runInTransaction(pool, work)

  const load = (noticeId: string, afterSeq: number): Promise<StoredUpdate[] | null> =>
    run(`load the comments of notice "${noticeId}"`, async () => {
      const { rows } = await pool.query<{ seq: string | null; bytes: Buffer | null }>(SELECT_LOG, [
        noticeId,
        afterSeq,
      ])
      if (rows.length === 0) return null
      const log: StoredUpdate[] = []
      for (const row of rows) {
        if (row.seq !== null && row.bytes !== null)
          log.push({ seq: Number(row.seq), bytes: new Uint8Array(row.bytes) })
      }
      return log
    })

  return {
    kind: 'postgres',

    loadUpdates: (noticeId) => load(noticeId, 0),

    loadUpdatesAfter: load,

    appendUpdates: (batch: readonly UpdateAppend[]) => {
      if (batch.length === 0) return Promise.resolve([])
      const entries = batch.map((entry) => ({ noticeId: entry.noticeId, bytes: Buffer.from(entry.update) }))
      return run(`append ${batch.length} comment updates`, () =>
        inTransaction(async (client) => {
          const seqs: number[] = []
          for (const entry of entries) {
            try {
              const { rows } = await client.query<{ last_seq: string }>(BUMP_SEQ, [entry.noticeId])
              const seq = Number(rows[0]?.last_seq)
              await client.query(INSERT_ROW, [entry.noticeId, seq, entry.bytes])
              seqs.push(seq)
            } catch (error) {
              if (error instanceof DatabaseError && error.code === FOREIGN_KEY_VIOLATION) {
                throw new UnknownNoticeError(entry.noticeId)
              }
              throw error
            }
          }
          return seqs
        }),
      )
    },

    compactUpdates: (noticeId, throughSeq, state) => {
      const merged = Buffer.from(state)
      return run(`compact the comments of notice "${noticeId}" through ${throughSeq}`, () =>
        inTransaction(async (client) => {
          const locked = await client.query(LOCK_LOG, [noticeId])
          if (locked.rows.length === 0) {
            const notice = await client.query('SELECT id FROM notices WHERE id = $1', [noticeId])
            if (notice.rows.length === 0) throw new UnknownNoticeError(noticeId)
          }
          const replaced = await client.query(REPLACE_ROW, [noticeId, throughSeq, merged])
          if (replaced.rowCount === 0) {
            throw new RangeError(
              `The comments of notice "${noticeId}" have no update ${throughSeq} to compact through`,
            )
          }
          await client.query(DELETE_BEFORE, [noticeId, throughSeq])
        }),
      )
    },

    deleteUpdates: (noticeId) =>
      run(`delete the comments of notice "${noticeId}"`, () =>
        inTransaction(async (client) => {
          const deleted = await client.query('DELETE FROM comment_updates WHERE notice_id = $1', [noticeId])
          await client.query('DELETE FROM comment_logs WHERE notice_id = $1', [noticeId])
          return (deleted.rowCount ?? 0) > 0
        }),
      ),

    async close() {
      // The pool belongs to the notice storage, which ends it.
      closed = true
    },
  }
}
