import { agendaOutline, docFromJSON } from '@convene/schema'
import { describe, expect, it } from 'vitest'
import type { JSONContent } from './json-content'
import { plainTextBlocks } from './plain-text'
import { recogniseNotice } from './recognise-notice'

const NBSP = '\u00a0'

// An English WTO notice as pdftotext gives it: pages split by form feeds, a running header on
// pages 2 and 3 with the page number, a bullet alone on its line, a title split over two lines,
// a line of non-breaking spaces, a link line at the page foot.
const ENGLISH = [
  'WORLD TRADE ORGANIZATION',
  '',
  'RESTRICTED',
  'G/AG/N/123',
  '',
  '4 April 2024',
  '',
  '(24-2712)',
  'Page: 1/3',
  '',
  'Committee on Agriculture',
  '',
  'NOTICE OF MEETING',
  '',
  'The Committee on Agriculture will hold its next meeting in Room W, Centre William Rappard, on',
  'Tuesday 23 April 2024 at 10 a.m. The meeting will be held in hybrid mode via Interprefy.',
  `${NBSP}${NBSP}${NBSP}`,
  'The following items are proposed for the agenda:',
  '',
  'A.  REVIEW PROCESS: MATTERS RELATED TO THE IMPLEMENTATION OF COMMITMENTS UNDER THE',
  'AGRICULTURE AGREEMENT',
  '',
  '(a)  Notifications by Members (G/AG/N/EU/85 and G/AG/N/USA/160)',
  '',
  'Mr Peter Brandt, Counsellor at the Permanent Mission of Denmark, will introduce the',
  'notifications.',
  '',
  'https://docs.wto.org/dol2fe/Pages/SS/directdoc.aspx?filename=q:/G/AG/N/EU85.pdf',
  '\fG/AG/N/123',
  '- 2 -',
  '',
  '(b)  Questions on the implementation of the Bali Decision',
  '',
  '•',
  'food security stocks held by developing Members;',
  '•',
  'export competition.',
  '',
  'B.  OTHER BUSINESS',
  '',
  'Members wishing to raise other matters are invited to inform the Secretariat',
  'by 19 April 2024 (agriculture@wto.org).',
  '\fG/AG/N/123',
  '- 3 -',
  '',
  'C.  DATE OF THE NEXT MEETING',
  '',
  '__________',
].join('\n')

function texts(json: JSONContent): string[] {
  if (json.type === 'text') return [json.text ?? '']
  if (json.type === 'symbol') return [String(json.attrs?.symbol)]
  return (json.content ?? []).flatMap(texts)
}

describe('recogniseNotice on PDF-extracted English text', () => {
  const imported = recogniseNotice(plainTextBlocks(ENGLISH), { format: 'pdf' })
  const outline = agendaOutline(docFromJSON(imported.content)).map(
    (entry) => `${entry.number} ${entry.title}`,
  )

  it('finds the lettered items and their (a) sub-items, joining the title split over two lines', () => {
    expect(outline).toEqual([
      '1 REVIEW PROCESS: MATTERS RELATED TO THE IMPLEMENTATION OF COMMITMENTS UNDER THE AGRICULTURE AGREEMENT',
      '1.1 Notifications by Members (G/AG/N/EU/85 and G/AG/N/USA/160)',
      '1.2 Questions on the implementation of the Bali Decision',
      '2 OTHER BUSINESS',
      '3 DATE OF THE NEXT MEETING',
    ])
  })

  it('reads the header: organisation, symbol, date, body, kind and the meeting details of the first paragraph', () => {
    expect(imported.meta).toMatchObject({
      organisation: 'WTO',
      symbol: 'G/AG/N/123',
      issueDate: '2024-04-04',
      issuingBody: 'Committee on Agriculture',
      title: 'Notice of meeting',
      language: 'en',
      meetingDate: '2024-04-23',
      meetingTime: '10:00',
      mode: 'hybrid',
      place: 'Room W',
      platform: 'Interprefy',
    })
  })

  it('drops the running headers, page numbers, the job number, the link line and the rule, and says why', () => {
    expect(imported.report.dropped).toEqual([
      { text: '(24-2712)', why: 'a document job number' },
      { text: 'Page: 1/3', why: 'a page number' },
      {
        text: 'https://docs.wto.org/dol2fe/Pages/SS/directdoc.aspx?filename=q:/G/AG/N/EU85.pdf',
        why: 'a link target listed at the foot of the page',
      },
      { text: 'G/AG/N/123', why: 'a running page header or footer' },
      { text: '- 2 -', why: 'a page number' },
      { text: 'G/AG/N/123', why: 'a running page header or footer' },
      { text: '- 3 -', why: 'a page number' },
      { text: '__________', why: 'a horizontal rule' },
    ])
  })

  it('keeps every other word in order, bullets alone on a line joined to their entry, the speaker and symbols as nodes', () => {
    const words = texts(imported.content).join(' ').split(/\s+/).filter(Boolean).join(' ')
    expect(words).toContain(
      'Tuesday 23 April 2024 at 10 a.m. The meeting will be held in hybrid mode via Interprefy.',
    )
    expect(words).toContain('food security stocks held by developing Members; export competition.')
    expect(words).toContain('by 19 April 2024 (agriculture@wto.org).')
    expect(imported.report).toMatchObject({ speakers: 1, symbols: 2, items: 5 })
    expect(JSON.stringify(imported.content)).toContain('"organisation":"Permanent Mission of Denmark"')
  })
})
