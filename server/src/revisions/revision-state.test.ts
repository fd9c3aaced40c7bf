import { sampleNotice, writeNoticeToYDoc } from '@convene/schema'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { noticeContentHash } from './content-hash'
import {
  decodeRevisionState,
  encodeRevisionState,
  revisionBlobKey,
  snapshotOfContentState,
} from './revision-state'

const sampleState = (): Uint8Array => {
  const doc = new Y.Doc()
  writeNoticeToYDoc(doc, sampleNotice)
  return Y.encodeStateAsUpdate(doc)
}

describe('revision state blobs', () => {
  it('round-trip both documents, or the content alone', () => {
    const content = sampleState()
    const comments = Uint8Array.of(0, 0)
    expect(decodeRevisionState(encodeRevisionState({ content, comments }))).toEqual({ content, comments })
    expect(decodeRevisionState(encodeRevisionState({ content, comments: null }))).toEqual({
      content,
      comments: null,
    })
  })

  it('refuses an unknown format, a truncated blob and trailing bytes, saying which', () => {
    const blob = encodeRevisionState({ content: Uint8Array.of(1, 2, 3), comments: null })
    expect(() => decodeRevisionState(Uint8Array.of(2, 0, 0))).toThrow('Unknown revision state format 2')
    expect(() => decodeRevisionState(blob.slice(0, 3))).toThrow('A revision state is truncated')
    expect(() => decodeRevisionState(Uint8Array.from([...blob, 9]))).toThrow('1 bytes after its end')
  })

  it('read back as the notice they hold', () => {
    expect(snapshotOfContentState(sampleState())).toEqual({
      meta: sampleNotice.meta,
      content: sampleNotice.content,
    })
  })
})

describe('noticeContentHash', () => {
  it('is the same for the same text reached through different Yjs histories', () => {
    const direct = new Y.Doc()
    writeNoticeToYDoc(direct, sampleNotice)
    const detour = new Y.Doc()
    writeNoticeToYDoc(detour, sampleNotice)
    detour.getMap('meta').set('title', 'Temporary')
    detour.getMap('meta').set('title', sampleNotice.meta.title)
    expect(Y.encodeStateAsUpdate(detour)).not.toEqual(Y.encodeStateAsUpdate(direct))
    expect(noticeContentHash(snapshotOfContentState(Y.encodeStateAsUpdate(detour)))).toBe(
      noticeContentHash(sampleNotice),
    )
  })

  it('changes with one character of the text or of the metadata', () => {
    const base = noticeContentHash(sampleNotice)
    expect(base).toMatch(/^[0-9a-f]{64}$/)
    expect(noticeContentHash({ ...sampleNotice, meta: { ...sampleNotice.meta, duration: 'x' } })).not.toBe(
      base,
    )
    const content = structuredClone(sampleNotice.content)
    content.content?.push({ type: 'paragraph' })
    expect(noticeContentHash({ meta: sampleNotice.meta, content })).not.toBe(base)
  })
})

describe('revisionBlobKey', () => {
  it('is the content hash without comments, and changes with the comments', () => {
    expect(revisionBlobKey('abc', null)).toBe('abc')
    const withComments = revisionBlobKey('abc', 'digest-1')
    expect(withComments).toMatch(/^[0-9a-f]{64}$/)
    expect(revisionBlobKey('abc', 'digest-1')).toBe(withComments)
    expect(revisionBlobKey('abc', 'digest-2')).not.toBe(withComments)
    expect(revisionBlobKey('abd', 'digest-1')).not.toBe(withComments)
  })
})
