import { contentBuilders, docFromJSON, sampleNotice } from '@convene/schema'
import { describe, expect, it } from 'vitest'
import { renderDocx } from './docx'
import { renderHtml } from './html'
import { renderMarkdown } from './markdown'
import type { ExportInput, JSONContent } from './notice-walk'
import { renderPdf } from './pdf'
import { FROZEN_REV1 } from './test/fixtures'
import { assertInOrder, pdfText, plainSpaces, unzipText } from './test/tools'
import { renderText } from './text'

const { agendaItem, doc, paragraph } = contentBuilders

/** An agenda with unnumbered headings and a note between its items, as real agendas have. */
function interleavedInput(): ExportInput {
  const content = docFromJSON(
    doc(
      paragraph('The provisional agenda is as follows:'),
      paragraph('Opening of the session'),
      agendaItem('o-1', 'Adoption of the agenda', paragraph('Document to follow.')),
      paragraph('Section A: Matters for decision'),
      agendaItem('o-2', 'Election of officers', paragraph('Nominations by groups.')),
      agendaItem('o-3', 'Budget', paragraph('The Secretariat will present.')),
      paragraph('Section B: Matters for information'),
      agendaItem('o-4', 'Other business', paragraph('Any other business.')),
      paragraph('Closing of the session'),
    ),
  ).toJSON() as JSONContent
  return { meta: { ...sampleNotice.meta, language: 'en' }, content, revision: { ...FROZEN_REV1 } }
}

/** What a reader meets, in order: each heading or note where it stands among the items. */
const ORDER = [
  'The provisional agenda is as follows:',
  'Opening of the session',
  'Adoption of the agenda',
  'Section A: Matters for decision',
  'Election of officers',
  'Budget',
  'Section B: Matters for information',
  'Other business',
  'Closing of the session',
]

describe('a notice with headings between its agenda items', () => {
  const input = interleavedInput()

  it('prints every block where it stands, in the HTML, Markdown and text', () => {
    const visible = plainSpaces(
      renderHtml(input)
        .replace(/<head>[\s\S]*<\/head>/, '')
        .replace(/<[^>]+>/g, ' '),
    )
    assertInOrder(visible, ORDER, 'HTML')
    assertInOrder(plainSpaces(renderMarkdown(input)), ORDER, 'Markdown')
    assertInOrder(plainSpaces(renderText(input)), ORDER, 'text')
  })

  it('prints every block where it stands, in the PDF and the DOCX', async () => {
    const squeezed = (text: string) => plainSpaces(text).replace(/\s+/g, ' ')
    const pdf = squeezed(pdfText(await renderPdf(input)))
    // Top-level titles are set in capitals in the PDF.
    assertInOrder(
      pdf.toLocaleUpperCase('en'),
      ORDER.map((line) => line.toLocaleUpperCase('en')),
      'PDF',
    )
    const xml = unzipText(await renderDocx(input))['word/document.xml'] ?? ''
    const words = squeezed([...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' '))
    assertInOrder(words, ORDER, 'DOCX')
    expect(words.indexOf('Closing of the session')).toBeGreaterThan(words.indexOf('Any other business'))
  }, 20_000)
})
