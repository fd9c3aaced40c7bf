/**
 * The PostgreSQL schema of accounts and comments, one migration appended to
 * `POSTGRES_MIGRATIONS`: users, their sessions (token hashes only), their roles on notices, the
 * server's secrets, and each notice's comments log. Deleting a notice deletes its memberships and
 * comments; deleting a user deletes their sessions and memberships.
 */
import type { PostgresMigration } from './postgres-migrations'

/** The migration. */
export const POSTGRES_ACCOUNTS_MIGRATION: PostgresMigration = {
  name: 'accounts, sessions, memberships, secrets and comments logs',
  sql: `
    CREATE TABLE users (
      id            text PRIMARY KEY,
      username      text NOT NULL UNIQUE,
      display_name  text NOT NULL,
      password_hash text NOT NULL,
      is_admin      boolean NOT NULL DEFAULT false,
      disabled      boolean NOT NULL DEFAULT false,
      created_at    bigint NOT NULL,
      updated_at    bigint NOT NULL
    );
    CREATE TABLE sessions (
      id           text PRIMARY KEY,
      token_hash   text NOT NULL UNIQUE,
      user_id      text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at   bigint NOT NULL,
      last_seen_at bigint NOT NULL,
      expires_at   bigint NOT NULL
    );
    CREATE INDEX sessions_by_user ON sessions (user_id);
    CREATE TABLE memberships (
      notice_id  text NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
      user_id    text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      role       text NOT NULL CHECK (role IN ('owner', 'editor', 'reviewer', 'viewer')),
      granted_at bigint NOT NULL,
      PRIMARY KEY (notice_id, user_id)
    );
    CREATE INDEX memberships_by_user ON memberships (user_id);
    CREATE TABLE server_secrets (
      name       text PRIMARY KEY,
      value      bytea NOT NULL,
      created_at bigint NOT NULL
    );
    CREATE TABLE comment_logs (
      notice_id text PRIMARY KEY REFERENCES notices (id) ON DELETE CASCADE,
      last_seq  bigint NOT NULL
    );
    CREATE TABLE comment_updates (
      notice_id text NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
      seq       bigint NOT NULL,
      bytes     bytea NOT NULL,
      PRIMARY KEY (notice_id, seq)
    );
  `,
}
