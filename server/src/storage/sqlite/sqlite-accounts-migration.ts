/**
 * The SQLite schema of accounts and comments, one migration appended to `SQLITE_MIGRATIONS`:
 * users, their sessions (token hashes only), their roles on notices, the server's secrets, and each
 * notice's comments log. Deleting a notice deletes its memberships and comments; deleting a user
 * deletes their sessions and memberships.
 */

/** The migration's SQL. */
export const SQLITE_ACCOUNTS_MIGRATION = `
  CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    is_admin      INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX sessions_by_user ON sessions (user_id);
  CREATE TABLE memberships (
    notice_id  TEXT NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'reviewer', 'viewer')),
    granted_at INTEGER NOT NULL,
    PRIMARY KEY (notice_id, user_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX memberships_by_user ON memberships (user_id);
  CREATE TABLE server_secrets (
    name       TEXT PRIMARY KEY,
    value      BLOB NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE comment_logs (
    notice_id TEXT PRIMARY KEY REFERENCES notices (id) ON DELETE CASCADE,
    last_seq  INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE comment_updates (
    notice_id TEXT NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    bytes     BLOB NOT NULL,
    PRIMARY KEY (notice_id, seq)
  ) STRICT, WITHOUT ROWID;
`
