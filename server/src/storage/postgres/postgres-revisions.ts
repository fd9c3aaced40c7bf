/**
 * Revision storage in the PostgreSQL database of the notices (the notice storage's pool): the same
 * tables as on SQLite, `revisions` over content-addressed `revision_blobs` numbered by
 * `revision_counters`, and triggers that make frozen revisions immutable for any statement.
 * Writes to one notice's revisions take turns on its counter row, across server instances too.
 */
import { DatabaseError, type Pool, type PoolClient } from 'pg'
import {
  DuplicateRevisionLabelError,
  FrozenRevisionError,
  type NewRevision,
  type RevisionKind,
  type RevisionRecord,
  type RevisionStorage,
  UnknownRevisionError,
} from '../revision-storage'
import { UnknownNoticeError } from '../storage'
import type { PostgresMigration } from './postgres-migrations'
import { inTransaction as runInTransaction } from './postgres-transaction'

/**
 * The SQLSTATE the revision triggers raise with ("CV" for Convene, 409 for conflict), so that a
 * refusal by a trigger is told apart from any other failure.
 */
export const FROZEN_REVISION_SQLSTATE = 'CV409'

/**
 * The schema of revisions, one PostgreSQL migration (appended to `POSTGRES_MIGRATIONS`). Only
 * `label` and `frozen` of a revision ever change, and never once frozen: the triggers refuse every
 * UPDATE or DELETE of a frozen row (so also deleting its notice), a TRUNCATE while a frozen
 * revision exists, any change of the other columns, any UPDATE of a blob and the DELETE of a blob
 * a frozen revision points at. The trigger functions keep the migration's `search_path`, so they
 * find their tables whoever runs the statement.
 */
export const POSTGRES_REVISIONS_MIGRATION: PostgresMigration = {
  name: 'revisions over content-addressed state blobs, frozen revisions immutable',
  sql: `
    CREATE TABLE revision_counters (
      notice_id text PRIMARY KEY REFERENCES notices (id) ON DELETE CASCADE,
      last_rev  bigint NOT NULL
    );
    CREATE TABLE revision_blobs (
      notice_id  text NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
      key        text NOT NULL,
      bytes      bytea NOT NULL,
      created_at bigint NOT NULL,
      PRIMARY KEY (notice_id, key)
    );
    CREATE TABLE revisions (
      notice_id  text NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
      rev        bigint NOT NULL,
      kind       text NOT NULL CHECK (kind IN ('auto', 'named')),
      label      text,
      frozen     boolean NOT NULL DEFAULT false,
      hash       text NOT NULL,
      blob_key   text NOT NULL,
      author     text,
      created_at bigint NOT NULL,
      PRIMARY KEY (notice_id, rev),
      FOREIGN KEY (notice_id, blob_key) REFERENCES revision_blobs (notice_id, key),
      CHECK (NOT frozen OR label IS NOT NULL)
    );
    CREATE UNIQUE INDEX revisions_frozen_label ON revisions (notice_id, label) WHERE frozen;
    CREATE INDEX revisions_by_blob ON revisions (notice_id, blob_key);

    CREATE FUNCTION revisions_guard() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
    BEGIN
      IF OLD.frozen THEN
        RAISE EXCEPTION 'Revision % of notice "%" is frozen: it cannot be changed or deleted', OLD.rev, OLD.notice_id
          USING ERRCODE = '${FROZEN_REVISION_SQLSTATE}';
      END IF;
      IF TG_OP = 'DELETE' THEN
        RETURN OLD;
      END IF;
      IF (NEW.notice_id, NEW.rev, NEW.kind, NEW.hash, NEW.blob_key, NEW.author, NEW.created_at)
         IS DISTINCT FROM (OLD.notice_id, OLD.rev, OLD.kind, OLD.hash, OLD.blob_key, OLD.author, OLD.created_at) THEN
        RAISE EXCEPTION 'Revision % of notice "%": only its label and frozen flag can change', OLD.rev, OLD.notice_id
          USING ERRCODE = '${FROZEN_REVISION_SQLSTATE}';
      END IF;
      RETURN NEW;
    END
    $$;
    CREATE TRIGGER revisions_guard BEFORE UPDATE OR DELETE ON revisions
      FOR EACH ROW EXECUTE FUNCTION revisions_guard();

    CREATE FUNCTION revision_blobs_guard() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'Revision blob % of notice "%" is immutable', OLD.key, OLD.notice_id
          USING ERRCODE = '${FROZEN_REVISION_SQLSTATE}';
      END IF;
      IF EXISTS (SELECT 1 FROM revisions WHERE notice_id = OLD.notice_id AND blob_key = OLD.key AND frozen) THEN
        RAISE EXCEPTION 'Revision blob % of notice "%" belongs to a frozen revision: it cannot be deleted', OLD.key, OLD.notice_id
          USING ERRCODE = '${FROZEN_REVISION_SQLSTATE}';
      END IF;
      RETURN OLD;
    END
    $$;
    CREATE TRIGGER revision_blobs_guard BEFORE UPDATE OR DELETE ON revision_blobs
      FOR EACH ROW EXECUTE FUNCTION revision_blobs_guard();

    CREATE FUNCTION revisions_truncate_guard() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM revisions WHERE frozen) THEN
        RAISE EXCEPTION 'Revisions cannot be truncated: frozen revisions cannot be changed or deleted'
          USING ERRCODE = '${FROZEN_REVISION_SQLSTATE}';
      END IF;
      RETURN NULL;
    END
    $$;
    CREATE TRIGGER revisions_truncate_guard BEFORE TRUNCATE ON revisions
      FOR EACH STATEMENT EXECUTE FUNCTION revisions_truncate_guard();
    CREATE TRIGGER revision_blobs_truncate_guard BEFORE TRUNCATE ON revision_blobs
      FOR EACH STATEMENT EXECUTE FUNCTION revisions_truncate_guard();
  `,
}

/** Options of {@link createPostgresRevisionStorage}. */
export type PostgresRevisionStorageOptions = {
  /** The pool of the notice storage, on a migrated database (shared, not ended by this storage). */
  pool: Pool
  /** The database, for messages (URL without password, and schema). */
  where: string
  /** The clock, in milliseconds since the epoch (defaults to `Date.now`). */
  now?: () => number
}

const COLUMNS = 'notice_id, rev, kind, label, frozen, hash, blob_key, author, created_at'

const BUMP_COUNTER = `
  INSERT INTO revision_counters AS c (notice_id, last_rev) VALUES ($1, 1)
  ON CONFLICT (notice_id) DO UPDATE SET last_rev = c.last_rev + 1
  RETURNING last_rev`

const SELECT_LATEST = `SELECT ${COLUMNS} FROM revisions WHERE notice_id = $1 ORDER BY rev DESC LIMIT 1`

const SELECT_REVISIONS = `SELECT ${COLUMNS} FROM revisions WHERE notice_id = $1 ORDER BY rev DESC`

const SELECT_REVISION = `SELECT ${COLUMNS} FROM revisions WHERE notice_id = $1 AND rev = $2`

const LOCK_REVISION = `${SELECT_REVISION} FOR UPDATE`

const SELECT_FROZEN_LABEL = 'SELECT rev FROM revisions WHERE notice_id = $1 AND label = $2 AND frozen'

const INSERT_BLOB = `
  INSERT INTO revision_blobs (notice_id, key, bytes, created_at) VALUES ($1, $2, $3, $4)
  ON CONFLICT (notice_id, key) DO NOTHING`

const INSERT_REVISION = `
  INSERT INTO revisions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
  RETURNING ${COLUMNS}`

const SELECT_STATE = `
  SELECT b.bytes FROM revisions AS r
  JOIN revision_blobs AS b ON b.notice_id = r.notice_id AND b.key = r.blob_key
  WHERE r.notice_id = $1 AND r.rev = $2`

const UPDATE_LABEL = `UPDATE revisions SET label = $3 WHERE notice_id = $1 AND rev = $2 RETURNING ${COLUMNS}`

const UPDATE_FROZEN = `
  UPDATE revisions SET label = $3, frozen = true WHERE notice_id = $1 AND rev = $2 RETURNING ${COLUMNS}`

// The blob row is locked first, so two deletions of revisions sharing it see each other's result.
const LOCK_BLOB = 'SELECT key FROM revision_blobs WHERE notice_id = $1 AND key = $2 FOR UPDATE'

const DELETE_REVISION = 'DELETE FROM revisions WHERE notice_id = $1 AND rev = $2'

const DELETE_UNUSED_BLOB = `
  DELETE FROM revision_blobs WHERE notice_id = $1 AND key = $2
  AND NOT EXISTS (SELECT 1 FROM revisions WHERE notice_id = $1 AND blob_key = $2)`

const COUNT_BLOBS = 'SELECT count(*)::int AS count FROM revision_blobs WHERE notice_id = $1'

/** PostgreSQL's codes for a unique and a foreign key violation. */
const UNIQUE_VIOLATION = '23505'
const FOREIGN_KEY_VIOLATION = '23503'

// bigint columns arrive as strings.
type RevisionRow = {
  notice_id: string
  rev: string
  kind: string
  label: string | null
  frozen: boolean
  hash: string
  blob_key: string
  author: string | null
  created_at: string
}

const toRecord = (row: RevisionRow): RevisionRecord => ({
  noticeId: row.notice_id,
  rev: Number(row.rev),
  kind: row.kind as RevisionKind,
  label: row.label,
  frozen: row.frozen,
  hash: row.hash,
  blobKey: row.blob_key,
  author: row.author,
  createdAt: Number(row.created_at),
})

/** Our own errors, which the contract requires as they are; every other failure gets wrapped. */
const isRevisionError = (error: unknown): boolean =>
  error instanceof UnknownNoticeError ||
  error instanceof UnknownRevisionError ||
  error instanceof FrozenRevisionError ||
  error instanceof DuplicateRevisionLabelError ||
  error instanceof RangeError

/** Thrown inside a transaction to roll it back and resolve null (an unchanged automatic revision). */
const UNCHANGED = Symbol('unchanged')

/**
 * A {@link RevisionStorage} on the PostgreSQL database of `options.pool`, which must have been
 * migrated (opened by `openPostgresDatabase`).
 */
export function createPostgresRevisionStorage(options: PostgresRevisionStorageOptions): RevisionStorage {
  const { pool, where } = options
  const now = options.now ?? Date.now
  const pending = new Set<Promise<unknown>>()
  let closed = false

  const inTransaction = <T>(work: (client: PoolClient) => Promise<T>): Promise<T> =>
    runInTransaction(pool, work)

  /**
   * Runs one operation: refused once closed, tracked so that `close` waits for it, a trigger's
   * refusal turned into {@link FrozenRevisionError}, any other driver failure rethrown naming the
   * operation with the failure as its cause.
   */
  const run = <T>(
    operation: string,
    noticeId: string,
    rev: number | null,
    work: () => Promise<T>,
  ): Promise<T> => {
    if (closed) {
      return Promise.reject(
        new Error(`Cannot ${operation}: the PostgreSQL revision storage ${where} is closed`),
      )
    }
    const result = work().catch((error: unknown) => {
      if (isRevisionError(error)) throw error
      if (error instanceof DatabaseError && error.code === FROZEN_REVISION_SQLSTATE && rev !== null) {
        throw new FrozenRevisionError(noticeId, rev, { cause: error })
      }
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

  /** The revision, locked, which must exist and not be frozen. */
  const lockMutable = async (client: PoolClient, noticeId: string, rev: number): Promise<RevisionRow> => {
    const { rows } = await client.query<RevisionRow>(LOCK_REVISION, [noticeId, rev])
    const row = rows[0]
    if (!row) throw new UnknownRevisionError(noticeId, rev)
    if (row.frozen) throw new FrozenRevisionError(noticeId, rev)
    return row
  }

  /** Turns the frozen-label index's refusal into its own error. */
  const labelClash = (error: unknown, noticeId: string, label: string): unknown =>
    error instanceof DatabaseError &&
    error.code === UNIQUE_VIOLATION &&
    error.constraint === 'revisions_frozen_label'
      ? new DuplicateRevisionLabelError(noticeId, label, { cause: error })
      : error

  return {
    addRevision(revision: NewRevision): Promise<RevisionRecord | null> {
      const { noticeId } = revision
      const state = Buffer.from(revision.state)
      const time = now()
      return run(`add a revision to notice "${noticeId}"`, noticeId, null, async () => {
        try {
          return await inTransaction(async (client) => {
            // The counter row lock orders this with every other revision write to the notice.
            let rev: number
            try {
              const bumped = await client.query<{ last_rev: string }>(BUMP_COUNTER, [noticeId])
              rev = Number(bumped.rows[0]?.last_rev)
            } catch (error) {
              if (error instanceof DatabaseError && error.code === FOREIGN_KEY_VIOLATION) {
                throw new UnknownNoticeError(noticeId)
              }
              throw error
            }
            if (revision.onlyIfChanged) {
              const latest = await client.query<RevisionRow>(SELECT_LATEST, [noticeId])
              if (latest.rows[0]?.hash === revision.hash) throw UNCHANGED
            }
            if (revision.frozen && revision.label !== null) {
              const taken = await client.query(SELECT_FROZEN_LABEL, [noticeId, revision.label])
              if (taken.rows.length > 0) throw new DuplicateRevisionLabelError(noticeId, revision.label)
            }
            await client.query(INSERT_BLOB, [noticeId, revision.blobKey, state, time])
            const inserted = await client.query<RevisionRow>(INSERT_REVISION, [
              noticeId,
              rev,
              revision.kind,
              revision.label,
              revision.frozen,
              revision.hash,
              revision.blobKey,
              revision.author,
              time,
            ])
            return toRecord(inserted.rows[0] as RevisionRow)
          })
        } catch (error) {
          if (error === UNCHANGED) return null
          throw revision.label === null ? error : labelClash(error, noticeId, revision.label)
        }
      })
    },

    listRevisions(noticeId: string): Promise<RevisionRecord[]> {
      return run(`list the revisions of notice "${noticeId}"`, noticeId, null, async () => {
        const { rows } = await pool.query<RevisionRow>(SELECT_REVISIONS, [noticeId])
        return rows.map(toRecord)
      })
    },

    getRevision(noticeId: string, rev: number): Promise<RevisionRecord | null> {
      return run(`read revision ${rev} of notice "${noticeId}"`, noticeId, rev, async () => {
        const { rows } = await pool.query<RevisionRow>(SELECT_REVISION, [noticeId, rev])
        return rows[0] ? toRecord(rows[0]) : null
      })
    },

    latestRevision(noticeId: string): Promise<RevisionRecord | null> {
      return run(`read the latest revision of notice "${noticeId}"`, noticeId, null, async () => {
        const { rows } = await pool.query<RevisionRow>(SELECT_LATEST, [noticeId])
        return rows[0] ? toRecord(rows[0]) : null
      })
    },

    loadRevisionState(noticeId: string, rev: number): Promise<Uint8Array | null> {
      return run(`load the state of revision ${rev} of notice "${noticeId}"`, noticeId, rev, async () => {
        const { rows } = await pool.query<{ bytes: Buffer }>(SELECT_STATE, [noticeId, rev])
        // Hand out a plain copy, never the driver's Buffer.
        return rows[0] ? new Uint8Array(rows[0].bytes) : null
      })
    },

    labelRevision(noticeId: string, rev: number, label: string | null): Promise<RevisionRecord> {
      return run(`label revision ${rev} of notice "${noticeId}"`, noticeId, rev, () =>
        inTransaction(async (client) => {
          await lockMutable(client, noticeId, rev)
          const { rows } = await client.query<RevisionRow>(UPDATE_LABEL, [noticeId, rev, label])
          return toRecord(rows[0] as RevisionRow)
        }),
      )
    },

    freezeRevision(noticeId: string, rev: number, label: string): Promise<RevisionRecord> {
      return run(`freeze revision ${rev} of notice "${noticeId}"`, noticeId, rev, async () => {
        try {
          return await inTransaction(async (client) => {
            await lockMutable(client, noticeId, rev)
            const taken = await client.query(SELECT_FROZEN_LABEL, [noticeId, label])
            if (taken.rows.length > 0) throw new DuplicateRevisionLabelError(noticeId, label)
            const { rows } = await client.query<RevisionRow>(UPDATE_FROZEN, [noticeId, rev, label])
            return toRecord(rows[0] as RevisionRow)
          })
        } catch (error) {
          throw labelClash(error, noticeId, label)
        }
      })
    },

    deleteRevision(noticeId: string, rev: number): Promise<boolean> {
      return run(`delete revision ${rev} of notice "${noticeId}"`, noticeId, rev, () =>
        inTransaction(async (client) => {
          const found = await client.query<RevisionRow>(SELECT_REVISION, [noticeId, rev])
          const row = found.rows[0]
          if (!row) return false
          if (row.frozen) throw new FrozenRevisionError(noticeId, rev)
          await client.query(LOCK_BLOB, [noticeId, row.blob_key])
          const locked = await lockMutable(client, noticeId, rev).catch((error: unknown) => {
            if (error instanceof UnknownRevisionError) return null
            throw error
          })
          if (!locked) return false
          await client.query(DELETE_REVISION, [noticeId, rev])
          await client.query(DELETE_UNUSED_BLOB, [noticeId, row.blob_key])
          return true
        }),
      )
    },

    countBlobs(noticeId: string): Promise<number> {
      return run(`count the revision blobs of notice "${noticeId}"`, noticeId, null, async () => {
        const { rows } = await pool.query<{ count: number }>(COUNT_BLOBS, [noticeId])
        return rows[0]?.count ?? 0
      })
    },

    async close(): Promise<void> {
      closed = true
      await Promise.all(pending)
    },
  }
}
