/**
 * The content hash of a notice version: SHA-256 (hex) of the canonical JSON of `{ meta, content }`
 * as the schema reads it from the Yjs document. It depends on what the notice says, not on how the
 * Yjs history got there, so equal text always hashes the same; a frozen revision's hash is checked
 * again whenever it is read.
 */
import { createHash } from 'node:crypto'
import type { NoticeSnapshot } from '@convene/schema'
import { canonicalJson } from './canonical-json'

/** The content hash of `snapshot` (64 lowercase hex digits). */
export function noticeContentHash(snapshot: NoticeSnapshot): string {
  return createHash('sha256')
    .update(canonicalJson({ meta: snapshot.meta, content: snapshot.content }))
    .digest('hex')
}
