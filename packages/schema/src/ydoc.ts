/**
 * The Yjs layout of a notice and the conversions between it and a {@link Notice}: the Tiptap
 * document lives in the Y.XmlFragment {@link CONTENT_FIELD}, the metadata in the Y.Map
 * {@link META_MAP}, one string per field. Conversions always use {@link noticeSchema}, so nothing
 * a peer can hold is unknown to them.
 *
 * Wire layout of a notice Y.Doc:
 *   getXmlFragment('content')  Tiptap/ProseMirror document (y-prosemirror encoding: one Y.XmlElement per
 *                              node named after the node type, attributes as XML attributes, text as Y.XmlText
 *                              with marks as formatting attributes)
 *   getMap('meta')             { [field of NoticeMeta]: string }
 */
import type { JSONContent } from '@tiptap/core'
import { prosemirrorToYXmlFragment } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import { docFromJSON } from './doc-from-json'
import type { Notice } from './notice'
import {
  NOTICE_META_FIELDS,
  type NoticeMeta,
  type NoticeMetaPatch,
  parseNoticeMeta,
  parseNoticeMetaPatch,
} from './notice-meta'
import { readNoticeLeniently } from './ydoc-lenient-read'

/** Name of the Y.XmlFragment holding the Tiptap document (`Collaboration.configure({ field: CONTENT_FIELD })`). */
export const CONTENT_FIELD = 'content'

/** Name of the Y.Map holding the notice metadata, one string value per {@link NoticeMeta} field. */
export const META_MAP = 'meta'

/**
 * Fills an EMPTY Y.Doc with a notice, in one transaction. Metadata and content are validated first
 * (throws MetaError / NoticeContentError); throws if the doc already holds content or metadata,
 * because writing a converted document over a live one loses concurrent edits.
 */
export function writeNoticeToYDoc(ydoc: Y.Doc, notice: Notice): void {
  const fragment = ydoc.getXmlFragment(CONTENT_FIELD)
  const metaMap = ydoc.getMap<string>(META_MAP)
  if (fragment.length > 0 || metaMap.size > 0) {
    throw new Error(
      `writeNoticeToYDoc needs an empty Y.Doc, but "${CONTENT_FIELD}" holds ${fragment.length} nodes and "${META_MAP}" holds ${metaMap.size} fields`,
    )
  }
  const meta = parseNoticeMeta(notice.meta)
  const doc = docFromJSON(notice.content)
  ydoc.transact(() => {
    prosemirrorToYXmlFragment(doc, fragment)
    for (const field of NOTICE_META_FIELDS) metaMap.set(field, meta[field])
  })
}

/**
 * Reads a notice from a Y.Doc: the metadata fields of the meta map that pass the metadata rules,
 * and the content as Tiptap JSON of a valid {@link noticeSchema} document (structure only: a live
 * document may briefly hold a duplicate agenda id). Never throws for what the doc holds: a part
 * that does not fit (a state stored before updates were checked) is left out; the server's check
 * of updates (ydoc-check.ts) keeps anything new from needing that, and
 * {@link readNoticeLeniently} names what was left out.
 */
export function readNoticeFromYDoc(ydoc: Y.Doc): { meta: Partial<NoticeMeta>; content: JSONContent } {
  const { meta, content } = readNoticeLeniently(ydoc)
  return { meta, content }
}

/** The metadata fields present in the meta map (string values of known fields only). */
export function readMeta(ydoc: Y.Doc): Partial<NoticeMeta> {
  const metaMap = ydoc.getMap<unknown>(META_MAP)
  const meta: Record<string, string> = {}
  for (const field of NOTICE_META_FIELDS) {
    const value = metaMap.get(field)
    if (typeof value === 'string') meta[field] = value
  }
  return meta as Partial<NoticeMeta>
}

/**
 * Validates a metadata patch (throws MetaError naming the field) and writes its fields into the meta
 * map in one transaction; returns the validated patch. `origin` tags the transaction (e.g. for undo).
 */
export function writeMeta(ydoc: Y.Doc, patch: unknown, origin?: unknown): NoticeMetaPatch {
  const valid = parseNoticeMetaPatch(patch)
  ydoc.transact(() => {
    const metaMap = ydoc.getMap<string>(META_MAP)
    for (const [field, value] of Object.entries(valid)) {
      if (typeof value === 'string') metaMap.set(field, value)
    }
  }, origin)
  return valid
}
