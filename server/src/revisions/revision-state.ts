/**
 * The stored state of a revision: the full encoded Yjs state of the notice's document and, once
 * the notice has comments, of its comments document, in one blob. Blobs are content-addressed by
 * {@link revisionBlobKey}, so a revision of an unchanged notice reuses the blob it already has.
 *
 * Wire format of a blob (lib0 encoding; V1 Yjs updates):
 *
 * ```
 * varUint        format version, 1
 * varUint8Array  content state: Y.encodeStateAsUpdate of the notice document ('content' + 'meta')
 * varUint        0: no comments document | 1: a comments document follows
 * varUint8Array  comments state: Y.encodeStateAsUpdate of the comments document (only after a 1)
 * ```
 */
import { createHash } from 'node:crypto'
import { type NoticeSnapshot, readNoticeFromYDoc } from '@convene/schema'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

/** The version of the blob format written by {@link encodeRevisionState}. */
export const REVISION_STATE_FORMAT = 1

/** What a revision holds: both documents of the notice, as Yjs V1 updates. */
export type RevisionState = {
  /** The notice document (text and metadata). */
  content: Uint8Array
  /** The comments document, or null when the notice has none. */
  comments: Uint8Array | null
}

/** Encodes `state` as one blob (see the module header). */
export function encodeRevisionState(state: RevisionState): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, REVISION_STATE_FORMAT)
  encoding.writeVarUint8Array(encoder, state.content)
  encoding.writeVarUint(encoder, state.comments === null ? 0 : 1)
  if (state.comments !== null) encoding.writeVarUint8Array(encoder, state.comments)
  return encoding.toUint8Array(encoder)
}

/** Decodes a blob written by {@link encodeRevisionState}; throws a RangeError naming what is wrong. */
export function decodeRevisionState(blob: Uint8Array): RevisionState {
  const decoder = decoding.createDecoder(blob)
  try {
    const format = decoding.readVarUint(decoder)
    if (format !== REVISION_STATE_FORMAT) {
      throw new RangeError(
        `Unknown revision state format ${format} (this server reads ${REVISION_STATE_FORMAT})`,
      )
    }
    const content = decoding.readVarUint8Array(decoder)
    const flag = decoding.readVarUint(decoder)
    if (flag !== 0 && flag !== 1) throw new RangeError(`Invalid comments flag ${flag} in a revision state`)
    const comments = flag === 1 ? decoding.readVarUint8Array(decoder) : null
    if (decoding.hasContent(decoder)) {
      throw new RangeError(`A revision state has ${blob.length - decoder.pos} bytes after its end`)
    }
    return { content: content.slice(), comments: comments?.slice() ?? null }
  } catch (error) {
    if (error instanceof RangeError) throw error
    throw new RangeError('A revision state is truncated', { cause: error })
  }
}

/**
 * The key a revision's blob is stored under within its notice: the content hash when there is no
 * comment, else a SHA-256 over the content hash and `commentsDigest` (a digest of what the comments
 * say), so that new comments on unchanged text are kept too, and unchanged ones add nothing.
 */
export function revisionBlobKey(contentHash: string, commentsDigest: string | null): string {
  if (commentsDigest === null) return contentHash
  return createHash('sha256').update(`${contentHash}:${commentsDigest}`).digest('hex')
}

/** The notice a content state holds, read with the shared schema (throws what it throws). */
export function snapshotOfContentState(content: Uint8Array): NoticeSnapshot {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, content)
    return readNoticeFromYDoc(doc)
  } finally {
    doc.destroy()
  }
}
