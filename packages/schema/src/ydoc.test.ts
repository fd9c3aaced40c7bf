import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { Transform } from '@tiptap/pm/transform'
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { NoticeContentError } from './doc-from-json'
import { blankNotice } from './notice'
import { noticeSchema } from './notice-extensions'
import { MetaError } from './notice-meta'
import { agendaOutline } from './numbering'
import { sampleNotice } from './sample-notice'
import { Peer, syncAll } from './test/peer'
import { CONTENT_FIELD, META_MAP, readMeta, readNoticeFromYDoc, writeMeta, writeNoticeToYDoc } from './ydoc'

const sampleYDoc = (): Y.Doc => {
  const ydoc = new Y.Doc()
  writeNoticeToYDoc(ydoc, sampleNotice)
  return ydoc
}

describe('writeNoticeToYDoc and readNoticeFromYDoc', () => {
  it('round-trip the sample notice exactly', () => {
    const back = readNoticeFromYDoc(sampleYDoc())
    expect(back.content).toEqual(sampleNotice.content)
    expect(back.meta).toEqual(sampleNotice.meta)
  })

  it('lose nothing through the editor binding: it reads back every node of the sample', () => {
    const bound = yXmlFragmentToProseMirrorRootNode(sampleYDoc().getXmlFragment(CONTENT_FIELD), noticeSchema)
    expect(bound.toJSON()).toEqual(sampleNotice.content)
  })

  it('round-trip through an encoded update into a fresh document', () => {
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(sampleYDoc()))
    expect(readNoticeFromYDoc(copy)).toEqual({ meta: sampleNotice.meta, content: sampleNotice.content })
  })

  it('round-trip a blank notice', () => {
    const ydoc = new Y.Doc()
    const blank = blankNotice('es')
    writeNoticeToYDoc(ydoc, blank)
    expect(readNoticeFromYDoc(ydoc)).toEqual(blank)
  })

  it('write the metadata into the meta map, one string per field', () => {
    expect(sampleYDoc().getMap(META_MAP).toJSON()).toEqual(sampleNotice.meta)
  })

  it('write in a single transaction', () => {
    const ydoc = new Y.Doc()
    let updates = 0
    ydoc.on('update', () => {
      updates += 1
    })
    writeNoticeToYDoc(ydoc, sampleNotice)
    expect(updates).toBe(1)
  })

  it('refuse to write over a document that has content', () => {
    const ydoc = sampleYDoc()
    expect(() => writeNoticeToYDoc(ydoc, sampleNotice)).toThrow(
      `writeNoticeToYDoc needs an empty Y.Doc, but "content" holds 9 nodes and "meta" holds 15 fields`,
    )
  })

  it('refuse to write over a document that has only metadata', () => {
    const ydoc = new Y.Doc()
    ydoc.getMap(META_MAP).set('title', 'x')
    expect(() => writeNoticeToYDoc(ydoc, sampleNotice)).toThrow('needs an empty Y.Doc')
  })

  it('validate before writing anything', () => {
    const ydoc = new Y.Doc()
    expect(() =>
      writeNoticeToYDoc(ydoc, { ...sampleNotice, meta: { ...sampleNotice.meta, meetingDate: '19.03.2024' } }),
    ).toThrow(MetaError)
    expect(() =>
      writeNoticeToYDoc(ydoc, { ...sampleNotice, content: { type: 'doc', content: [{ type: 'heading' }] } }),
    ).toThrow(NoticeContentError)
    expect(ydoc.getXmlFragment(CONTENT_FIELD).length).toBe(0)
    expect(ydoc.getMap(META_MAP).size).toBe(0)
  })

  it('read around a node the schema does not know, leaving it out', () => {
    const ydoc = sampleYDoc()
    const before = readNoticeFromYDoc(ydoc)
    ydoc.getXmlFragment(CONTENT_FIELD).insert(1, [new Y.XmlElement('heading')])
    expect(readNoticeFromYDoc(ydoc)).toEqual(before)
  })

  it('read a live document holding a duplicate agenda id', () => {
    const ydoc = sampleYDoc()
    const fragment = ydoc.getXmlFragment(CONTENT_FIELD)
    const copy = (fragment.get(3) as Y.XmlElement).clone()
    fragment.insert(4, [copy])
    expect(
      agendaOutline(noticeSchema.nodeFromJSON(readNoticeFromYDoc(ydoc).content))
        .map((entry) => entry.id)
        .slice(0, 3),
    ).toEqual(['msme-accession', 'msme-accession', 'msme-package-2020'])
  })
})

describe('readMeta and writeMeta', () => {
  it('read only known fields holding strings', () => {
    const ydoc = new Y.Doc()
    const map = ydoc.getMap<unknown>(META_MAP)
    map.set('title', 'Avis')
    map.set('meetingDate', 20240319)
    map.set('colour', 'blue')
    expect(readMeta(ydoc)).toEqual({ title: 'Avis' })
  })

  it('write a valid patch in one transaction with its origin', () => {
    const ydoc = sampleYDoc()
    const origins: unknown[] = []
    ydoc.on('update', (_update: Uint8Array, origin: unknown) => {
      origins.push(origin)
    })
    expect(writeMeta(ydoc, { meetingTime: '10:00', place: 'Salle D' }, 'panel')).toEqual({
      meetingTime: '10:00',
      place: 'Salle D',
    })
    expect(origins).toEqual(['panel'])
    expect(readMeta(ydoc)).toEqual({ ...sampleNotice.meta, meetingTime: '10:00', place: 'Salle D' })
  })

  it('write nothing when one field of the patch is bad, and name it', () => {
    const ydoc = sampleYDoc()
    expect(() => writeMeta(ydoc, { place: 'Salle D', meetingDate: '2024-02-30' })).toThrow(
      'Invalid notice metadata: meetingDate: expected a date as YYYY-MM-DD, got "2024-02-30"',
    )
    expect(() => writeMeta(ydoc, { venue: 'Salle D' })).toThrow(
      'Invalid notice metadata: venue: unknown field "venue"',
    )
    expect(readMeta(ydoc)).toEqual(sampleNotice.meta)
  })
})

describe('agenda items edited concurrently', () => {
  const deleteItem = (doc: ProseMirrorNode, id: string): ProseMirrorNode => {
    const entry = agendaOutline(doc).find((candidate) => candidate.id === id)
    if (!entry) throw new Error(`no item ${id}`)
    return new Transform(doc).delete(entry.pos, entry.pos + (doc.nodeAt(entry.pos)?.nodeSize ?? 0)).doc
  }
  const retitle = (doc: ProseMirrorNode, id: string, prefix: string): ProseMirrorNode => {
    const entry = agendaOutline(doc).find((candidate) => candidate.id === id)
    if (!entry) throw new Error(`no item ${id}`)
    return new Transform(doc).insert(entry.pos + 2, doc.type.schema.text(prefix)).doc
  }

  it('keep their ids and renumber for everyone when one peer deletes 3.1 while another retitles 3.2', () => {
    const alice = new Peer(1)
    const bob = new Peer(2)
    writeNoticeToYDoc(alice.ydoc, sampleNotice)
    alice.sendTo(bob)

    alice.edit((doc) => deleteItem(doc, 'sustainability-reporting'))
    bob.edit((doc) => retitle(doc, 'msme-investment', 'Nouveau: '))
    syncAll([alice, bob])

    for (const peer of [alice, bob]) {
      expect(agendaOutline(peer.doc).slice(2, 4)).toMatchObject([
        { number: '3', id: 'thematic-discussions' },
        { number: '3.1', id: 'msme-investment', title: 'Nouveau: Investissement des MPME' },
      ])
    }
    expect(readNoticeFromYDoc(alice.ydoc)).toEqual(readNoticeFromYDoc(bob.ydoc))
  })
})
