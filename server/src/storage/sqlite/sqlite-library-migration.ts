/**
 * The SQLite tables of the notice library and the speakers' directory (schema version 4): the
 * library's facts about each notice, the directory's people and the notices mentioning them.
 */

/** Migration 4: `notice_library`, `speakers`, `speaker_mentions`. */
export const SQLITE_LIBRARY_MIGRATION = `
  CREATE TABLE notice_library (
    notice_id       TEXT PRIMARY KEY REFERENCES notices (id) ON DELETE CASCADE,
    origin_notice   TEXT,
    origin_revision INTEGER,
    archived_at     INTEGER,
    indexed_at      INTEGER,
    organisation    TEXT NOT NULL DEFAULT '',
    meeting_date    TEXT NOT NULL DEFAULT '',
    search_text     TEXT NOT NULL DEFAULT ''
  ) STRICT;
  CREATE TABLE speakers (
    id           TEXT PRIMARY KEY,
    directory    TEXT NOT NULL,
    key          TEXT NOT NULL,
    honorific    TEXT NOT NULL DEFAULT '',
    name         TEXT NOT NULL DEFAULT '',
    delegation   TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL DEFAULT '',
    preposition  TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    edited_at    INTEGER,
    UNIQUE (directory, key)
  ) STRICT;
  CREATE TABLE speaker_mentions (
    speaker_id TEXT NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
    notice_id  TEXT NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    PRIMARY KEY (speaker_id, notice_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX speaker_mentions_by_notice ON speaker_mentions (notice_id);
`
