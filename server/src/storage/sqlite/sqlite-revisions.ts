/**
 * Revision storage in the SQLite database of the notices (the same better-sqlite3 connection):
 * `revisions` rows point at content-addressed `revision_blobs`, numbered by `revision_counters`.
 * Triggers make frozen revisions, and the blobs they point at, immutable for any statement.
 */
import type BetterSqlite3 from 'better-sqlite3'
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

/**
 * The schema of revisions, one SQLite migration (appended to `SQLITE_MIGRATIONS`).
 *
 * - `revision_counters` holds each notice's last revision number, so numbers are never reused.
 * - `revision_blobs` holds encoded revision states under a content key, once per notice and key.
 * - `revisions` points at a blob. Only `label` and `frozen` ever change, and never once frozen:
 *   the triggers refuse every UPDATE or DELETE of a frozen row (so also deleting its notice), any
 *   change of the other columns, any UPDATE of a blob and the DELETE of a blob a frozen revision
 *   points at, whoever runs the statement.
 */
export const SQLITE_REVISIONS_MIGRATION = `
  CREATE TABLE revision_counters (
    notice_id TEXT PRIMARY KEY REFERENCES notices (id) ON DELETE CASCADE,
    last_rev  INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE revision_blobs (
    notice_id  TEXT NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    bytes      BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (notice_id, key)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE revisions (
    notice_id  TEXT NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    rev        INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('auto', 'named')),
    label      TEXT,
    frozen     INTEGER NOT NULL DEFAULT 0 CHECK (frozen IN (0, 1)),
    hash       TEXT NOT NULL,
    blob_key   TEXT NOT NULL,
    author     TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (notice_id, rev),
    FOREIGN KEY (notice_id, blob_key) REFERENCES revision_blobs (notice_id, key),
    CHECK (frozen = 0 OR label IS NOT NULL)
  ) STRICT, WITHOUT ROWID;
  CREATE UNIQUE INDEX revisions_frozen_label ON revisions (notice_id, label) WHERE frozen = 1;
  CREATE INDEX revisions_by_blob ON revisions (notice_id, blob_key);
  CREATE TRIGGER revisions_frozen_no_update BEFORE UPDATE ON revisions WHEN OLD.frozen = 1
  BEGIN
    SELECT RAISE(ABORT, 'Revision ' || OLD.rev || ' of notice "' || OLD.notice_id || '" is frozen: it cannot be changed or deleted');
  END;
  CREATE TRIGGER revisions_frozen_no_delete BEFORE DELETE ON revisions WHEN OLD.frozen = 1
  BEGIN
    SELECT RAISE(ABORT, 'Revision ' || OLD.rev || ' of notice "' || OLD.notice_id || '" is frozen: it cannot be changed or deleted');
  END;
  CREATE TRIGGER revisions_fixed_columns
  BEFORE UPDATE OF notice_id, rev, kind, hash, blob_key, author, created_at ON revisions
  WHEN OLD.frozen = 0
  BEGIN
    SELECT RAISE(ABORT, 'Revision ' || OLD.rev || ' of notice "' || OLD.notice_id || '": only its label and frozen flag can change');
  END;
  CREATE TRIGGER revision_blobs_no_update BEFORE UPDATE ON revision_blobs
  BEGIN
    SELECT RAISE(ABORT, 'Revision blob ' || OLD.key || ' of notice "' || OLD.notice_id || '" is immutable');
  END;
  CREATE TRIGGER revision_blobs_frozen_no_delete BEFORE DELETE ON revision_blobs
  WHEN EXISTS (SELECT 1 FROM revisions WHERE notice_id = OLD.notice_id AND blob_key = OLD.key AND frozen = 1)
  BEGIN
    SELECT RAISE(ABORT, 'Revision blob ' || OLD.key || ' of notice "' || OLD.notice_id || '" belongs to a frozen revision: it cannot be deleted');
  END;
`

/** Options of {@link createSqliteRevisionStorage}. */
export type SqliteRevisionStorageOptions = {
  /** The open, migrated database of the notice storage (shared, not closed by this storage). */
  db: BetterSqlite3.Database
  /** The clock, in milliseconds since the epoch (defaults to `Date.now`). */
  now?: () => number
}

type RevisionRow = {
  notice_id: string
  rev: number
  kind: string
  label: string | null
  frozen: number
  hash: string
  blob_key: string
  author: string | null
  created_at: number
}

const toRecord = (row: RevisionRow): RevisionRecord => ({
  noticeId: row.notice_id,
  rev: row.rev,
  kind: row.kind as RevisionKind,
  label: row.label,
  frozen: row.frozen === 1,
  hash: row.hash,
  blobKey: row.blob_key,
  author: row.author,
  createdAt: row.created_at,
})

const COLUMNS = 'notice_id, rev, kind, label, frozen, hash, blob_key, author, created_at'

/** Whether `error` is SQLite refusing a second frozen revision with the same label. */
const isFrozenLabelClash = (error: unknown): boolean =>
  error instanceof Error &&
  (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' &&
  error.message.includes('revisions.label')

/**
 * A {@link RevisionStorage} on the SQLite database `options.db`, which must have been migrated
 * (opened by `openSqliteDatabase`). Synchronous underneath, like better-sqlite3.
 */
export function createSqliteRevisionStorage(options: SqliteRevisionStorageOptions): RevisionStorage {
  const { db } = options
  const now = options.now ?? Date.now
  let closed = false

  const selectNotice = db.prepare<[string], { id: string }>('SELECT id FROM notices WHERE id = ?')
  const bumpCounter = db.prepare<[string], { last_rev: number }>(
    `INSERT INTO revision_counters (notice_id, last_rev) VALUES (?, 1)
     ON CONFLICT (notice_id) DO UPDATE SET last_rev = last_rev + 1
     RETURNING last_rev`,
  )
  const selectLatest = db.prepare<[string], RevisionRow>(
    `SELECT ${COLUMNS} FROM revisions WHERE notice_id = ? ORDER BY rev DESC LIMIT 1`,
  )
  const selectRevisions = db.prepare<[string], RevisionRow>(
    `SELECT ${COLUMNS} FROM revisions WHERE notice_id = ? ORDER BY rev DESC`,
  )
  const selectRevision = db.prepare<[string, number], RevisionRow>(
    `SELECT ${COLUMNS} FROM revisions WHERE notice_id = ? AND rev = ?`,
  )
  const selectFrozenLabel = db.prepare<[string, string], { rev: number }>(
    'SELECT rev FROM revisions WHERE notice_id = ? AND label = ? AND frozen = 1',
  )
  const insertBlob = db.prepare<[string, string, Uint8Array, number]>(
    `INSERT INTO revision_blobs (notice_id, key, bytes, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (notice_id, key) DO NOTHING`,
  )
  const insertRevision = db.prepare<
    [string, number, string, string | null, number, string, string, string | null, number]
  >(`INSERT INTO revisions (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const selectState = db.prepare<[string, number], { bytes: Buffer }>(
    `SELECT b.bytes FROM revisions AS r
     JOIN revision_blobs AS b ON b.notice_id = r.notice_id AND b.key = r.blob_key
     WHERE r.notice_id = ? AND r.rev = ?`,
  )
  const updateLabel = db.prepare<[string | null, string, number]>(
    'UPDATE revisions SET label = ? WHERE notice_id = ? AND rev = ?',
  )
  const updateFrozen = db.prepare<[string, string, number]>(
    'UPDATE revisions SET label = ?, frozen = 1 WHERE notice_id = ? AND rev = ?',
  )
  const deleteRevisionRow = db.prepare<[string, number]>(
    'DELETE FROM revisions WHERE notice_id = ? AND rev = ?',
  )
  const deleteUnusedBlob = db.prepare<[string, string, string, string]>(
    `DELETE FROM revision_blobs WHERE notice_id = ? AND key = ?
     AND NOT EXISTS (SELECT 1 FROM revisions WHERE notice_id = ? AND blob_key = ?)`,
  )
  const countBlobRows = db.prepare<[string], { count: number }>(
    'SELECT count(*) AS count FROM revision_blobs WHERE notice_id = ?',
  )

  const open = (): void => {
    if (closed) throw new Error('The SQLite revision storage is closed')
  }

  /** The revision, which must exist and not be frozen. */
  const mutable = (noticeId: string, rev: number): RevisionRow => {
    const row = selectRevision.get(noticeId, rev)
    if (!row) throw new UnknownRevisionError(noticeId, rev)
    if (row.frozen === 1) throw new FrozenRevisionError(noticeId, rev)
    return row
  }

  const add = db.transaction((revision: NewRevision, time: number): RevisionRecord | null => {
    const { noticeId } = revision
    if (!selectNotice.get(noticeId)) throw new UnknownNoticeError(noticeId)
    if (revision.onlyIfChanged && selectLatest.get(noticeId)?.hash === revision.hash) return null
    if (revision.frozen && revision.label !== null && selectFrozenLabel.get(noticeId, revision.label)) {
      throw new DuplicateRevisionLabelError(noticeId, revision.label)
    }
    const rev = (bumpCounter.get(noticeId) as { last_rev: number }).last_rev
    insertBlob.run(noticeId, revision.blobKey, revision.state, time)
    insertRevision.run(
      noticeId,
      rev,
      revision.kind,
      revision.label,
      revision.frozen ? 1 : 0,
      revision.hash,
      revision.blobKey,
      revision.author,
      time,
    )
    return toRecord(selectRevision.get(noticeId, rev) as RevisionRow)
  })

  const label = db.transaction((noticeId: string, rev: number, value: string | null) => {
    mutable(noticeId, rev)
    updateLabel.run(value, noticeId, rev)
    return toRecord(selectRevision.get(noticeId, rev) as RevisionRow)
  })

  const freeze = db.transaction((noticeId: string, rev: number, value: string) => {
    mutable(noticeId, rev)
    if (selectFrozenLabel.get(noticeId, value)) throw new DuplicateRevisionLabelError(noticeId, value)
    updateFrozen.run(value, noticeId, rev)
    return toRecord(selectRevision.get(noticeId, rev) as RevisionRow)
  })

  const remove = db.transaction((noticeId: string, rev: number): boolean => {
    const row = selectRevision.get(noticeId, rev)
    if (!row) return false
    if (row.frozen === 1) throw new FrozenRevisionError(noticeId, rev)
    deleteRevisionRow.run(noticeId, rev)
    deleteUnusedBlob.run(noticeId, row.blob_key, noticeId, row.blob_key)
    return true
  })

  /** Runs a write, turning the frozen-label index's refusal into its own error. */
  const write = <T>(noticeId: string, label: string | null, work: () => T): T => {
    open()
    try {
      return work()
    } catch (error) {
      if (label !== null && isFrozenLabelClash(error)) {
        throw new DuplicateRevisionLabelError(noticeId, label, { cause: error })
      }
      throw error
    }
  }

  return {
    async addRevision(revision: NewRevision): Promise<RevisionRecord | null> {
      return write(revision.noticeId, revision.label, () => add(revision, now()))
    },

    async listRevisions(noticeId: string): Promise<RevisionRecord[]> {
      open()
      return selectRevisions.all(noticeId).map(toRecord)
    },

    async getRevision(noticeId: string, rev: number): Promise<RevisionRecord | null> {
      open()
      const row = selectRevision.get(noticeId, rev)
      return row ? toRecord(row) : null
    },

    async latestRevision(noticeId: string): Promise<RevisionRecord | null> {
      open()
      const row = selectLatest.get(noticeId)
      return row ? toRecord(row) : null
    },

    async loadRevisionState(noticeId: string, rev: number): Promise<Uint8Array | null> {
      open()
      const row = selectState.get(noticeId, rev)
      // better-sqlite3's Buffers may share memory: hand out a plain copy.
      return row ? new Uint8Array(row.bytes) : null
    },

    async labelRevision(noticeId: string, rev: number, value: string | null): Promise<RevisionRecord> {
      return write(noticeId, null, () => label(noticeId, rev, value))
    },

    async freezeRevision(noticeId: string, rev: number, value: string): Promise<RevisionRecord> {
      return write(noticeId, value, () => freeze(noticeId, rev, value))
    },

    async deleteRevision(noticeId: string, rev: number): Promise<boolean> {
      return write(noticeId, null, () => remove(noticeId, rev))
    },

    async countBlobs(noticeId: string): Promise<number> {
      open()
      return countBlobRows.get(noticeId)?.count ?? 0
    },

    async close(): Promise<void> {
      closed = true
    },
  }
}
