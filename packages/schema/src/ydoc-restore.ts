/**
 * Making a live notice Y.Doc equal to another version of the notice (a revision being restored) by
 * ordinary, minimal Yjs edits, the way the editor binding turns a new ProseMirror document into
 * edits: unchanged nodes and text are kept, so edits other peers make concurrently still merge.
 * The one sanctioned way to write a converted document into a live one (see writeNoticeToYDoc).
 */
import type { JSONContent } from '@tiptap/core'
import { initProseMirrorDoc, updateYFragment } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import { docFromJSON } from './doc-from-json'
import { noticeSchema } from './notice-extensions'
import { NOTICE_META_FIELDS, type NoticeMeta, parseNoticeMetaPatch } from './notice-meta'
import { CONTENT_FIELD, META_MAP } from './ydoc'

/**
 * Changes `ydoc` in ONE transaction (tagged `origin`) so that it reads back as `notice`: the content
 * fragment is diffed into place with y-tiptap's `updateYFragment` (the editor binding's own diff), and
 * each metadata field is set to the notice's value, or removed when the notice does not have it; fields
 * already equal are not rewritten. Validates first (NoticeContentError / MetaError) and changes nothing
 * when validation fails. Content is checked structurally only (`strict: false`), like a live document.
 */
export function applyNoticeToYDoc(
  ydoc: Y.Doc,
  notice: { meta: Partial<NoticeMeta>; content: JSONContent },
  origin?: unknown,
): void {
  const target = docFromJSON(notice.content, { strict: false })
  const meta = parseNoticeMetaPatch(notice.meta)
  const fragment = ydoc.getXmlFragment(CONTENT_FIELD)
  const metaMap = ydoc.getMap<unknown>(META_MAP)
  ydoc.transact(() => {
    // The mapping of the current Y types to ProseMirror nodes lets the diff keep every unchanged node.
    const { meta: binding } = initProseMirrorDoc(fragment, noticeSchema)
    updateYFragment(ydoc, fragment, target, binding)
    for (const field of NOTICE_META_FIELDS) {
      const value = meta[field]
      if (value === undefined) {
        if (metaMap.has(field)) metaMap.delete(field)
      } else if (metaMap.get(field) !== value) {
        metaMap.set(field, value)
      }
    }
  }, origin)
}
