/**
 * A notice state that the server's update check would refuse, written straight into a data
 * directory's database as a state stored before that check existed (or a database edited by hand)
 * would be: the sample notice, plus an element the schema does not know, an `onclick` attribute, a
 * `bold: true` mark, an invalid language and an impossible meeting date.
 */
import { CONTENT_FIELD, META_MAP, newNoticeYDoc, sampleNotice, writeNoticeToYDoc } from '@convene/schema'
import { openDatabase } from '@convene/server'
import * as Y from 'yjs'
import { paragraph } from './notice-content'

/** The text of the paragraph added beside the invalid parts, which every reader must show. */
export const READABLE_TEXT = 'Ce paragraphe se lit malgré tout'

/** The encoded state: the sample notice and {@link READABLE_TEXT} with the invalid parts. */
export function invalidNoticeState(): Uint8Array {
  const doc = newNoticeYDoc()
  writeNoticeToYDoc(doc, sampleNotice)
  const content = doc.getXmlFragment(CONTENT_FIELD)
  const unknown = new Y.XmlElement('agendaitem')
  unknown.insert(0, [new Y.XmlText('Point inconnu')])
  const clickable = paragraph('Cliquez ici')
  const readable = paragraph(READABLE_TEXT)
  content.insert(0, [readable, unknown, clickable])
  clickable.setAttribute('onclick', 'alert(document.cookie)')
  ;(readable.get(0) as Y.XmlText).format(0, 3, { bold: true as unknown as object })
  doc.getMap(META_MAP).set('language', 'fr" onmouseover="alert(1)')
  doc.getMap(META_MAP).set('meetingDate', '2024-13-99')
  return Y.encodeStateAsUpdate(doc)
}

/** Stores {@link invalidNoticeState} as notice `id` in the database of `dataDir` (no server running on it). */
export async function storeInvalidNotice(dataDir: string, id: string): Promise<void> {
  const database = await openDatabase({ dataDir, databaseUrl: null })
  try {
    const { title, symbol } = sampleNotice.meta
    await database.notices.createNotice({
      id,
      summary: { title, symbol, language: 'fr' },
      state: invalidNoticeState(),
    })
  } finally {
    await database.close()
  }
}
