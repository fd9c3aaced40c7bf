/**
 * A notice as data: its metadata and its content (Tiptap JSON of a {@link noticeSchema} document).
 * This is what the HTTP API accepts, what the Yjs helpers write and read, and what exporters print.
 */
import type { JSONContent } from '@tiptap/core'
import { NODE_NAMES } from './node-names'
import type { NoticeLanguage } from './notice-language'
import { blankNoticeMeta, type NoticeMeta } from './notice-meta'

/** A notice: validated metadata plus Tiptap JSON content. */
export type Notice = { meta: NoticeMeta; content: JSONContent }

/** A new, empty notice in `language`: blank metadata and one empty preamble paragraph. */
export function blankNotice(language: NoticeLanguage = 'en'): Notice {
  return {
    meta: blankNoticeMeta(language),
    content: { type: NODE_NAMES.doc, content: [{ type: NODE_NAMES.paragraph }] },
  }
}
