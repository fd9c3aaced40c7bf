/**
 * The DOCX export, built with the `docx` package as real Word structure: Heading1..6 styles with
 * outline levels (navigation pane), Word hyperlinks to Documents Online, a table of contents of
 * internal links to bookmarked items, page numbers in the footer, A4, and the frozen revision's
 * identity in the document properties. The package's output is then made reproducible by
 * docx-reproducible.ts (fixed dates, stable ids, fixed zip timestamps).
 * @module
 */
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  type ILevelsOptions,
  type INumberingOptions,
  InternalHyperlink,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  Tab,
  TextRun,
} from 'docx'
import { makeDocxReproducible } from './docx-reproducible'
import {
  type AgendaEntry,
  type Block,
  type ExportInput,
  type InlineRun,
  type NoticeView,
  symbolPieces,
  walkNotice,
} from './notice-walk'
import { documentProperties } from './properties'
import { unbreakable, WORD_JOINER } from './typography'

// Lengths in twentieths of a point (twips); font sizes in half-points.
const MM = 56.7
const FONT = 'Verdana'
const SIZE = 18
const SMALL = 16
const NUMBER_INDENT = Math.round(14 * MM)
const LIST_INDENT = Math.round(8 * MM)
const LINE = 264
const AFTER = 180
const MASTHEAD_INDENT = Math.round(112 * MM)
const LINK_COLOR = '1A4FA0'
const WORD_LANGUAGE = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES' } as const

/** Renders the notice as DOCX bytes (a zip, identical for identical input). */
export async function renderDocx(input: ExportInput): Promise<Uint8Array> {
  const view = walkNotice(input)
  const builder = new DocxBuilder(view)
  const body = builder.body()
  const { identity } = view
  const properties = documentProperties(view)
  const doc = new Document({
    title: properties.title,
    subject: properties.subject,
    creator: properties.author || 'Convene',
    lastModifiedBy: 'Convene',
    keywords: properties.keywords,
    description: properties.description,
    customProperties: properties.custom,
    styles: styles(view),
    numbering: builder.numbering(),
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: 11906, height: 16838 },
            margin: {
              top: Math.round(20 * MM),
              bottom: Math.round(22 * MM),
              left: Math.round(24 * MM),
              right: Math.round(22 * MM),
              header: Math.round(10 * MM),
              footer: Math.round(10 * MM),
            },
          },
        },
        headers: {
          first: new Header({ children: [new Paragraph({})] }),
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun({ text: identity.symbol, size: SMALL })],
              }),
            ],
          }),
        },
        footers: { first: pageFooter(view), default: pageFooter(view) },
        children: body,
      },
    ],
  })
  const packed = await Packer.toBuffer(doc)
  return makeDocxReproducible(new Uint8Array(packed), identity.createdAt)
}

function pageFooter(view: NoticeView): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            size: SMALL,
            children: [`${view.strings.page} `, PageNumber.CURRENT, '/', PageNumber.TOTAL_PAGES],
          }),
        ],
      }),
    ],
  })
}

function styles(view: NoticeView) {
  const run = { font: FONT, size: SIZE, color: '000000' }
  const heading = (level: number) => ({
    run: { ...run, bold: true, italics: level >= 3, allCaps: level === 1 },
    paragraph: {
      spacing: { before: level === 1 ? 360 : 240, after: AFTER, line: LINE },
      indent: { left: NUMBER_INDENT, hanging: NUMBER_INDENT },
      leftTabStop: NUMBER_INDENT,
      keepNext: true,
      keepLines: true,
      outlineLevel: level - 1,
    },
  })
  return {
    default: {
      document: {
        run: { ...run, language: { value: WORD_LANGUAGE[view.language] } },
        paragraph: { spacing: { after: AFTER, line: LINE } },
      },
      title: {
        run: { ...run, bold: true, allCaps: true },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 0, after: 360 } },
      },
      heading1: heading(1),
      heading2: heading(2),
      heading3: heading(3),
      heading4: heading(4),
      heading5: heading(5),
      heading6: heading(6),
      hyperlink: { run: { color: LINK_COLOR, underline: {} } },
    },
    paragraphStyles: [1, 2, 3, 4].map((level) => ({
      id: `TOC${level}`,
      name: `toc ${level}`,
      basedOn: 'Normal',
      next: 'Normal',
      run: { ...run, bold: level === 1 },
      paragraph: {
        spacing: { before: 0, after: 80, line: LINE },
        indent: { left: level * NUMBER_INDENT, hanging: NUMBER_INDENT },
        leftTabStop: level * NUMBER_INDENT,
      },
    })),
  }
}

/** Builds the body paragraphs, and the list definitions they use. */
class DocxBuilder {
  private listInstance = 0
  private readonly orderedStarts = new Set<number>()
  private readonly bookmarks = new Map<string, string>()

  constructor(private readonly view: NoticeView) {}

  body(): Paragraph[] {
    const { view } = this
    const { header, strings } = view
    const out: Paragraph[] = []
    if (view.draft) {
      const border = { style: BorderStyle.SINGLE, size: 12, color: 'B00020', space: 4 }
      out.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          border: { top: border, bottom: border, left: border, right: border },
          spacing: { after: 360 },
          children: [
            new TextRun({
              text: `${strings.draftWatermark}: ${strings.draftBanner}`,
              bold: true,
              color: 'B00020',
            }),
          ],
        }),
      )
    }
    out.push(
      new Paragraph({
        indent: { left: MASTHEAD_INDENT },
        spacing: { after: header.issueDate === '' ? 720 : 120 },
        children: [new TextRun({ text: header.symbol, bold: true })],
      }),
    )
    if (header.issueDate !== '') {
      out.push(
        new Paragraph({
          indent: { left: MASTHEAD_INDENT },
          spacing: { after: 720 },
          children: [new TextRun(header.issueDate)],
        }),
      )
    }
    if (header.issuingBody !== '') {
      out.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 360 },
          children: [new TextRun({ text: header.issuingBody, bold: true, allCaps: true })],
        }),
      )
    }
    out.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(header.title)] }))
    if (header.revisionLine !== null) {
      out.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 360 },
          children: [new TextRun(header.revisionLine)],
        }),
      )
    }
    out.push(
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        spacing: { before: 240 },
        children: [new TextRun(header.circulation)],
      }),
    )
    out.push(rule('_______________'))
    for (const row of header.logistics) {
      out.push(
        new Paragraph({
          indent: { left: Math.round(30 * MM), hanging: Math.round(30 * MM) },
          leftTabStop: Math.round(30 * MM),
          spacing: { after: 60 },
          children: [
            new TextRun({ text: `${row.label}:`, bold: true }),
            new TextRun({ children: [new Tab(), row.value] }),
          ],
        }),
      )
    }
    if (header.logistics.length > 0) out.push(new Paragraph({ spacing: { after: 60 } }))
    for (const part of view.body)
      out.push(...(part.kind === 'item' ? this.item(part.item) : this.block(part, 0)))
    if (view.toc.length > 0) {
      out.push(rule('__________'))
      out.push(
        new Paragraph({ keepNext: true, children: [new TextRun({ text: strings.contents, bold: true })] }),
      )
      for (const line of view.toc) {
        const level = Math.min(line.level, 4)
        out.push(
          new Paragraph({
            style: `TOC${level}`,
            children: [
              new InternalHyperlink({
                anchor: this.bookmark(line.anchor),
                children: [new TextRun({ children: [line.number, new Tab(), line.displayTitle] })],
              }),
            ],
          }),
        )
      }
    }
    return out
  }

  /** The list definitions: one bullet list, one decimal list per start number in use. */
  numbering(): INumberingOptions {
    const levels = (format: 'bullet' | 'decimal', start: number): ILevelsOptions[] =>
      [0, 1, 2, 3, 4, 5, 6, 7, 8].map((level) => ({
        level,
        format: format === 'bullet' ? LevelFormat.BULLET : LevelFormat.DECIMAL,
        text: format === 'bullet' ? (level % 2 === 0 ? '•' : '–') : `%${level + 1}.`,
        start: level === 0 ? start : 1,
        alignment: AlignmentType.LEFT,
        style: {
          paragraph: { indent: { left: LIST_INDENT * (level + 1), hanging: LIST_INDENT } },
        },
      }))
    return {
      config: [
        { reference: 'bullets', levels: levels('bullet', 1) },
        ...[...this.orderedStarts]
          .sort((a, b) => a - b)
          .map((start) => ({
            reference: `ordered-${start}`,
            levels: levels('decimal', start),
          })),
      ],
    }
  }

  /** A Word bookmark name for an anchor: letters, digits and underscores, starting with a letter, at most 40. */
  private bookmark(anchor: string): string {
    let name = this.bookmarks.get(anchor)
    if (name === undefined) {
      name = `agenda_item_${this.bookmarks.size + 1}`
      this.bookmarks.set(anchor, name)
    }
    return name
  }

  private item(item: AgendaEntry): Paragraph[] {
    const level = Math.min(item.level, 6)
    const out: Paragraph[] = [
      new Paragraph({
        heading: HEADINGS[level - 1],
        children: [
          new Bookmark({ id: this.bookmark(item.anchor), children: [new TextRun(item.number)] }),
          new TextRun({ children: [new Tab()] }),
          ...inline(item.title, { caps: item.level === 1 }),
        ],
      }),
    ]
    for (const block of item.body) out.push(...this.block(block, 0))
    for (const child of item.children) out.push(...this.item(child))
    return out
  }

  private block(block: Block, depth: number): Paragraph[] {
    if (block.kind === 'paragraph') {
      return [
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          indent: depth === 0 ? undefined : { left: LIST_INDENT * depth },
          children: inline(block.runs, { caps: false }),
        }),
      ]
    }
    const reference = block.ordered ? `ordered-${block.start}` : 'bullets'
    if (block.ordered) this.orderedStarts.add(block.start)
    const instance = ++this.listInstance
    const out: Paragraph[] = []
    for (const item of block.items) {
      item.forEach((child, i) => {
        if (i === 0 && child.kind === 'paragraph') {
          out.push(
            new Paragraph({
              alignment: AlignmentType.JUSTIFIED,
              numbering: { reference, level: Math.min(depth, 8), instance },
              spacing: { after: 120 },
              children: inline(child.runs, { caps: false }),
            }),
          )
        } else {
          out.push(...this.block(child, depth + 1))
        }
      })
    }
    return out
  }
}

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const

function rule(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 240, after: 360 },
    children: [new TextRun(text)],
  })
}

/** Inline runs as Word runs and hyperlinks; in a capitalised title, symbols keep their own case. */
function inline(runs: readonly InlineRun[], options: { caps: boolean }): ParagraphChild[] {
  const out: ParagraphChild[] = []
  const link = (
    text: string,
    href: string,
    extra: { bold?: boolean; italics?: boolean; allCaps?: boolean },
  ) => new ExternalHyperlink({ link: href, children: [new TextRun({ text, style: 'Hyperlink', ...extra })] })
  for (const run of runs) {
    switch (run.kind) {
      case 'break':
        out.push(new TextRun({ break: 1 }))
        break
      case 'speaker':
        out.push(new TextRun(run.text))
        break
      case 'symbol':
        for (const [index, piece] of symbolPieces(run).entries()) {
          const noCaps = options.caps ? { allCaps: false } : {}
          // A symbol never breaks across lines: word joiners inside it and between its pieces forbid it.
          const text = (index > 0 ? WORD_JOINER : '') + unbreakable(piece.text)
          out.push(piece.href === null ? new TextRun({ text, ...noCaps }) : link(text, piece.href, noCaps))
        }
        break
      case 'text': {
        const style = { bold: run.bold || undefined, italics: run.italic || undefined }
        out.push(
          run.href === null ? new TextRun({ text: run.text, ...style }) : link(run.text, run.href, style),
        )
        break
      }
    }
  }
  return out
}
