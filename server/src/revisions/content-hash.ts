/**
 * The content hash of a notice version: SHA-256 (hex) of the canonical JSON of `{ meta, content }`
 * as the schema reads it from the Yjs document. It depends on what the notice says, not on how the
 * Yjs history got there, so equal text always hashes the same; a frozen revision's hash is checked
 * again whenever it is read.
 */
import { createHash } from 'node:crypto'
import { NODE_NAMES, type NoticeSnapshot } from '@convene/schema'
import { canonicalJson } from './canonical-json'

type ContentNode = NoticeSnapshot['content']

/**
 * `node` without the agenda items' `recurring: false`: the attribute came after revisions were first
 * hashed, and a revision stored before it reads back with its default, so the default is left out
 * of the hash and those revisions still pass their integrity check.
 */
function withoutDefaultRecurring(node: ContentNode): ContentNode {
  let attrs = node.attrs
  if (node.type === NODE_NAMES.agendaItem && attrs?.recurring === false) {
    const { recurring: _default, ...rest } = attrs
    attrs = rest
  }
  return {
    ...node,
    ...(attrs ? { attrs } : {}),
    ...(node.content ? { content: node.content.map(withoutDefaultRecurring) } : {}),
  }
}

/** The content hash of `snapshot` (64 lowercase hex digits). */
export function noticeContentHash(snapshot: NoticeSnapshot): string {
  return createHash('sha256')
    .update(canonicalJson({ meta: snapshot.meta, content: withoutDefaultRecurring(snapshot.content) }))
    .digest('hex')
}
