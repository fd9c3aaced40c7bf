/**
 * The import corpus (tests/fixtures/notices): each transcribed notice as text, and made into a DOCX
 * (the `docx` library; agenda items as Word automatic numbering, their labels only in
 * numbering.xml; bullets as Word bullets) and a PDF (pdfkit; lines broken by pdfkit, a running
 * header and a page number on every page), with the expected items, speakers and symbols.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { AlignmentType, Document, LevelFormat, Packer, Paragraph } from 'docx'
import PDFDocument from 'pdfkit'

/** What a person reads in a notice: items (number, title), speakers' names, cited symbols. */
export type Expected = {
  organisation: string
  language: string
  items: [string, string][]
  speakers: string[]
  symbols: string[]
}

/** One notice of the corpus. */
export type CorpusNotice = { name: string; text: string; expected: Expected }

const DIR = new URL('../fixtures/notices/', import.meta.url)

/** Every notice of the corpus, by name. */
export function corpus(): CorpusNotice[] {
  return readdirSync(DIR)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.txt'.length)
      return {
        name,
        text: readFileSync(new URL(file, DIR), 'utf8'),
        expected: JSON.parse(readFileSync(new URL(`${name}.expected.json`, DIR), 'utf8')) as Expected,
      }
    })
}

const LABEL = /^(\d+(?:\.\d+)*\.?|[IVX]+\.|[A-Z]\.|\([a-z]\))\s+/
// The transcriptions hold one paragraph per line, as a Word document does.
const paragraphsOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')

/** The numbering level of a paragraph that is one of the expected items, or undefined. */
function itemLevel(paragraph: string, expected: Expected): number | undefined {
  const label = LABEL.exec(paragraph)
  if (!label) return undefined
  const title = paragraph.slice(label[0].length)
  const item = expected.items.find(([, expectedTitle]) => expectedTitle === title)
  return item ? item[0].split('.').length - 1 : undefined
}

/** The notice as a DOCX whose item numbers are Word's automatic numbering (decimal, then decimal.decimal). */
export async function corpusDocx(notice: CorpusNotice): Promise<Uint8Array> {
  const roman = /^[IVX]+\./.test(notice.text.match(/^\s*(I\.|1\.?)\s/m)?.[1] ?? '')
  const levels = [
    {
      level: 0,
      format: roman ? LevelFormat.UPPER_ROMAN : LevelFormat.DECIMAL,
      text: '%1.',
      alignment: AlignmentType.LEFT,
    },
    roman
      ? { level: 1, format: LevelFormat.UPPER_LETTER, text: '%2.', alignment: AlignmentType.LEFT }
      : { level: 1, format: LevelFormat.DECIMAL, text: '%1.%2', alignment: AlignmentType.LEFT },
  ]
  const children = paragraphsOf(notice.text).map((paragraph) => {
    const level = itemLevel(paragraph, notice.expected)
    if (level === undefined) return new Paragraph({ text: paragraph })
    return new Paragraph({ text: paragraph.replace(LABEL, ''), numbering: { reference: 'agenda', level } })
  })
  const document = new Document({
    creator: 'Convene import corpus',
    numbering: { config: [{ reference: 'agenda', levels }] },
    sections: [{ children }],
  })
  return new Uint8Array(await Packer.toBuffer(document))
}

/** The notice as a PDF: paragraphs flowed and broken into lines by pdfkit, a running header and page number on each page after the first. */
export function corpusPdf(notice: CorpusNotice): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 72,
      info: { CreationDate: new Date(0) },
      bufferPages: true,
    })
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))))
    doc.font('Helvetica').fontSize(11)
    const header =
      notice.text.split('\n').find((line) => /\d/.test(line) && line.includes('/')) ?? notice.name
    for (const paragraph of paragraphsOf(notice.text)) {
      doc.text(paragraph, { width: 451, align: 'left' })
      doc.moveDown(0.8)
    }
    const range = doc.bufferedPageRange()
    for (let index = range.start + 1; index < range.start + range.count; index++) {
      doc.switchToPage(index)
      doc.fontSize(9).text(header.trim(), 72, 40, { lineBreak: false })
      doc.text(`- ${index + 1} -`, 280, 800, { lineBreak: false })
    }
    doc.end()
  })
}

/** A notice of `count` items, each with a speaker and a symbol, as plain text (the large notice of the benchmark). */
export function largeNotice(count: number): CorpusNotice {
  const lines = [
    'WORLD TRADE ORGANIZATION',
    '',
    'WT/GC/W/999',
    '',
    '1 March 2024',
    '',
    'General Council',
    '',
    'NOTICE OF MEETING',
    '',
  ]
  const items: [string, string][] = []
  for (let i = 1; i <= count; i++) {
    const title = `Review of the notifications of Members, part ${i} (G/AG/N/${i})`
    items.push([String(i), title])
    lines.push(
      `${i}. ${title}`,
      '',
      `Mr John Smith${i === 1 ? '' : ''}, Counsellor at the Permanent Mission of Canada, will introduce document G/AG/W/${i}.`,
      '',
    )
  }
  return {
    name: `large-${count}`,
    text: lines.join('\n'),
    expected: {
      organisation: 'WTO',
      language: 'en',
      items,
      speakers: items.map(() => 'John Smith'),
      symbols: items.flatMap((_, index) => [`G/AG/N/${index + 1}`, `G/AG/W/${index + 1}`]),
    },
  }
}
