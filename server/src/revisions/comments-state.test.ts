import { COMMENT_THREADS_MAP } from '@convene/schema'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { captureComments } from './comments-state'

/** A comments document with one thread `id` whose first comment says `text`. */
function withThread(id: string, text: string): Y.Doc {
  const doc = new Y.Doc()
  const thread = new Y.Map<unknown>()
  doc.getMap(COMMENT_THREADS_MAP).set(id, thread)
  thread.set('id', id)
  thread.set('quote', 'ordre du jour')
  const comment = new Y.Map<unknown>()
  comment.set('text', text)
  const comments = new Y.Array<Y.Map<unknown>>()
  comments.push([comment])
  thread.set('comments', comments)
  return doc
}

describe('captureComments', () => {
  it('has nothing to keep for a document without threads', () => {
    expect(captureComments(new Y.Doc())).toBeNull()
  })

  it('keeps the whole state, with a digest of what the threads say whatever the history', () => {
    const doc = withThread('t1', 'À revoir')
    const captured = captureComments(doc)
    expect(captured?.state).toEqual(Y.encodeStateAsUpdate(doc))
    const other = withThread('t1', 'Brouillon')
    ;(
      (other.getMap(COMMENT_THREADS_MAP).get('t1') as Y.Map<unknown>).get('comments') as Y.Array<
        Y.Map<unknown>
      >
    )
      .get(0)
      .set('text', 'À revoir')
    expect(Y.encodeStateAsUpdate(other)).not.toEqual(captured?.state)
    expect(captureComments(other)?.digest).toBe(captured?.digest)
    expect(captureComments(withThread('t1', 'Autre avis'))?.digest).not.toBe(captured?.digest)
  })
})
