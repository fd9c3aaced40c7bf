import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addReply,
  anchorFromRelativePositions,
  anchorToRelativePositions,
  COMMENT_TEXT_MAX_LENGTH,
  COMMENT_THREADS_MAP,
  CommentsDocError,
  createThread,
  deleteComment,
  editComment,
  parseCommentsDoc,
  readThreads,
  setResolved,
} from './comments-doc'

const amina = { id: 'u-amina', name: 'Amina Diallo' }
const chen = { id: 'u-chen', name: 'Chen Wei' }

/** A content doc with one paragraph, and an anchor on "ordre" in it. */
function anchoredText(): {
  content: Y.Doc
  text: Y.Text
  anchor: ReturnType<typeof anchorFromRelativePositions>
} {
  const content = new Y.Doc()
  const text = content.getText('t')
  text.insert(0, "L'ordre du jour")
  const anchor = anchorFromRelativePositions(
    Y.createRelativePositionFromTypeIndex(text, 2),
    Y.createRelativePositionFromTypeIndex(text, 7),
  )
  return { content, text, anchor }
}

/** Copies `doc` through its encoded state, as a peer receiving it would hold it. */
function overTheWire(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

describe('the comments document', () => {
  it('opens a thread with its first comment and reads it back as plain data after a round trip', () => {
    const { anchor } = anchoredText()
    const doc = new Y.Doc()
    const id = createThread(doc, {
      anchor,
      quote: 'ordre',
      text: 'Préciser la date.',
      author: amina,
      id: 't1',
      commentId: 'c1',
      now: 1000,
    })

    expect(id).toBe('t1')
    expect(parseCommentsDoc(overTheWire(doc))).toEqual([
      {
        id: 't1',
        anchor: JSON.parse(JSON.stringify(anchor)),
        quote: 'ordre',
        authorId: 'u-amina',
        authorName: 'Amina Diallo',
        createdAt: 1000,
        resolved: false,
        resolvedBy: null,
        resolvedAt: null,
        comments: [
          {
            id: 'c1',
            authorId: 'u-amina',
            authorName: 'Amina Diallo',
            text: 'Préciser la date.',
            createdAt: 1000,
            editedAt: null,
            deleted: false,
          },
        ],
      },
    ])
  })

  it('keeps the anchor on the same words when text is inserted before them', () => {
    const { content, text, anchor } = anchoredText()
    const doc = new Y.Doc()
    createThread(doc, { anchor, quote: 'ordre', text: 'x', author: amina, id: 't1' })
    text.insert(0, 'Projet: ')

    const stored = parseCommentsDoc(overTheWire(doc))[0]?.anchor as typeof anchor
    const { start, end } = anchorToRelativePositions(stored)
    const from = Y.createAbsolutePositionFromRelativePosition(start, content)?.index ?? -1
    const to = Y.createAbsolutePositionFromRelativePosition(end, content)?.index ?? -1
    expect(text.toString().slice(from, to)).toBe('ordre')
  })

  it('replies, edits, deletes as a tombstone, resolves and reopens', () => {
    const { anchor } = anchoredText()
    const doc = new Y.Doc()
    createThread(doc, { anchor, quote: 'q', text: 'first', author: amina, id: 't1', commentId: 'c1', now: 1 })
    const reply = addReply(doc, 't1', { text: 'reply', author: chen, id: 'c2', now: 2 })
    editComment(doc, 't1', 'c2', 'reply, edited', 3)
    deleteComment(doc, 't1', 'c1')
    setResolved(doc, 't1', true, chen.id, 4)

    const [thread] = parseCommentsDoc(overTheWire(doc))
    expect(reply).toBe('c2')
    expect(thread?.comments.map((c) => [c.id, c.text, c.deleted, c.editedAt])).toEqual([
      ['c1', '', true, null],
      ['c2', 'reply, edited', false, 3],
    ])
    expect([thread?.resolved, thread?.resolvedBy, thread?.resolvedAt]).toEqual([true, 'u-chen', 4])

    setResolved(doc, 't1', false, chen.id, 5)
    expect(parseCommentsDoc(doc)[0]).toMatchObject({ resolved: false, resolvedBy: null, resolvedAt: null })
  })

  it('refuses an empty or over-long comment and names the thread that does not exist', () => {
    const doc = new Y.Doc()
    const { anchor } = anchoredText()
    expect(() => createThread(doc, { anchor, quote: '', text: '  ', author: amina })).toThrow(
      'Invalid comments document at text: a comment cannot be empty',
    )
    expect(() =>
      createThread(doc, { anchor, quote: '', text: 'x'.repeat(COMMENT_TEXT_MAX_LENGTH + 1), author: amina }),
    ).toThrow(`more than ${COMMENT_TEXT_MAX_LENGTH}`)
    expect(() => addReply(doc, 'nope', { text: 'x', author: amina })).toThrow(
      'Invalid comments document at threads.nope: there is no such thread',
    )
  })

  it('refuses, naming the place, a document with another top-level type, an unknown key or a wrong type', () => {
    const { anchor } = anchoredText()
    const base = new Y.Doc()
    createThread(base, { anchor, quote: 'q', text: 'x', author: amina, id: 't1', commentId: 'c1' })

    const extraRoot = overTheWire(base)
    extraRoot.getMap('meta').set('title', 'hijack')
    expect(() => parseCommentsDoc(overTheWire(extraRoot))).toThrow(
      new CommentsDocError('meta', 'unexpected top-level type'),
    )

    const extraKey = overTheWire(base)
    ;(extraKey.getMap(COMMENT_THREADS_MAP).get('t1') as Y.Map<unknown>).set('colour', 'red')
    expect(() => parseCommentsDoc(extraKey)).toThrow('at threads.t1: unexpected key "colour"')

    const richText = overTheWire(base)
    const comment = (
      (richText.getMap(COMMENT_THREADS_MAP).get('t1') as Y.Map<unknown>).get('comments') as Y.Array<
        Y.Map<unknown>
      >
    ).get(0)
    comment.set('text', new Y.Text('rich'))
    expect(() => parseCommentsDoc(richText)).toThrow('at threads.t1.comments[0].text: expected a string')

    expect(parseCommentsDoc(new Y.Doc())).toEqual([])
  })

  it('refuses list content hidden inside the threads map, which toJSON would not show', () => {
    const attacker = new Y.Doc()
    attacker.getArray(COMMENT_THREADS_MAP).insert(0, ['hidden'])
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(attacker))

    expect(doc.getMap(COMMENT_THREADS_MAP).toJSON()).toEqual({})
    expect(() => parseCommentsDoc(doc)).toThrow('at threads: holds list content')
  })

  it('reads only the well-formed threads for display', () => {
    const { anchor } = anchoredText()
    const doc = new Y.Doc()
    createThread(doc, { anchor, quote: 'q', text: 'good', author: amina, id: 'good', now: 1 })
    createThread(doc, { anchor, quote: 'q', text: 'bad', author: amina, id: 'bad', now: 2 })
    ;(doc.getMap(COMMENT_THREADS_MAP).get('bad') as Y.Map<unknown>).set('resolved', 'yes')

    expect(readThreads(doc).map((thread) => thread.id)).toEqual(['good'])
  })
})
