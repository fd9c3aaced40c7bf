import {
  addReply,
  anchorFromRelativePositions,
  COMMENT_THREADS_MAP,
  type CommentAuthor,
  createThread,
  deleteComment,
  editComment,
  readThreads,
  setResolved,
} from '@convene/schema'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ProtocolError } from '../sync/protocol'
import { admitCommentsUpdate, type CommentActor } from './comment-change-check'

const amina: CommentAuthor = { id: 'u-amina', name: 'Amina Diallo' }
const chen: CommentAuthor = { id: 'u-chen', name: 'Chen Wei' }
const asChen: CommentActor = { userId: chen.id, name: chen.name, canModerate: false }
const asOwner: CommentActor = { userId: 'u-olga', name: 'Olga', canModerate: true }

function anchor() {
  const text = new Y.Doc().getXmlFragment('content')
  return anchorFromRelativePositions(
    Y.createRelativePositionFromTypeIndex(text, 0),
    Y.createRelativePositionFromTypeIndex(text, 0),
  )
}

/** The server's comments document holding one thread by Amina (t1, comment c1). */
function serverDoc(): Y.Doc {
  const doc = new Y.Doc()
  createThread(doc, {
    anchor: anchor(),
    quote: 'Ordre',
    text: 'Par Amina',
    author: amina,
    id: 't1',
    commentId: 'c1',
  })
  return doc
}

/** What a peer holding a copy of `server` sends after `change`. */
function peerUpdate(server: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const peer = new Y.Doc()
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(server))
  const before = Y.encodeStateVector(peer)
  change(peer)
  return Y.encodeStateAsUpdate(peer, before)
}

/** The verdict on `change` by `actor`: `ok`, `ignored`, or the refusal message. */
function verdict(actor: CommentActor, change: (doc: Y.Doc) => void, server = serverDoc()): string {
  const before = Y.encodeStateAsUpdate(server)
  try {
    return admitCommentsUpdate(server, peerUpdate(server, change), actor) ? 'ok' : 'ignored'
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error
    return error.message
  } finally {
    // Nothing is ever applied to the server's document by the check.
    expect(Y.encodeStateAsUpdate(server)).toEqual(before)
  }
}

describe('admitCommentsUpdate', () => {
  it('accepts a new thread, a reply, a resolve and a reopen written as oneself', () => {
    expect(
      verdict(asChen, (doc) =>
        createThread(doc, { anchor: anchor(), quote: 'q', text: 'Question', author: chen, id: 't2' }),
      ),
    ).toBe('ok')
    expect(verdict(asChen, (doc) => addReply(doc, 't1', { text: 'Réponse', author: chen }))).toBe('ok')
    expect(verdict(asChen, (doc) => setResolved(doc, 't1', true, chen.id))).toBe('ok')
    const resolved = serverDoc()
    setResolved(resolved, 't1', true, amina.id)
    expect(verdict(asChen, (doc) => setResolved(doc, 't1', false, chen.id), resolved)).toBe('ok')
  })

  it('ignores an update that changes nothing', () => {
    expect(verdict(asChen, () => {})).toBe('ignored')
  })

  it('refuses comments and threads written as someone else', () => {
    expect(
      verdict(asChen, (doc) =>
        createThread(doc, { anchor: anchor(), quote: '', text: 'x', author: amina, id: 't2' }),
      ),
    ).toBe('Permission denied: new thread t2 must be opened as yourself (Chen Wei)')
    expect(
      verdict(asChen, (doc) =>
        addReply(doc, 't1', { text: 'x', author: { id: chen.id, name: 'Chef' }, id: 'c9' }),
      ),
    ).toBe('Permission denied: new comment c9 must be written as yourself (Chen Wei)')
    expect(verdict(asChen, (doc) => setResolved(doc, 't1', true, amina.id))).toBe(
      'Permission denied: thread t1 must be resolved as yourself',
    )
  })

  it('lets authors edit and delete their own comments, owners delete anyone’s, and nobody edit others’', () => {
    expect(verdict(asChen, (doc) => editComment(doc, 't1', 'c1', 'Réécrit'))).toBe(
      'Permission denied: comment c1 belongs to someone else: only its author may edit it',
    )
    expect(verdict(asChen, (doc) => deleteComment(doc, 't1', 'c1'))).toBe(
      'Permission denied: comment c1 belongs to someone else: only an owner may delete it',
    )
    expect(verdict(asOwner, (doc) => deleteComment(doc, 't1', 'c1'))).toBe('ok')
    expect(verdict(asOwner, (doc) => editComment(doc, 't1', 'c1', 'Réécrit'))).toContain(
      'only its author may edit',
    )
    const asAmina = { userId: amina.id, name: amina.name, canModerate: false }
    expect(verdict(asAmina, (doc) => editComment(doc, 't1', 'c1', 'Corrigé'))).toBe('ok')
    expect(verdict(asAmina, (doc) => deleteComment(doc, 't1', 'c1'))).toBe('ok')
  })

  it('refuses removing, replacing or retargeting a thread, and keys outside the layout', () => {
    const threads = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(COMMENT_THREADS_MAP)
    expect(verdict(asOwner, (doc) => threads(doc).delete('t1'))).toBe(
      'Permission denied: thread t1 cannot be removed',
    )
    expect(verdict(asOwner, (doc) => threads(doc).get('t1')?.set('quote', 'Autre chose'))).toBe(
      'Permission denied: the anchor, quote, author and time of thread t1 cannot change',
    )
    expect(verdict(asOwner, (doc) => threads(doc).get('t1')?.set('pinned', true))).toBe(
      'Permission denied: Invalid comments document at threads.t1: unexpected key "pinned"',
    )
    expect(verdict(asOwner, (doc) => doc.getMap('meta').set('title', 'x'))).toBe(
      'Permission denied: Invalid comments document at meta: unexpected top-level type',
    )
    const copied = (doc: Y.Doc) => {
      const [thread] = readThreads(doc)
      if (!thread) throw new Error('no thread')
      threads(doc).delete('t1')
      createThread(doc, {
        ...thread,
        text: thread.comments[0]?.text ?? '',
        author: amina,
        id: 't1',
        commentId: 'c1',
        now: thread.createdAt,
      })
    }
    expect(verdict(asOwner, copied)).toBe('Permission denied: t1 cannot be replaced by a copy')
  })

  it('refuses a comment over the length limit', () => {
    const long = (doc: Y.Doc) => {
      const comments = doc.getMap<Y.Map<unknown>>(COMMENT_THREADS_MAP).get('t1')?.get('comments') as Y.Array<
        Y.Map<unknown>
      >
      const comment = new Y.Map<unknown>()
      for (const [key, value] of Object.entries({
        id: 'c2',
        authorId: chen.id,
        authorName: chen.name,
        text: 'x'.repeat(10_001),
        createdAt: 1,
        editedAt: null,
        deleted: false,
      })) {
        comment.set(key, value)
      }
      comments.push([comment])
    }
    expect(verdict(asChen, long)).toBe(
      'Permission denied: Invalid comments document at threads.t1.comments[1].text: 10001 characters, more than 10000',
    )
  })
})
