import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { docFromJSON } from './doc-from-json'
import { sampleNotice } from './sample-notice'
import { CONTENT_FIELD, META_MAP, writeNoticeToYDoc } from './ydoc'
import { readNoticeLeniently } from './ydoc-lenient-read'

function sampleDoc(): Y.Doc {
  const doc = new Y.Doc()
  writeNoticeToYDoc(doc, sampleNotice)
  return doc
}

const firstItemIndex = (doc: Y.Doc): number =>
  doc
    .getXmlFragment(CONTENT_FIELD)
    .toArray()
    .findIndex((node) => node instanceof Y.XmlElement && node.nodeName === 'agendaItem')

describe('readNoticeLeniently', () => {
  it('reads a valid notice exactly, with no problem', () => {
    expect(readNoticeLeniently(sampleDoc())).toEqual({ ...sampleNotice, problems: [] })
  })

  it('drops an unknown element, attribute and mark, and names each', () => {
    const doc = sampleDoc()
    const fragment = doc.getXmlFragment(CONTENT_FIELD)
    fragment.insert(0, [new Y.XmlElement('agendaitem')])
    const first = fragment.get(1) as Y.XmlElement
    first.setAttribute('onclick', 'alert(1)')
    ;(first.get(0) as Y.XmlText).format(0, 2, { bold: true as unknown as object })
    const read = readNoticeLeniently(doc)
    expect(read.problems).toEqual([
      'unknown element "agendaitem": dropped',
      'unknown attribute "onclick" on paragraph: dropped',
      'mark bold cannot have boolean as attributes: dropped',
    ])
    expect(read.content).toEqual(sampleNotice.content)
  })

  it('gives an agenda item that lost its title an empty one, and drops text where none may be', () => {
    const doc = sampleDoc()
    const item = doc.getXmlFragment(CONTENT_FIELD).get(firstItemIndex(doc)) as Y.XmlElement
    item.delete(0, 1)
    doc.getXmlFragment(CONTENT_FIELD).insert(0, [new Y.XmlText('loose')])
    const read = readNoticeLeniently(doc)
    expect(read.problems).toEqual(['text is not allowed in doc: dropped'])
    expect(() => docFromJSON(read.content, { strict: false })).not.toThrow()
  })

  it('reads 2000 nested elements without overflowing the stack, dropping what is past the limit', () => {
    const doc = sampleDoc()
    // Built one level per transaction: Yjs integrates a nested prelim type recursively.
    let parent: Y.XmlFragment = doc.getXmlFragment(CONTENT_FIELD)
    for (let level = 0; level < 1000; level++) {
      const list = new Y.XmlElement('bulletList')
      parent.insert(0, [list])
      const item = new Y.XmlElement('listItem')
      list.insert(0, [item])
      item.insert(0, [new Y.XmlElement('paragraph')])
      parent = item
    }
    const read = readNoticeLeniently(doc)
    expect(read.problems).toContain('elements nested more than 32 deep: dropped')
    expect(() => docFromJSON(read.content, { strict: false })).not.toThrow()
  })

  it('ignores metadata that fails the metadata rules, naming the field', () => {
    const doc = sampleDoc()
    doc.getMap(META_MAP).set('language', 'fr" onmouseover="alert(1)')
    doc.getMap(META_MAP).set('meetingDate', '2024-13-99')
    const read = readNoticeLeniently(doc)
    expect(read.meta.language).toBeUndefined()
    expect(read.meta.meetingDate).toBeUndefined()
    expect(read.meta.title).toBe(sampleNotice.meta.title)
    expect(read.problems).toEqual([
      expect.stringMatching(/^Invalid notice metadata: language: .*: ignored$/),
      'Invalid notice metadata: meetingDate: expected a date as YYYY-MM-DD, got "2024-13-99": ignored',
    ])
  })
})
