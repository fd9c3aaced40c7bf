import type { JSONContent } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { agendaItem, doc, paragraph } from './content-builders'
import { NoticeContentError } from './doc-from-json'
import type { Notice } from './notice'
import { sampleNotice } from './sample-notice'
import { CONTENT_FIELD, META_MAP, readNoticeFromYDoc, writeNoticeToYDoc } from './ydoc'
import { applyNoticeToYDoc } from './ydoc-restore'

const docOf = (notice: Notice): Y.Doc => {
  const ydoc = new Y.Doc()
  writeNoticeToYDoc(ydoc, notice)
  return ydoc
}

const sync = (from: Y.Doc, to: Y.Doc): void => {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
}

const small = (title: string, body: string): Notice => ({
  meta: { ...sampleNotice.meta, title },
  content: doc(
    paragraph('Preamble'),
    agendaItem('a', 'First item', paragraph(body)),
    agendaItem('b', 'Second'),
  ),
})

/** The Y.XmlElement of agenda item `id` in `ydoc`. */
const itemElement = (ydoc: Y.Doc, id: string): Y.XmlElement | undefined =>
  ydoc
    .getXmlFragment(CONTENT_FIELD)
    .toArray()
    .find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.getAttribute('id') === id)

describe('applyNoticeToYDoc', () => {
  it('makes an edited sample read back exactly as the sample again, metadata included', () => {
    const ydoc = docOf(sampleNotice)
    const edited = docOf(small('Changed', 'Other body'))
    applyNoticeToYDoc(ydoc, readNoticeFromYDoc(edited))
    expect(readNoticeFromYDoc(ydoc)).toEqual(readNoticeFromYDoc(edited))
    applyNoticeToYDoc(ydoc, sampleNotice)
    expect(readNoticeFromYDoc(ydoc)).toEqual({ meta: sampleNotice.meta, content: sampleNotice.content })
  })

  it('removes metadata fields the restored version does not have', () => {
    const ydoc = docOf(small('Title', 'Body'))
    applyNoticeToYDoc(ydoc, { meta: { title: 'Only a title' }, content: small('x', 'Body').content })
    expect([...ydoc.getMap(META_MAP).keys()]).toEqual(['title'])
    expect(readNoticeFromYDoc(ydoc).meta).toEqual({ title: 'Only a title' })
  })

  it('changes the document in one transaction and keeps the nodes that did not change', () => {
    const ydoc = docOf(small('Title', 'Old body'))
    const untouched = itemElement(ydoc, 'b')
    let updates = 0
    ydoc.on('update', () => {
      updates += 1
    })
    applyNoticeToYDoc(ydoc, small('New title', 'New body'))
    expect(updates).toBe(1)
    expect(itemElement(ydoc, 'b')).toBe(untouched)
    expect(readNoticeFromYDoc(ydoc).content).toEqual(
      readNoticeFromYDoc(docOf(small('New title', 'New body'))).content,
    )
  })

  it('keeps what another peer typed concurrently into a paragraph that the restore also changes', () => {
    const server = docOf(small('Title', 'The meeting starts at ten'))
    const peer = new Y.Doc()
    sync(server, peer)
    // The peer types at the end of the item's body while the server restores an older body.
    const body = itemElement(peer, 'a')?.get(1) as Y.XmlElement
    const text = body.get(0) as Y.XmlText
    text.insert(text.length, ' sharp')
    applyNoticeToYDoc(server, small('Title', 'The meeting starts at nine'))
    sync(peer, server)
    sync(server, peer)
    const serverBody = JSON.stringify(readNoticeFromYDoc(server).content)
    expect(serverBody).toContain('nine')
    expect(serverBody).toContain(' sharp')
    expect(readNoticeFromYDoc(peer)).toEqual(readNoticeFromYDoc(server))
  })

  it('refuses content that is not a notice and changes nothing', () => {
    const ydoc = docOf(small('Title', 'Body'))
    const before = Y.encodeStateAsUpdate(ydoc)
    const bad: JSONContent = { type: 'doc', content: [{ type: 'agendaTitle' }] }
    expect(() => applyNoticeToYDoc(ydoc, { meta: {}, content: bad })).toThrow(NoticeContentError)
    expect(Y.encodeStateAsUpdate(ydoc)).toEqual(before)
  })
})
