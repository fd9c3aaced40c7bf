import {
  CONTENT_FIELD,
  contentBuilders,
  type Notice,
  readNoticeFromYDoc,
  sampleNotice,
  writeNoticeToYDoc,
} from '@convene/schema'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createMemoryRevisionStorage } from '../storage/memory/memory-revisions'
import { createMemoryStorage } from '../storage/memory/memory-storage'
import {
  FrozenRevisionError,
  type NewRevision,
  type RevisionStorage,
  UnknownRevisionError,
} from '../storage/revision-storage'
import type { NoticeStorage } from '../storage/storage'
import { NoticeNotFoundError } from '../sync/notice-errors'
import type { RoomRegistry } from '../sync/room-registry'
import { testRegistry } from '../test/room-fixture'
import { type CommentsCapture, captureComments } from './comments-state'
import { noticeContentHash } from './content-hash'
import { RevisionConflictError, RevisionIntegrityError } from './revision-errors'
import { RevisionService } from './revision-service'
import { decodeRevisionState } from './revision-state'

const { doc, agendaItem, paragraph } = contentBuilders

const NOTICE: Notice = {
  meta: { ...sampleNotice.meta, title: 'Réunion' },
  content: doc(paragraph('Preamble'), agendaItem('a', 'First item', paragraph('Body of the first item'))),
}

type Setup = {
  storage: NoticeStorage
  revisions: RevisionStorage
  registry: RoomRegistry
  service: RevisionService
}

/**
 * A service over memory storages holding notice `n1` (= NOTICE); `wrap` may replace the revision
 * storage, `comments` gives the notice's comments.
 */
async function setup(
  wrap: (revisions: RevisionStorage) => RevisionStorage = (r) => r,
  comments?: () => CommentsCapture | null,
): Promise<Setup> {
  const storage = createMemoryStorage()
  const ydoc = new Y.Doc()
  writeNoticeToYDoc(ydoc, NOTICE)
  await storage.createNotice({
    id: 'n1',
    summary: { title: 'Réunion', symbol: '', language: 'fr' },
    state: Y.encodeStateAsUpdate(ydoc),
  })
  const revisions = wrap(createMemoryRevisionStorage({ notices: storage }))
  const registry = testRegistry(storage, { unloadDelayMs: 10 })
  const service = new RevisionService({
    revisions,
    storage,
    registry,
    ...(comments ? { commentsState: async () => comments() } : {}),
  })
  return { storage, revisions, registry, service }
}

/** Changes notice `n1`'s live document as a server edit. */
async function edit(registry: RoomRegistry, change: (doc: Y.Doc) => void): Promise<void> {
  const room = await registry.acquire('n1')
  try {
    await room.change(change)
  } finally {
    room.release()
  }
}

const setTitle = (title: string) => (ydoc: Y.Doc) => ydoc.getMap('meta').set('title', title)

/** Adds a paragraph holding `text` at the start of the content. */
const addParagraph = (text: string) => (ydoc: Y.Doc) => {
  const element = new Y.XmlElement('paragraph')
  element.insert(0, [new Y.XmlText(text)])
  ydoc.getXmlFragment(CONTENT_FIELD).insert(0, [element])
}

/** The live notice `n1` as it reads now. */
async function live(registry: RoomRegistry) {
  const room = await registry.acquire('n1')
  try {
    return readNoticeFromYDoc(room.doc)
  } finally {
    room.release()
  }
}

// Each freeze renders the notice in every format first (freeze-check.ts), in this thread.
describe('RevisionService', { timeout: 20_000 }, () => {
  it('takes a named revision whose hash is that of the notice’s canonical content', async () => {
    const { service } = await setup()
    const taken = await service.create('n1', { label: ' Avant  la réunion ', author: 'ana' })
    expect(taken).toMatchObject({
      rev: 1,
      kind: 'named',
      label: 'Avant la réunion',
      frozen: false,
      author: 'ana',
    })
    expect(taken.hash).toBe(noticeContentHash(NOTICE))
    const read = await service.get('n1', 1)
    expect(read.meta).toEqual(NOTICE.meta)
    expect(read.content).toEqual(
      readNoticeFromYDoc(
        (() => {
          const ydoc = new Y.Doc()
          writeNoticeToYDoc(ydoc, NOTICE)
          return ydoc
        })(),
      ).content,
    )
  })

  it('adds no state blob for a revision of an unchanged notice, and no automatic revision at all', async () => {
    const { service, revisions, registry } = await setup()
    await service.create('n1')
    await service.create('n1', { label: 'Same text again' })
    expect(await revisions.countBlobs('n1')).toBe(1)
    expect(await service.autoRevision('n1')).toBeNull()
    await edit(registry, setTitle('Changed'))
    expect(await service.autoRevision('n1')).toMatchObject({ rev: 3, kind: 'auto', author: null })
    expect(await service.autoRevision('n1')).toBeNull()
    expect(await revisions.countBlobs('n1')).toBe(2)
    expect((await service.list('n1')).revisions.map((revision) => revision.rev)).toEqual([3, 2, 1])
  })

  it('freezes as Rev.1, then proposes Rev.2, and refuses to freeze, rename or delete a frozen revision', async () => {
    const { service, registry } = await setup()
    await service.create('n1')
    expect(await service.freeze('n1', 1)).toMatchObject({
      rev: 1,
      kind: 'frozen',
      frozen: true,
      label: 'Rev.1',
    })
    expect((await service.list('n1')).nextFrozenLabel).toBe('Rev.2')
    await edit(registry, setTitle('Second issue'))
    expect(await service.create('n1', { freeze: true })).toMatchObject({
      rev: 2,
      label: 'Rev.2',
      frozen: true,
    })

    await expect(service.freeze('n1', 1, 'Rev.9')).rejects.toThrow(
      new RevisionConflictError('n1', 'Revision 1 of notice "n1" is already frozen as "Rev.1"'),
    )
    await expect(service.label('n1', 1, 'Renamed')).rejects.toBeInstanceOf(FrozenRevisionError)
    await expect(service.delete('n1', 1)).rejects.toBeInstanceOf(FrozenRevisionError)
    expect((await service.get('n1', 1)).meta.title).toBe('Réunion')
  })

  it('refuses to freeze again a notice unchanged since its last frozen revision, by either route', async () => {
    const { service, registry } = await setup()
    expect(await service.create('n1', { freeze: true })).toMatchObject({ rev: 1, label: 'Rev.1' })
    const unchanged = new RevisionConflictError(
      'n1',
      'Notice "n1" is unchanged since it was frozen as "Rev.1": there is nothing new to freeze',
    )
    await expect(service.create('n1', { freeze: true })).rejects.toThrow(unchanged)
    const named = await service.create('n1', { label: 'Same text' })
    await expect(service.freeze('n1', named.rev)).rejects.toThrow(unchanged)
    expect((await service.list('n1')).revisions.filter((revision) => revision.frozen)).toHaveLength(1)

    await edit(registry, setTitle('Second issue'))
    expect(await service.create('n1', { freeze: true })).toMatchObject({ label: 'Rev.2', frozen: true })
  })

  it('tells an unknown revision from an unknown notice', async () => {
    const { service } = await setup()
    await expect(service.get('n1', 4)).rejects.toThrow(new UnknownRevisionError('n1', 4))
    await expect(service.get('ghost', 1)).rejects.toBeInstanceOf(NoticeNotFoundError)
    await expect(service.delete('n1', 4)).rejects.toBeInstanceOf(UnknownRevisionError)
    await expect(service.list('ghost')).rejects.toBeInstanceOf(NoticeNotFoundError)
  })

  it('refuses to hand out a revision whose stored state no longer matches its hash', async () => {
    let tamper = false
    const { service, registry } = await setup((inner) => ({
      ...inner,
      // A state blob swapped underneath: revision 1 answers with revision 2's state.
      loadRevisionState: (noticeId, rev) => inner.loadRevisionState(noticeId, tamper && rev === 1 ? 2 : rev),
    }))
    await service.create('n1', { freeze: true })
    await edit(registry, setTitle('Changed'))
    await service.create('n1')
    tamper = true
    const failure = new RevisionIntegrityError('n1', 1)
    expect(failure.message).toBe('Revision 1 of notice "n1" failed its integrity check')
    await expect(service.get('n1', 1)).rejects.toThrow(failure)
    await expect(service.readRevision('n1', 1)).rejects.toThrow(failure)
    await expect(service.compare('n1', 1, 'live')).rejects.toThrow(failure)
    await expect(service.restore('n1', 1)).rejects.toThrow(failure)
  })

  it('compares a revision with another one and with the live notice', async () => {
    const { service, registry } = await setup()
    await service.create('n1')
    await edit(registry, setTitle('Retitled'))
    await service.create('n1', { label: 'second' })
    await edit(registry, setTitle('Live title'))
    const compared = await service.compare('n1', 1, 2)
    expect(compared.from).toEqual({ rev: 1, label: null, hash: noticeContentHash(NOTICE) })
    expect(compared.to).toMatchObject({ rev: 2, label: 'second' })
    expect(compared.diff.meta).toEqual([{ field: 'title', from: 'Réunion', to: 'Retitled' }])
    const withLive = await service.compare('n1', 2, 'live')
    expect(withLive.to).toEqual({ rev: 'live', label: null, hash: noticeContentHash(await live(registry)) })
    expect(withLive.diff.meta).toEqual([{ field: 'title', from: 'Retitled', to: 'Live title' }])
    expect((await service.compare('n1', 2, 2)).diff).toEqual({
      meta: [],
      preamble: [],
      items: [],
      summary: [],
    })
  })

  it('restores an old revision in one transaction, keeping the states before and after as revisions', async () => {
    const { service, registry } = await setup()
    await service.create('n1', { freeze: true })
    await edit(registry, setTitle('Changed'))
    await edit(registry, addParagraph('Added later'))
    const room = await registry.acquire('n1')
    let updates = 0
    room.doc.on('update', () => {
      updates += 1
    })
    room.release()

    const restored = await service.restore('n1', 1, 'ana')

    expect(updates).toBe(1)
    expect(restored).toMatchObject({
      restoredFrom: 1,
      changed: true,
      before: { rev: 2, kind: 'named', label: 'Before restoring rev 1', author: 'ana' },
      revision: { rev: 3, kind: 'named', label: 'Restored rev 1', hash: noticeContentHash(NOTICE) },
    })
    const after = await live(registry)
    expect(after.meta).toEqual(NOTICE.meta)
    expect(noticeContentHash(after)).toBe(noticeContentHash(NOTICE))
    expect((await service.get('n1', 2)).meta.title).toBe('Changed')
    // The frozen revision restored is untouched, and restoring again changes nothing.
    expect(await service.get('n1', 1)).toMatchObject({
      frozen: true,
      label: 'Rev.1',
      hash: noticeContentHash(NOTICE),
    })
    expect(await service.restore('n1', 1)).toEqual({
      restoredFrom: 1,
      changed: false,
      before: null,
      revision: null,
    })
  })

  it('keeps an edit that arrives while the state before a restore is being stored in an automatic revision', async () => {
    let hold: (() => void) | null = null
    let holding = false
    const { service, registry } = await setup((inner) => ({
      ...inner,
      addRevision: async (revision: NewRevision) => {
        if (holding) {
          holding = false
          await new Promise<void>((resolve) => {
            hold = resolve
          })
        }
        return inner.addRevision(revision)
      },
    }))
    await service.create('n1')
    await edit(registry, setTitle('Changed'))
    holding = true
    const restoring = service.restore('n1', 1)
    while (hold === null) await new Promise((resolve) => setTimeout(resolve, 1))
    // Someone types while "Before restoring rev 1" is being stored.
    const room = await registry.acquire('n1')
    addParagraph('Typed during the restore')(room.doc)
    room.release()
    ;(hold as () => void)()
    const restored = await restoring

    expect(restored.before?.rev).toBe(2)
    expect(restored.revision?.rev).toBe(4)
    const meanwhile = await service.get('n1', 3)
    expect(meanwhile.kind).toBe('auto')
    expect(JSON.stringify(meanwhile.content)).toContain('Typed during the restore')
    expect(noticeContentHash(await live(registry))).toBe(noticeContentHash(NOTICE))
  })

  it('lets an edit made concurrently with a restore merge after it', async () => {
    const { service, registry } = await setup()
    await service.create('n1')
    await edit(registry, (ydoc) => {
      const body = ydoc.getXmlFragment(CONTENT_FIELD).get(1) as Y.XmlElement
      ;((body.get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Changed: ')
    })
    // A peer holds the notice as it is now and types into the first item's body.
    const room = await registry.acquire('n1')
    const peer = new Y.Doc()
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(room.doc))
    room.release()
    const peerItem = peer.getXmlFragment(CONTENT_FIELD).get(1) as Y.XmlElement
    const peerText = (peerItem.get(1) as Y.XmlElement).get(0) as Y.XmlText
    peerText.insert(peerText.length, ' (typed by the peer)')

    await service.restore('n1', 1)
    const server = await registry.acquire('n1')
    Y.applyUpdate(server.doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(server.doc)))
    await server.whenDurable()
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(server.doc, Y.encodeStateVector(peer)))
    const text = JSON.stringify(readNoticeFromYDoc(server.doc).content)
    server.release()

    expect(text).not.toContain('Changed: ')
    expect(text).toContain('Body of the first item (typed by the peer)')
    expect(readNoticeFromYDoc(peer)).toEqual(readNoticeFromYDoc(server.doc))
  })

  it('reads a revision as export input: whole metadata, content, label, hash, ISO time, frozen', async () => {
    const { service } = await setup()
    const frozen = await service.create('n1', { freeze: true })
    const input = await service.readRevision('n1', 1)
    expect(input.revision).toEqual({
      label: 'Rev.1',
      hash: frozen.hash,
      createdAt: frozen.createdAt,
      frozen: true,
    })
    expect(input.meta).toEqual(NOTICE.meta)
    expect(input.content.type).toBe('doc')
  })

  it('keeps the comments with the text, and a new blob only when the comments changed', async () => {
    const comments = new Y.Doc()
    const { service, revisions } = await setup(undefined, () => captureComments(comments))
    await service.create('n1')
    const thread = new Y.Map<unknown>()
    comments.getMap('threads').set('t1', thread)
    thread.set('quote', 'Preamble')
    await service.create('n1')
    await service.create('n1', { label: 'same comments' })
    expect(await revisions.countBlobs('n1')).toBe(2)
    thread.set('resolved', true)
    const third = await service.create('n1')
    expect(await revisions.countBlobs('n1')).toBe(3)
    // The text did not change: every revision has the same content hash.
    expect(new Set((await service.list('n1')).revisions.map((revision) => revision.hash))).toEqual(
      new Set([third.hash]),
    )
    const blob = await revisions.loadRevisionState('n1', 4)
    const kept = new Y.Doc()
    Y.applyUpdate(kept, decodeRevisionState(blob as Uint8Array).comments as Uint8Array)
    expect(kept.getMap('threads').toJSON()).toEqual({ t1: { quote: 'Preamble', resolved: true } })
    expect(
      decodeRevisionState((await revisions.loadRevisionState('n1', 1)) as Uint8Array).comments,
    ).toBeNull()
  })

  it('refuses to let a notice with frozen revisions be deleted, naming them', async () => {
    const { service } = await setup()
    await service.create('n1')
    await service.assertDeletable('n1')
    await service.freeze('n1', 1)
    await expect(service.assertDeletable('n1')).rejects.toThrow(
      'Notice "n1" has frozen revisions (Rev.1): a notice with frozen revisions cannot be deleted',
    )
  })
})
