import { agendaOutline, docFromJSON } from '@convene/schema'
import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun } from 'docx'
import { describe, expect, it } from 'vitest'
import { importFile } from './import-file'

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

const AGENDA_LEVELS = [
  { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT },
  { level: 1, format: LevelFormat.DECIMAL, text: '%1.%2', alignment: AlignmentType.LEFT },
  { level: 2, format: LevelFormat.LOWER_LETTER, text: '(%3)', alignment: AlignmentType.LEFT },
]

const outlineOf = async (document: Document) => {
  const imported = await importFile(new Uint8Array(await Packer.toBuffer(document)), DOCX)
  return {
    imported,
    outline: agendaOutline(docFromJSON(imported.content)).map((entry) => `${entry.number} ${entry.title}`),
  }
}

describe("Word's automatic numbering (numbering.xml), which mammoth does not resolve", () => {
  it('gives item depths from the numbering levels of paragraphs whose numbers are not in their text', async () => {
    const item = (text: string, level: number) =>
      new Paragraph({ text, numbering: { reference: 'agenda', level } })
    const body = (text: string) => new Paragraph({ children: [new TextRun(text)] })
    const document = new Document({
      numbering: { config: [{ reference: 'agenda', levels: AGENDA_LEVELS }] },
      sections: [
        {
          children: [
            body('The Committee will meet on 12 June 2024. The proposed agenda is as follows:'),
            item('Adoption of the agenda', 0),
            item('Notifications', 0),
            body('Members will review the notifications circulated since the last meeting.'),
            item('Notifications under Article 18.2', 1),
            item('Questions by Members', 2),
            item('Replies', 2),
            item('Counter-notifications', 1),
            item('Other business', 0),
          ],
        },
      ],
    })
    const { outline, imported } = await outlineOf(document)
    expect(outline).toEqual([
      '1 Adoption of the agenda',
      '2 Notifications',
      '2.1 Notifications under Article 18.2',
      '2.1.1 Questions by Members',
      '2.1.2 Replies',
      '2.2 Counter-notifications',
      '3 Other business',
    ])
    expect(JSON.stringify(imported.content)).toContain('Members will review the notifications')
  })

  it('reads numbering attached to heading styles in styles.xml', async () => {
    const document = new Document({
      numbering: { config: [{ reference: 'headings', levels: AGENDA_LEVELS.slice(0, 2) }] },
      styles: {
        paragraphStyles: [
          {
            id: 'Heading1',
            name: 'Heading 1',
            basedOn: 'Normal',
            run: { bold: true },
            paragraph: { numbering: { reference: 'headings', level: 0 } },
          },
          {
            id: 'Heading2',
            name: 'Heading 2',
            basedOn: 'Normal',
            paragraph: { numbering: { reference: 'headings', level: 1 } },
          },
        ],
      },
      sections: [
        {
          children: [
            new Paragraph({ text: 'Opening of the session', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({ text: 'Election of officers', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({ text: 'Election of the Chair', heading: HeadingLevel.HEADING_2 }),
            new Paragraph({ text: 'Election of the Vice-Chairs', heading: HeadingLevel.HEADING_2 }),
            new Paragraph({ text: 'Adoption of the report', heading: HeadingLevel.HEADING_1 }),
          ],
        },
      ],
    })
    const { outline } = await outlineOf(document)
    expect(outline).toEqual([
      '1 Opening of the session',
      '2 Election of officers',
      '2.1 Election of the Chair',
      '2.2 Election of the Vice-Chairs',
      '3 Adoption of the report',
    ])
  })
})
