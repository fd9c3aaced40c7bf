/**
 * The PostgreSQL tables of the notice library and the speakers' directory, one migration appended
 * to `POSTGRES_MIGRATIONS`: the library's facts about each notice, the directory's people and the
 * notices mentioning them. Deleting a notice deletes its facts and its mentions.
 */
import type { PostgresMigration } from './postgres-migrations'

/** The migration. */
export const POSTGRES_LIBRARY_MIGRATION: PostgresMigration = {
  name: 'notice library and speakers directory',
  sql: `
    CREATE TABLE notice_library (
      notice_id       text PRIMARY KEY REFERENCES notices (id) ON DELETE CASCADE,
      origin_notice   text,
      origin_revision integer,
      archived_at     bigint,
      indexed_at      bigint,
      organisation    text NOT NULL DEFAULT '',
      meeting_date    text NOT NULL DEFAULT '',
      search_text     text NOT NULL DEFAULT ''
    );
    CREATE TABLE speakers (
      id           text PRIMARY KEY,
      directory    text NOT NULL,
      key          text NOT NULL,
      honorific    text NOT NULL DEFAULT '',
      name         text NOT NULL DEFAULT '',
      delegation   text NOT NULL DEFAULT '',
      role         text NOT NULL DEFAULT '',
      preposition  text NOT NULL DEFAULT '',
      organisation text NOT NULL DEFAULT '',
      edited_at    bigint,
      UNIQUE (directory, key)
    );
    CREATE TABLE speaker_mentions (
      speaker_id text NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
      notice_id  text NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
      PRIMARY KEY (speaker_id, notice_id)
    );
    CREATE INDEX speaker_mentions_by_notice ON speaker_mentions (notice_id);
  `,
}
