import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MOVES_MAP } from './agenda-move-record'
import { newNoticeYDoc } from './move-ledger'
import { sampleNotice } from './sample-notice'
import { CONTENT_FIELD, META_MAP, writeNoticeToYDoc } from './ydoc'
import { noticeChangeProblems, openNoticeRoots } from './ydoc-check'

/** The sample notice in a doc whose roots are open, as the server holds it. */
function sampleDoc(): Y.Doc {
  const doc = newNoticeYDoc()
  openNoticeRoots(doc)
  writeNoticeToYDoc(doc, sampleNotice)
  return doc
}

/** The problems `change` (made by a peer on a copy of `doc`) leaves once applied to `doc`. */
function problemsOf(doc: Y.Doc, change: (peer: Y.Doc) => void): string[] {
  const peer = new Y.Doc()
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc))
  const before = Y.encodeStateVector(peer)
  change(peer)
  const update = Y.encodeStateAsUpdate(peer, before)
  // Yjs may run a second transaction (formatting cleanup) after the update's own.
  const problems: string[] = []
  const listen = (transaction: Y.Transaction): void => {
    problems.push(...noticeChangeProblems(transaction))
  }
  doc.on('afterTransaction', listen)
  Y.applyUpdate(doc, update)
  doc.off('afterTransaction', listen)
  return problems
}

const content = (doc: Y.Doc): Y.XmlFragment => doc.getXmlFragment(CONTENT_FIELD)

const paragraph = (text: string): Y.XmlElement => {
  const element = new Y.XmlElement('paragraph')
  element.insert(0, [new Y.XmlText(text)])
  return element
}

describe('noticeChangeProblems', () => {
  it('finds nothing wrong with typing, formatting, a new paragraph or a metadata change', () => {
    const doc = sampleDoc()
    expect(
      problemsOf(doc, (peer) => {
        const first = content(peer).get(0) as Y.XmlElement
        ;(first.get(0) as Y.XmlText).insert(0, 'Note: ', { bold: {} })
        content(peer).insert(1, [paragraph('A new paragraph')])
        peer.getMap(META_MAP).set('meetingDate', '2024-04-02')
      }),
    ).toEqual([])
  })

  it('finds nothing wrong with deleting a whole agenda item', () => {
    const doc = sampleDoc()
    const last = content(doc).length - 1
    expect(problemsOf(doc, (peer) => content(peer).delete(last, 1))).toEqual([])
  })

  it('names an element the schema does not know', () => {
    const doc = sampleDoc()
    expect(problemsOf(doc, (peer) => content(peer).insert(0, [new Y.XmlElement('agendaitem')]))).toEqual([
      'unknown element "agendaitem"',
    ])
  })

  it('names an attribute a node does not have', () => {
    const doc = sampleDoc()
    const problems = problemsOf(doc, (peer) =>
      (content(peer).get(0) as Y.XmlElement).setAttribute('onclick', 'alert(1)'),
    )
    expect(problems).toEqual(['unknown attribute "onclick" on paragraph'])
  })

  it('names an attribute of the wrong type and one over the length limit', () => {
    const doc = sampleDoc()
    const item = content(doc)
      .toArray()
      .findIndex((node) => node instanceof Y.XmlElement && node.nodeName === 'agendaItem')
    expect(
      problemsOf(doc, (peer) =>
        (content(peer).get(item) as Y.XmlElement).setAttribute('id', { evil: true } as unknown as string),
      ),
    ).toEqual(['attribute "id" of agendaItem cannot be object'])
    expect(
      problemsOf(doc, (peer) =>
        (content(peer).get(item) as Y.XmlElement).setAttribute('id', 'x'.repeat(1001)),
      ),
    ).toEqual(['attribute "id" of agendaItem is 1001 characters long, over the limit of 1000'])
  })

  it('names a mark the schema does not know and a mark whose attributes are not an object', () => {
    const doc = sampleDoc()
    const text = (peer: Y.Doc): Y.XmlText => (content(peer).get(0) as Y.XmlElement).get(0) as Y.XmlText
    expect(problemsOf(doc, (peer) => text(peer).format(0, 3, { underline: {} }))).toEqual([
      'unknown mark "underline"',
    ])
    expect(problemsOf(doc, (peer) => text(peer).format(0, 3, { bold: true }))).toEqual([
      'mark bold cannot have boolean as attributes',
    ])
  })

  it('names content that does not fit its parent, added or left by a deletion', () => {
    const doc = sampleDoc()
    expect(problemsOf(doc, (peer) => content(peer).insert(0, [new Y.XmlText('loose text')]))).toEqual([
      'text is not allowed in doc (it holds "(block | agendaItem)*")',
    ])
    const item = content(doc)
      .toArray()
      .findIndex((node) => node instanceof Y.XmlElement && node.nodeName === 'agendaItem')
    expect(problemsOf(doc, (peer) => (content(peer).get(item) as Y.XmlElement).delete(0, 1))).toEqual([
      'paragraph is not allowed in agendaItem (it holds "agendaTitle (block | agendaItem)*")',
    ])
  })

  it('refuses nesting deeper than 32 elements, however it is built', () => {
    const doc = sampleDoc()
    const nested = (depth: number): Y.XmlElement => {
      let element = paragraph('deep')
      for (let level = 1; level < depth; level++) {
        const list = new Y.XmlElement('bulletList')
        const item = new Y.XmlElement('listItem')
        item.insert(0, [paragraph('item'), element])
        list.insert(0, [item])
        element = list
      }
      return element
    }
    expect(problemsOf(doc, (peer) => content(peer).insert(0, [nested(16)]))).toEqual([])
    expect(problemsOf(doc, (peer) => content(peer).insert(0, [nested(17)]))).toEqual([
      'elements nested more than 32 deep',
    ])
  })

  it('applies the metadata rules to the meta map', () => {
    const doc = sampleDoc()
    expect(
      problemsOf(doc, (peer) => peer.getMap(META_MAP).set('language', 'fr" onmouseover="alert(1)'))[0],
    ).toMatch(/^Invalid notice metadata: language: expected one of "en", "fr", "es"/)
    expect(problemsOf(doc, (peer) => peer.getMap(META_MAP).set('meetingDate', '2024-13-99'))).toEqual([
      'Invalid notice metadata: meetingDate: expected a date as YYYY-MM-DD, got "2024-13-99"',
    ])
    expect(problemsOf(doc, (peer) => peer.getMap(META_MAP).set('colour', 'red'))).toEqual([
      'unknown metadata field "colour"',
    ])
    expect(problemsOf(doc, (peer) => peer.getMap(META_MAP).set('title', 42))).toEqual([
      'Invalid notice metadata: title: expected a string, got number',
    ])
  })

  it('names a move record that does not decode and a part of the doc that is not a notice root', () => {
    const doc = sampleDoc()
    expect(problemsOf(doc, (peer) => peer.getMap(MOVES_MAP).set('1:2', 'not bytes'))).toEqual([
      'the move record "1:2" does not decode',
    ])
    expect(problemsOf(doc, (peer) => peer.getMap('extra').set('x', 1))).toEqual([
      'unknown part "extra" of the notice',
    ])
  })

  it('checks only what changed: a doc already holding an unknown element accepts an edit elsewhere', () => {
    const doc = sampleDoc()
    const item = content(doc)
      .toArray()
      .findIndex((node) => node instanceof Y.XmlElement && node.nodeName === 'agendaItem')
    ;(content(doc).get(item) as Y.XmlElement).insert(1, [new Y.XmlElement('agendaitem')])
    expect(
      problemsOf(doc, (peer) => ((content(peer).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'x')),
    ).toEqual([])
  })
})
