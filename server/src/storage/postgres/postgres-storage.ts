/**
 * Notice storage in PostgreSQL. Same shape as the SQLite storage: a notice row with the list's
 * summary fields and a `last_seq` counter, and the Yjs update log in `updates`. Every write that
 * touches a notice's log first locks that notice's row, so instances writing to the same notice
 * take turns and never reuse a seq.
 */
import { DatabaseError, type Pool, type PoolClient } from 'pg'
import {
  DuplicateNoticeError,
  type NewNotice,
  type NoticeRecord,
  type NoticeStorage,
  type NoticeSummary,
  type StoredUpdate,
  UnknownNoticeError,
  type UpdateAppend,
} from '../storage'
import { inTransaction as runInTransaction } from './postgres-transaction'

/** PostgreSQL's code for a unique violation (`23505`), e.g. a notice id that is already taken. */
const UNIQUE_VIOLATION = '23505'

const NOTICE_COLUMNS = 'id, created_at, updated_at, title, symbol, language'

const INSERT_NOTICE = `
  INSERT INTO notices (id, created_at, updated_at, title, symbol, language, last_seq)
  VALUES ($1, $2, $2, $3, $4, $5, 1)
  RETURNING ${NOTICE_COLUMNS}`

const INSERT_FIRST_UPDATE = 'INSERT INTO updates (notice_id, seq, bytes) VALUES ($1, 1, $2)'

const SELECT_NOTICE = `SELECT ${NOTICE_COLUMNS} FROM notices WHERE id = $1`

const SELECT_NOTICES = `SELECT ${NOTICE_COLUMNS} FROM notices ORDER BY updated_at DESC, id`

// One statement, hence one snapshot: the notice cannot vanish between finding it and its log.
const SELECT_LOG = `
  SELECT u.seq, u.bytes
  FROM notices AS n LEFT JOIN updates AS u ON u.notice_id = n.id
  WHERE n.id = $1
  ORDER BY u.seq`

// The same, from one seq on: a notice with no row after it still answers one all-null row.
const SELECT_LOG_AFTER = `
  SELECT u.seq, u.bytes
  FROM notices AS n LEFT JOIN updates AS u ON u.notice_id = n.id AND u.seq > $2
  WHERE n.id = $1
  ORDER BY u.seq`

// Locks in one global order (by id), so two instances appending batches that name the same
// notices in opposite orders wait for each other instead of deadlocking.
const LOCK_NOTICES = 'SELECT id FROM notices WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE'

// Reserves `count` seqs per notice under the row locks taken above; a summary is given as
// three non-null values or three nulls.
const RESERVE_SEQS = `
  UPDATE notices AS n
  SET last_seq   = n.last_seq + b.count,
      updated_at = greatest(n.updated_at, $6),
      title      = coalesce(b.title, n.title),
      symbol     = coalesce(b.symbol, n.symbol),
      language   = coalesce(b.language, n.language)
  FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[])
    AS b (id, count, title, symbol, language)
  WHERE n.id = b.id
  RETURNING n.id, n.last_seq`

const INSERT_UPDATES = `
  INSERT INTO updates (notice_id, seq, bytes)
  SELECT * FROM unnest($1::text[], $2::bigint[], $3::bytea[])`

const LOCK_NOTICE = 'SELECT id FROM notices WHERE id = $1 FOR UPDATE'

const REPLACE_UPDATE = 'UPDATE updates SET bytes = $3 WHERE notice_id = $1 AND seq = $2'

const DELETE_UPDATES_BEFORE = 'DELETE FROM updates WHERE notice_id = $1 AND seq < $2'

const DELETE_NOTICE = 'DELETE FROM notices WHERE id = $1'

// bigint columns arrive as strings (they may exceed 2^53); ours are milliseconds and counters.
type NoticeRow = {
  id: string
  created_at: string
  updated_at: string
  title: string
  symbol: string
  language: string
}

const toRecord = (row: NoticeRow): NoticeRecord => ({
  id: row.id,
  title: row.title,
  symbol: row.symbol,
  language: row.language,
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
})

/** A row of SELECT_LOG or SELECT_LOG_AFTER: all null for a notice without (matching) rows. */
type LogRow = { seq: string | null; bytes: Buffer | null }

// Hand out plain copies, never the driver's Buffers.
const toBytes = (blob: Buffer): Uint8Array => new Uint8Array(blob)

// Copies the caller's bytes at call time, so changing them afterwards changes nothing stored.
const copyBytes = (bytes: Uint8Array): Buffer => Buffer.from(bytes)

/** A notice's log from the rows of SELECT_LOG or SELECT_LOG_AFTER; null when there is no notice. */
const toLog = ({ rows }: { rows: LogRow[] }): StoredUpdate[] | null => {
  if (rows.length === 0) return null
  const log: StoredUpdate[] = []
  for (const row of rows) {
    if (row.seq !== null && row.bytes !== null) log.push({ seq: Number(row.seq), bytes: toBytes(row.bytes) })
  }
  return log
}

/** Our own errors, which the contract requires as they are; every other failure gets wrapped. */
const isStorageError = (error: unknown): boolean =>
  error instanceof UnknownNoticeError || error instanceof DuplicateNoticeError || error instanceof RangeError

/** What one notice's part of an append batch does to its row. */
type NoticePlan = { count: number; summary: NoticeSummary | null }

/**
 * The notices of the PostgreSQL database behind `options.pool`, whose schema is migrated (see
 * `openPostgresDatabase`). It owns the pool: closing it, once its operations have settled, ends it.
 */
export function createPostgresNoticeStorage(options: {
  pool: Pool
  /** The database, for messages (URL without password, and schema). */
  where: string
  now: () => number
}): NoticeStorage {
  const { pool, where, now } = options
  const inTransaction = <T>(work: (client: PoolClient) => Promise<T>): Promise<T> =>
    runInTransaction(pool, work)

  const pending = new Set<Promise<unknown>>()
  let closed = false
  let closing: Promise<void> | null = null

  /**
   * Runs one storage operation: refused once the storage is closing, tracked so that `close`
   * waits for it, and a driver failure rethrown naming the operation with the failure as cause.
   */
  const run = <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    if (closed) {
      return Promise.reject(new Error(`Cannot ${operation}: the PostgreSQL storage ${where} is closed`))
    }
    const result = work().catch((error: unknown) => {
      if (isStorageError(error)) throw error
      throw new Error(`Cannot ${operation} in the PostgreSQL database ${where}`, { cause: error })
    })
    const settled = result.then(
      () => {},
      () => {},
    )
    pending.add(settled)
    void settled.then(() => pending.delete(settled))
    return result
  }

  const notices: NoticeStorage = {
    kind: 'postgres',

    createNotice(notice: NewNotice): Promise<NoticeRecord> {
      const state = copyBytes(notice.state)
      const time = now()
      return run(`create notice "${notice.id}"`, async () => {
        try {
          return await inTransaction(async (client) => {
            const { title, symbol, language } = notice.summary
            const inserted = await client.query<NoticeRow>(INSERT_NOTICE, [
              notice.id,
              time,
              title,
              symbol,
              language,
            ])
            await client.query(INSERT_FIRST_UPDATE, [notice.id, state])
            return toRecord(inserted.rows[0] as NoticeRow)
          })
        } catch (error) {
          if (
            error instanceof DatabaseError &&
            error.code === UNIQUE_VIOLATION &&
            error.constraint === 'notices_pkey'
          ) {
            throw new DuplicateNoticeError(notice.id)
          }
          throw error
        }
      })
    },

    listNotices(): Promise<NoticeRecord[]> {
      return run('list notices', async () => {
        const { rows } = await pool.query<NoticeRow>(SELECT_NOTICES)
        return rows.map(toRecord)
      })
    },

    getNotice(id: string): Promise<NoticeRecord | null> {
      return run(`read notice "${id}"`, async () => {
        const { rows } = await pool.query<NoticeRow>(SELECT_NOTICE, [id])
        return rows[0] ? toRecord(rows[0]) : null
      })
    },

    loadUpdates(id: string): Promise<StoredUpdate[] | null> {
      return run(`load the updates of notice "${id}"`, async () =>
        toLog(await pool.query<LogRow>(SELECT_LOG, [id])),
      )
    },

    loadUpdatesAfter(id: string, afterSeq: number): Promise<StoredUpdate[] | null> {
      return run(`load the updates of notice "${id}" after ${afterSeq}`, async () =>
        toLog(await pool.query<LogRow>(SELECT_LOG_AFTER, [id, afterSeq])),
      )
    },

    appendUpdates(batch: readonly UpdateAppend[]): Promise<number[]> {
      if (batch.length === 0) return Promise.resolve([])
      const entries = batch.map((entry) => ({ noticeId: entry.noticeId, bytes: copyBytes(entry.update) }))
      const plans = new Map<string, NoticePlan>()
      for (const entry of batch) {
        const plan = plans.get(entry.noticeId) ?? { count: 0, summary: null }
        plan.count += 1
        // The last summary of the batch is the notice's summary after the batch.
        if (entry.summary) plan.summary = { ...entry.summary }
        plans.set(entry.noticeId, plan)
      }
      const time = now()
      return run(`append ${batch.length} updates`, () =>
        inTransaction(async (client) => {
          const ids = [...plans.keys()]
          const locked = await client.query<{ id: string }>(LOCK_NOTICES, [ids])
          if (locked.rows.length < ids.length) {
            const found = new Set(locked.rows.map((row) => row.id))
            throw new UnknownNoticeError(ids.find((id) => !found.has(id)) as string)
          }
          const reserved = await client.query<{ id: string; last_seq: string }>(RESERVE_SEQS, [
            ids,
            ids.map((id) => plans.get(id)?.count),
            ids.map((id) => plans.get(id)?.summary?.title ?? null),
            ids.map((id) => plans.get(id)?.summary?.symbol ?? null),
            ids.map((id) => plans.get(id)?.summary?.language ?? null),
            time,
          ])
          // Each notice's reserved seqs are last_seq - count + 1 ... last_seq, used in batch order.
          const nextSeq = new Map<string, number>()
          for (const row of reserved.rows) {
            nextSeq.set(row.id, Number(row.last_seq) - (plans.get(row.id)?.count ?? 0) + 1)
          }
          const seqs = entries.map((entry) => {
            const seq = nextSeq.get(entry.noticeId) as number
            nextSeq.set(entry.noticeId, seq + 1)
            return seq
          })
          await client.query(INSERT_UPDATES, [
            entries.map((entry) => entry.noticeId),
            seqs,
            entries.map((entry) => entry.bytes),
          ])
          return seqs
        }),
      )
    },

    compactUpdates(id: string, throughSeq: number, state: Uint8Array): Promise<void> {
      const merged = copyBytes(state)
      return run(`compact the updates of notice "${id}" through ${throughSeq}`, () =>
        inTransaction(async (client) => {
          // The row lock orders this with other instances' compactions and deletions; appends
          // only add rows after the notice's last_seq, which is at least throughSeq, so none of
          // them is among the rows replaced here.
          const notice = await client.query(LOCK_NOTICE, [id])
          if (notice.rows.length === 0) throw new UnknownNoticeError(id)
          const replaced = await client.query(REPLACE_UPDATE, [id, throughSeq, merged])
          if (replaced.rowCount === 0) {
            throw new RangeError(`Notice "${id}" has no update ${throughSeq} to compact through`)
          }
          await client.query(DELETE_UPDATES_BEFORE, [id, throughSeq])
        }),
      )
    },

    deleteNotice(id: string): Promise<boolean> {
      return run(`delete notice "${id}"`, async () => {
        const deleted = await pool.query(DELETE_NOTICE, [id])
        return (deleted.rowCount ?? 0) > 0
      })
    },

    close(): Promise<void> {
      closing ??= (async () => {
        closed = true
        await Promise.all(pending)
        await pool.end()
      })()
      return closing
    },
  }
  return notices
}
