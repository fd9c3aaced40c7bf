import {
  addReply,
  anchorFromRelativePositions,
  COMMENT_THREADS_MAP,
  CONTENT_FIELD,
  type CommentAnchor,
  type CommentAuthor,
  createThread,
  deleteComment,
  editComment,
  readThreads,
  setResolved,
} from '@convene/schema'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CLOSE_CODES, ProtocolError } from '../sync/protocol'
import type { CommentActor } from './comment-change-check'
import { commentsUpdateGuard } from './comments-guard'
import type { CommentLimits } from './comments-ledger'

const amina: CommentAuthor = { id: 'u-amina', name: 'Amina Diallo' }
const chen: CommentAuthor = { id: 'u-chen', name: 'Chen Wei' }
const asChen: CommentActor = { userId: chen.id, name: chen.name, canModerate: false }
const asOwner: CommentActor = { userId: 'u-olga', name: 'Olga', canModerate: true }

const LIMITS: CommentLimits = {
  maxThreadsPerNotice: 1000,
  maxCommentsPerNotice: 10_000,
  maxThreadsPerUser: 1000,
  maxCommentsPerUser: 10_000,
  maxDocBytes: 4 * 1024 * 1024,
  maxWritesPerMinute: 100_000,
  clockSkewMs: 30_000,
}

/** The notice's text: one paragraph "Ordre du jour". */
function contentDoc(): Y.Doc {
  const doc = new Y.Doc()
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText('Ordre du jour')])
  doc.getXmlFragment(CONTENT_FIELD).insert(0, [paragraph])
  doc.getMap('meta').set('title', 'Avis')
  return doc
}

const TEXT = contentDoc()

/** An anchor on characters 0..5 of the text. */
function anchor(): CommentAnchor {
  const words = (TEXT.getXmlFragment(CONTENT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText
  return anchorFromRelativePositions(
    Y.createRelativePositionFromTypeIndex(words, 0),
    Y.createRelativePositionFromTypeIndex(words, 5),
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

/** The guard of a comments room holding `server`, on the notice text {@link TEXT}. */
async function guardOf(server: Y.Doc, options: { limits?: Partial<CommentLimits>; now?: () => number } = {}) {
  let released = 0
  const guard = await commentsUpdateGuard({
    limits: { ...LIMITS, ...options.limits },
    openContent: async () => ({
      doc: () => TEXT,
      release: () => {
        released += 1
      },
    }),
    ...(options.now ? { now: options.now } : {}),
  })(server, 'notice-1')
  return { guard, released: () => released }
}

/** A room's peer acting as `actor`, as the guard sees it (the transaction origin). */
const peerAs = (actor: CommentActor) => ({ policy: { commentActor: actor } })

type Guard = Awaited<ReturnType<typeof guardOf>>['guard']

/**
 * The verdict of `guard` (of the room holding `server`) on `change` by `actor`: `ok` (applied to
 * `server`), or `<close code> <message>`; a refused change leaves `server` as it was.
 */
function decide(guard: Guard, server: Y.Doc, actor: CommentActor, change: (doc: Y.Doc) => void): string {
  const before = Y.encodeStateAsUpdate(server)
  const update = peerUpdate(server, change)
  const origin = peerAs(actor)
  try {
    guard.admit(update, origin, () => Y.applyUpdate(server, update, origin))
    return 'ok'
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error
    expect(Y.encodeStateAsUpdate(server)).toEqual(before)
    return `${error.closeCode} ${error.message}`
  }
}

/** The verdict on `change` by `actor` against a fresh guard of `server` (default: one thread by Amina). */
async function verdict(
  actor: CommentActor,
  change: (doc: Y.Doc) => void,
  server = serverDoc(),
): Promise<string> {
  const { guard } = await guardOf(server)
  try {
    return decide(guard, server, actor, change)
  } finally {
    guard.destroy()
  }
}

describe('the comments guard', () => {
  it('accepts a new thread, a reply, a resolve and a reopen written as oneself', async () => {
    expect(
      await verdict(asChen, (doc) =>
        createThread(doc, { anchor: anchor(), quote: 'q', text: 'Question', author: chen, id: 't2' }),
      ),
    ).toBe('ok')
    expect(await verdict(asChen, (doc) => addReply(doc, 't1', { text: 'Réponse', author: chen }))).toBe('ok')
    expect(await verdict(asChen, (doc) => setResolved(doc, 't1', true, chen.id))).toBe('ok')
    const resolved = serverDoc()
    setResolved(resolved, 't1', true, amina.id)
    expect(await verdict(asChen, (doc) => setResolved(doc, 't1', false, chen.id), resolved)).toBe('ok')
  })

  it('refuses comments and threads written as someone else', async () => {
    expect(
      await verdict(asChen, (doc) =>
        createThread(doc, { anchor: anchor(), quote: '', text: 'x', author: amina, id: 't2' }),
      ),
    ).toBe('4403 Permission denied: new thread t2 must be opened as yourself (Chen Wei)')
    expect(
      await verdict(asChen, (doc) =>
        addReply(doc, 't1', { text: 'x', author: { id: chen.id, name: 'Chef' }, id: 'c9' }),
      ),
    ).toBe('4403 Permission denied: new comment c9 must be written as yourself (Chen Wei)')
    expect(await verdict(asChen, (doc) => setResolved(doc, 't1', true, amina.id))).toBe(
      '4403 Permission denied: thread t1 must be resolved as yourself',
    )
  })

  it('lets authors edit and delete their own comments, owners delete anyone’s, and nobody edit others’', async () => {
    expect(await verdict(asChen, (doc) => editComment(doc, 't1', 'c1', 'Réécrit'))).toBe(
      '4403 Permission denied: comment c1 belongs to someone else: only its author may edit it',
    )
    expect(await verdict(asChen, (doc) => deleteComment(doc, 't1', 'c1'))).toBe(
      '4403 Permission denied: comment c1 belongs to someone else: only an owner may delete it',
    )
    expect(await verdict(asOwner, (doc) => deleteComment(doc, 't1', 'c1'))).toBe('ok')
    expect(await verdict(asOwner, (doc) => editComment(doc, 't1', 'c1', 'Réécrit'))).toContain(
      'only its author may edit',
    )
    const asAmina = { userId: amina.id, name: amina.name, canModerate: false }
    expect(await verdict(asAmina, (doc) => editComment(doc, 't1', 'c1', 'Corrigé'))).toBe('ok')
    expect(await verdict(asAmina, (doc) => deleteComment(doc, 't1', 'c1'))).toBe('ok')
  })

  it('refuses removing, replacing or retargeting a thread, and keys outside the layout', async () => {
    const threads = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(COMMENT_THREADS_MAP)
    expect(await verdict(asOwner, (doc) => threads(doc).delete('t1'))).toBe(
      '4403 Permission denied: thread t1 cannot be removed',
    )
    expect(await verdict(asOwner, (doc) => threads(doc).get('t1')?.set('quote', 'Autre chose'))).toBe(
      '4403 Permission denied: the anchor, quote, author and time of thread t1 cannot change',
    )
    expect(await verdict(asOwner, (doc) => threads(doc).get('t1')?.set('pinned', true))).toBe(
      '4422 Refused comment change: Invalid comments document at threads.t1: unexpected key "pinned"',
    )
    expect(await verdict(asOwner, (doc) => doc.getMap('meta').set('title', 'x'))).toBe(
      '4422 Refused comment change: Invalid comments document at meta: unexpected top-level type',
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
    expect(await verdict(asOwner, copied)).toBe('4403 Permission denied: t1 cannot be replaced by a copy')
  })

  it('refuses a comment over the length limit', async () => {
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
    expect(await verdict(asChen, long)).toBe(
      '4422 Refused comment change: Invalid comments document at threads.t1.comments[1].text: 10001 characters, more than 10000',
    )
  })
})

describe('the comments guard on anchors, times and caps', () => {
  const newThread =
    (author: CommentAuthor, id: string, extra: Partial<Parameters<typeof createThread>[1]> = {}) =>
    (doc: Y.Doc) => {
      createThread(doc, { anchor: anchor(), quote: 'q', text: `by ${author.name}`, author, id, ...extra })
    }

  it('refuses (4422) a new thread whose anchor does not resolve in the notice’s text', async () => {
    const metaItem = TEXT.getMap('meta')._map.get('title') as Y.Item
    const outside = { item: { client: metaItem.id.client, clock: metaItem.id.clock }, assoc: 0 }
    const cases: [unknown, string][] = [
      [
        { start: {}, end: {} },
        'Invalid comments document at threads.t2.anchor.start: a relative position names',
      ],
      [
        { start: { tname: 'meta' }, end: { tname: 'meta' } },
        'the anchor start of thread t2 does not resolve in the notice’s text: it names the type "meta", not "content"'.replace(
          '’',
          "'",
        ),
      ],
      [
        { start: anchor().start, end: outside },
        `the anchor end of thread t2 does not resolve in the notice's text: its item ${outside.item.client}:${outside.item.clock} is a map entry, not text`,
      ],
    ]
    for (const [hostile, reason] of cases) {
      const outcome = await verdict(asChen, newThread(chen, 't2', { anchor: hostile as CommentAnchor }))
      expect(outcome).toContain(`${CLOSE_CODES.INVALID_CHANGE} Refused comment change: ${reason}`)
    }
  })

  it('refuses (4422) a createdAt, editedAt or resolvedAt more than 30 s from the server’s clock', async () => {
    expect(await verdict(asChen, newThread(chen, 't2', { now: 9e15 }))).toMatch(
      /^4422 Refused comment change: the createdAt of new thread t2 is \d+ s from the server's clock \(at most 30 s\)$/,
    )
    expect(await verdict(asChen, newThread(chen, 't2', { now: Date.now() - 31_000 }))).toContain('-31 s from')
    expect(await verdict(asChen, newThread(chen, 't2', { now: Date.now() - 29_000 }))).toBe('ok')
    expect(await verdict(asChen, (doc) => addReply(doc, 't1', { text: 'x', author: chen, now: 1 }))).toMatch(
      /the createdAt of new comment .* of thread t1 is -\d+ s/,
    )
    const asAmina = { userId: amina.id, name: amina.name, canModerate: false }
    expect(await verdict(asAmina, (doc) => editComment(doc, 't1', 'c1', 'Corrigé', 5))).toContain(
      'the editedAt of comment c1 of thread t1',
    )
    expect(
      await verdict(asChen, (doc) => setResolved(doc, 't1', true, chen.id, Date.now() + 60_000)),
    ).toContain('the resolvedAt of thread t1 is 60 s')
  })

  it('stops threads and comments at the caps per notice and per user (4413), counting only what changes', async () => {
    const server = serverDoc()
    const { guard } = await guardOf(server, {
      limits: {
        maxThreadsPerNotice: 4,
        maxThreadsPerUser: 2,
        maxCommentsPerUser: 4,
        maxCommentsPerNotice: 7,
      },
    })
    expect(decide(guard, server, asChen, newThread(chen, 't2'))).toBe('ok')
    expect(decide(guard, server, asChen, newThread(chen, 't3'))).toBe('ok')
    expect(decide(guard, server, asChen, newThread(chen, 't4'))).toBe(
      `4413 Refused comment change: user ${chen.id} would have opened 3 threads here, over the limit of 2 (MAX_COMMENT_THREADS_PER_USER)`,
    )
    const olga = { id: asOwner.userId, name: asOwner.name }
    expect(decide(guard, server, asOwner, newThread(olga, 't4'))).toBe('ok')
    expect(decide(guard, server, asOwner, newThread(olga, 't5'))).toContain(
      'the notice would have 5 comment threads, over the limit of 4 (MAX_COMMENT_THREADS_PER_NOTICE)',
    )
    expect(decide(guard, server, asChen, (doc) => addReply(doc, 't1', { text: 'r', author: chen }))).toBe(
      'ok',
    )
    expect(decide(guard, server, asChen, (doc) => addReply(doc, 't1', { text: 'r', author: chen }))).toBe(
      'ok',
    )
    expect(
      decide(guard, server, asChen, (doc) => addReply(doc, 't1', { text: 'r', author: chen })),
    ).toContain('would have written 5 comments here, over the limit of 4 (MAX_COMMENTS_PER_USER)')
    // Editing and deleting add nothing: allowed at the cap.
    const [own] = readThreads(server).filter((thread) => thread.id === 't2')
    const commentId = own?.comments[0]?.id ?? ''
    expect(decide(guard, server, asChen, (doc) => editComment(doc, 't2', commentId, 'Réécrit'))).toBe('ok')
    expect(decide(guard, server, asOwner, (doc) => addReply(doc, 't2', { text: 'r', author: olga }))).toBe(
      'ok',
    )
    expect(
      decide(guard, server, asOwner, (doc) => addReply(doc, 't2', { text: 'r', author: olga })),
    ).toContain('the notice would have 8 comments, over the limit of 7 (MAX_COMMENTS_PER_NOTICE)')
    guard.destroy()
  })

  it('counts what reaches the room from elsewhere (another instance) against the caps', async () => {
    const server = serverDoc()
    const { guard } = await guardOf(server, { limits: { maxThreadsPerNotice: 2 } })
    Y.applyUpdate(server, peerUpdate(server, newThread(amina, 't2')), 'remote')
    expect(decide(guard, server, asChen, newThread(chen, 't3'))).toContain(
      'the notice would have 3 comment threads, over the limit of 2',
    )
    guard.destroy()
  })

  it('refuses a change that would grow the document past its byte cap (4413)', async () => {
    const server = serverDoc()
    const limit = Y.encodeStateAsUpdate(server).length + 300
    const { guard } = await guardOf(server, { limits: { maxDocBytes: limit } })
    expect(decide(guard, server, asChen, (doc) => addReply(doc, 't1', { text: 'court', author: chen }))).toBe(
      'ok',
    )
    expect(
      decide(guard, server, asChen, (doc) => addReply(doc, 't1', { text: 'x'.repeat(400), author: chen })),
    ).toMatch(
      new RegExp(
        `^4413 Refused comment change: the comments would take \\d+ bytes, over the limit of ${limit} \\(MAX_COMMENTS_DOC_BYTES\\)$`,
      ),
    )
    guard.destroy()
  })

  it('refuses (4429) more comment changes per minute than allowed, per user', async () => {
    const server = serverDoc()
    const { guard } = await guardOf(server, { limits: { maxWritesPerMinute: 3 } })
    for (let index = 0; index < 3; index += 1) {
      expect(
        decide(guard, server, asChen, (doc) => addReply(doc, 't1', { text: `r${index}`, author: chen })),
      ).toBe('ok')
    }
    expect(decide(guard, server, asChen, (doc) => addReply(doc, 't1', { text: 'r', author: chen }))).toBe(
      '4429 Refused comment change: more than 3 comment changes per minute (MAX_COMMENT_WRITES_PER_MINUTE)',
    )
    const olga = { id: asOwner.userId, name: asOwner.name }
    expect(decide(guard, server, asOwner, (doc) => addReply(doc, 't1', { text: 'r', author: olga }))).toBe(
      'ok',
    )
    guard.destroy()
  })

  it('costs the threads a change touches, not the document: a reply among 2,000 threads', async () => {
    const server = new Y.Doc()
    for (let index = 0; index < 2000; index += 1) newThread(amina, `t${index}`)(server)
    const { guard, released } = await guardOf(server, {
      limits: { maxThreadsPerNotice: 5000, maxThreadsPerUser: 5000 },
    })
    // One peer replica writes the fifty replies; only the guard's work is timed.
    const peer = new Y.Doc()
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(server))
    const origin = peerAs(asChen)
    let spent = 0
    for (let index = 0; index < 50; index += 1) {
      const before = Y.encodeStateVector(peer)
      addReply(peer, `t${index}`, { text: 'r', author: chen })
      const update = Y.encodeStateAsUpdate(peer, before)
      const started = performance.now()
      guard.admit(update, origin, () => Y.applyUpdate(server, update, origin))
      spent += performance.now() - started
    }
    expect(readThreads(server).filter((thread) => thread.comments.length === 2)).toHaveLength(50)
    // A whole copy and parse of this document per change takes tens of milliseconds.
    expect(spent / 50).toBeLessThan(5)
    guard.destroy()
    expect(released()).toBe(1)
  })
})

describe('the comments guard after refusals', () => {
  it('refuses (4429) a user’s changes, untried, once ten of theirs were refused within a minute', async () => {
    const server = serverDoc()
    let clock = Date.now()
    const { guard } = await guardOf(server, { now: () => clock })
    const reply =
      (text: string, now = clock) =>
      (doc: Y.Doc) =>
        addReply(doc, 't1', { text, author: chen, now })
    for (let index = 0; index < 10; index += 1) {
      expect(decide(guard, server, asChen, reply('from the future', clock + 3_600_000))).toMatch(/^4422 /)
    }
    expect(decide(guard, server, asChen, reply('right away'))).toBe(
      '4429 Refused comment change: more than 10 of your comment changes were refused within a minute; wait before the next',
    )
    const olga = { id: asOwner.userId, name: asOwner.name }
    expect(
      decide(guard, server, asOwner, (doc) => addReply(doc, 't1', { text: 'x', author: olga, now: clock })),
    ).toBe('ok')
    clock += 6_001
    expect(decide(guard, server, asChen, reply('later'))).toBe('ok')
    guard.destroy()
  })
})
