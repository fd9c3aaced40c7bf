import { CONTENT_FIELD, newNoticeYDoc, sampleNotice, writeNoticeToYDoc } from '@convene/schema'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { freezeRefusal } from './freeze-check'

const REVISION = { label: 'Rev.1', hash: 'f'.repeat(64), createdAt: '2026-03-19T10:00:00.000Z', frozen: true }

/** The encoded state of the sample notice after `change`. */
function sampleStateWith(change: (doc: Y.Doc) => void = () => {}): Uint8Array {
  const doc = newNoticeYDoc()
  writeNoticeToYDoc(doc, sampleNotice)
  change(doc)
  return Y.encodeStateAsUpdate(doc)
}

/** A paragraph at the top whose text links to `href`. */
const linkedParagraph = (href: string) => (doc: Y.Doc) => {
  const text = new Y.XmlText()
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [text])
  doc.getXmlFragment(CONTENT_FIELD).insert(0, [paragraph])
  text.insert(0, 'Voir la pièce jointe', { link: { href } })
}

describe('freezeRefusal', () => {
  it('lets the sample notice be frozen: it reads strictly and renders in every format', async () => {
    expect(await freezeRefusal(sampleStateWith(), REVISION)).toBeNull()
  })

  it('refuses a link to a data: URL, naming the strict reader and the href', async () => {
    const refusal = await freezeRefusal(
      sampleStateWith(linkedParagraph('data:text/html;base64,PHNjcmlwdD4=')),
      REVISION,
    )
    expect(refusal).toEqual({
      step: 'reader',
      reason: expect.stringContaining(
        'a link needs an http(s) or mailto href, got "data:text/html;base64,PHNjcmlwdD4="',
      ),
    })
  })

  it('refuses content the reader has to drop, naming what', async () => {
    const refusal = await freezeRefusal(
      sampleStateWith((doc) => doc.getXmlFragment(CONTENT_FIELD).insert(0, [new Y.XmlElement('agendaitem')])),
      REVISION,
    )
    expect(refusal).toEqual({
      step: 'reader',
      reason: 'part of it cannot be read: unknown element "agendaitem": dropped',
    })
  })

  it('refuses bytes that are no notice state', async () => {
    expect(await freezeRefusal(new Uint8Array([1, 2, 3, 250, 250]), REVISION)).toMatchObject({
      step: 'reader',
      reason: expect.stringMatching(/^its state does not decode/),
    })
  })
})
