/**
 * The PDF export, drawn in-process with pdfkit: A4 pages laid out like an official notice (symbol
 * and date top right, centred title, numbered bold agenda titles, justified body), embedded DejaVu
 * Sans, clickable Documents Online links, an outline (bookmarks) of the agenda, page numbers and a
 * table of contents with page numbers. Reproducible: the document dates come from the revision and
 * pdfkit derives the file /ID from the document info, so the same revision gives the same bytes.
 * @module
 */
import PDFDocument from 'pdfkit'
import { type PdfFontFace, pdfFonts } from './fonts'
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

// Lengths are PDF points (1/72 inch). A4 is 595.28 x 841.89.
const MARGIN = { top: 62, bottom: 68, left: 68, right: 62 }
const BODY_SIZE = 9.5
const SMALL_SIZE = 8
const LINE_GAP = 2.2
const PARAGRAPH_GAP = 8.5
const NUMBER_WIDTH = 34
const BULLET_WIDTH = 16
const LIST_INDENT = 4
const TOC_PAGE_WIDTH = 28
const BLACK = '#000000'
const GREY = '#444444'
const LINK = '#1a4fa0'

type Fragment = { text: string; face: PdfFontFace; href: string | null; symbol?: true }
type Doc = InstanceType<typeof PDFDocument>
type OutlineNode = Doc['outline']

/** Renders the notice as PDF bytes. */
export async function renderPdf(input: ExportInput): Promise<Uint8Array> {
  const view = walkNotice(input)
  const { identity } = view
  const properties = documentProperties(view)
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    lang: view.language,
    displayTitle: true,
    pdfVersion: '1.7',
    info: {
      Title: properties.title,
      Subject: properties.subject,
      Keywords: properties.keywords,
      Author: properties.author,
      Creator: 'Convene',
      Producer: 'Convene',
      CreationDate: identity.createdAt,
      ModDate: identity.createdAt,
    },
  })
  // The PDF format allows custom keys in the document information dictionary; pdfkit writes them as they are.
  for (const { name, value } of properties.custom) (doc.info as Record<string, unknown>)[name] = value
  const chunks: Uint8Array[] = []
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk))
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve)
    doc.on('error', reject)
  })
  const fonts = pdfFonts()
  for (const face of Object.keys(fonts) as PdfFontFace[]) doc.registerFont(face, fonts[face])

  new NoticePdf(doc, view).draw()
  doc.end()
  await finished
  return concat(chunks)
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0))
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.length
  }
  return bytes
}

/** Draws one notice into one pdfkit document, top to bottom. */
class NoticePdf {
  /** The page (0-based) each agenda item's heading starts on, for the table of contents. */
  private readonly itemPages = new Map<string, number>()

  constructor(
    private readonly doc: Doc,
    private readonly view: NoticeView,
  ) {}

  private get left(): number {
    return MARGIN.left
  }

  private get width(): number {
    return this.doc.page.width - MARGIN.left - MARGIN.right
  }

  draw(): void {
    this.masthead()
    this.titleBlock()
    this.logistics()
    for (const part of this.view.body) {
      if (part.kind === 'item') this.item(part.item, this.doc.outline)
      else this.block(part, this.left, this.width)
    }
    this.toc()
    this.pageFurniture()
  }

  /** Symbol and issue date in a block at the top right, as official notices set them. */
  private masthead(): void {
    const { doc, view } = this
    const blockWidth = 150
    const x = doc.page.width - MARGIN.right - blockWidth
    doc.font('bold').fontSize(BODY_SIZE).fillColor(BLACK)
    doc.text(view.header.symbol, x, MARGIN.top, { width: blockWidth, align: 'left', lineGap: LINE_GAP })
    if (view.header.issueDate !== '') {
      doc.moveDown(0.6)
      doc.font('regular').text(view.header.issueDate, x, doc.y, { width: blockWidth, align: 'left' })
    }
    doc.y += 30
  }

  private titleBlock(): void {
    const { doc, view } = this
    const { header, language } = view
    const centred = { width: this.width, align: 'center' as const, lineGap: LINE_GAP }
    doc.fillColor(BLACK)
    if (header.issuingBody !== '') {
      doc
        .font('bold')
        .fontSize(BODY_SIZE)
        .text(header.issuingBody.toLocaleUpperCase(language), this.left, doc.y, centred)
      doc.moveDown(1.2)
    }
    doc.font('bold').text(header.title.toLocaleUpperCase(language), this.left, doc.y, centred)
    doc.moveDown(1.2)
    if (header.revisionLine !== null) {
      doc.font('regular').text(header.revisionLine, this.left, doc.y, centred)
      doc.moveDown(1.2)
    }
    doc.moveDown(0.6)
    doc.font('regular').text(header.circulation, this.left, doc.y, {
      width: this.width,
      align: 'justify',
      lineGap: LINE_GAP,
    })
    this.rule(90)
  }

  /** A short centred rule, like the "_______________" lines of the notice. */
  private rule(length: number): void {
    const { doc } = this
    doc.y += 14
    const x = this.left + (this.width - length) / 2
    doc
      .moveTo(x, doc.y)
      .lineTo(x + length, doc.y)
      .lineWidth(0.6)
      .strokeColor(BLACK)
      .stroke()
    doc.y += 22
  }

  private logistics(): void {
    const { doc, view } = this
    if (view.header.logistics.length === 0) return
    const labelWidth = 78
    for (const row of view.header.logistics) {
      const y = doc.y
      doc.font('bold').fontSize(BODY_SIZE).fillColor(BLACK)
      doc.text(`${row.label}:`, this.left, y, { width: labelWidth, lineGap: LINE_GAP })
      const afterLabel = doc.y
      doc
        .font('regular')
        .text(row.value, this.left + labelWidth, y, { width: this.width - labelWidth, lineGap: LINE_GAP })
      doc.y = Math.max(doc.y, afterLabel) + 1
    }
    doc.x = this.left
    doc.y += PARAGRAPH_GAP
  }

  private item(item: AgendaEntry, parentOutline: OutlineNode): void {
    const { doc } = this
    const bold = true
    const italic = item.level >= 3
    const titleWidth = this.width - NUMBER_WIDTH
    doc.font(face(bold, italic)).fontSize(BODY_SIZE)
    const titleHeight = doc.heightOfString(plain(item.displayTitle), { width: titleWidth, lineGap: LINE_GAP })
    // Keep a heading with at least three lines of what follows it.
    const spaceBefore = item.level === 1 ? 10 : 6
    if (doc.y + spaceBefore + titleHeight + 3 * doc.currentLineHeight(true) > doc.page.maxY()) doc.addPage()
    else doc.y += spaceBefore

    const y = doc.y
    this.itemPages.set(item.id, this.pageIndex())
    const outline = parentOutline.addItem(`${item.number} ${item.titleText}`, {
      fit: false,
      top: y,
      left: doc.page.width,
      zoom: 0,
      expanded: item.level === 1,
    } as Parameters<OutlineNode['addItem']>[1])
    doc.fillColor(BLACK).text(item.number, this.left, y, { width: NUMBER_WIDTH, lineBreak: false })
    this.inline(item.displayTitle, {
      x: this.left + NUMBER_WIDTH,
      y,
      width: titleWidth,
      align: 'left',
      bold,
      italic,
      destination: item.anchor,
    })
    doc.y += PARAGRAPH_GAP
    for (const block of item.body) this.block(block, this.left, this.width)
    for (const child of item.children) this.item(child, outline)
  }

  private block(block: Block, x: number, width: number): void {
    const { doc } = this
    if (block.kind === 'paragraph') {
      this.inline(block.runs, { x, y: doc.y, width, align: 'justify', bold: false, italic: false })
      doc.y += PARAGRAPH_GAP
      return
    }
    block.items.forEach((item, i) => {
      const marker = block.ordered ? `${block.start + i}.` : '•'
      const markerX = x + LIST_INDENT
      const textX = markerX + BULLET_WIDTH + (block.ordered ? 4 : 0)
      doc.font('regular').fontSize(BODY_SIZE)
      if (doc.y + doc.currentLineHeight(true) > doc.page.maxY()) doc.addPage()
      const y = doc.y
      doc.fillColor(BLACK).text(marker, markerX, y, { width: textX - markerX, lineBreak: false })
      doc.y = y
      for (const child of item) this.block(child, textX, width - (textX - x))
    })
  }

  /** Writes inline runs as one paragraph of pdfkit "continued" fragments, each with its font and link. */
  private inline(
    runs: readonly InlineRun[],
    options: {
      x: number
      y: number
      width: number
      align: 'left' | 'justify'
      bold: boolean
      italic: boolean
      destination?: string
    },
  ): void {
    const { doc } = this
    const fragments = toFragments(runs, options.bold, options.italic)
    doc.fontSize(BODY_SIZE)
    if (fragments.length === 0) {
      doc.font(face(options.bold, options.italic))
      doc.x = options.x
      doc.y = options.y + doc.currentLineHeight(true)
      return
    }
    fragments.forEach((fragment, i) => {
      const last = i === fragments.length - 1
      doc.font(fragment.face).fillColor(fragment.href === null ? BLACK : LINK)
      const textOptions = {
        width: options.width,
        align: options.align,
        lineGap: LINE_GAP,
        continued: !last,
        // Continued fragments inherit every option left undefined from the previous fragment, so each
        // key is set each time; pdfkit tests them with `!= null`, which null passes as "none" (the
        // typings only allow undefined, hence the cast).
        link: fragment.href,
        underline: fragment.href !== null && !fragment.symbol,
        destination: i === 0 && options.destination !== undefined ? options.destination : null,
        goTo: null,
      } as unknown as PDFKit.Mixins.TextOptions
      if (i === 0) doc.text(fragment.text, options.x, options.y, textOptions)
      else doc.text(fragment.text, textOptions)
    })
    doc.fillColor(BLACK)
    doc.x = this.left
  }

  /** The table of contents, after a rule, as at the end of the sample; each line links to its item. */
  private toc(): void {
    const { doc, view } = this
    if (view.toc.length === 0) return
    doc.font('regular').fontSize(BODY_SIZE)
    if (doc.y + 4 * doc.currentLineHeight(true) > doc.page.maxY()) doc.addPage()
    this.rule(60)
    doc
      .font('bold')
      .fillColor(BLACK)
      .text(view.strings.contents, this.left, doc.y, { width: this.width, lineGap: LINE_GAP })
    doc.y += PARAGRAPH_GAP
    for (const line of view.toc) {
      const indent = (line.level - 1) * NUMBER_WIDTH
      const x = this.left + indent
      const titleWidth = this.width - indent - NUMBER_WIDTH - TOC_PAGE_WIDTH
      doc.font(line.level === 1 ? 'bold' : 'regular').fontSize(BODY_SIZE)
      const height = doc.heightOfString(line.displayTitle, { width: titleWidth, lineGap: LINE_GAP })
      if (doc.y + height > doc.page.maxY()) doc.addPage()
      const y = doc.y
      const page = this.itemPages.get(line.id)
      doc.text(line.number, x, y, { width: NUMBER_WIDTH, lineBreak: false, goTo: line.anchor })
      doc.text(line.displayTitle, x + NUMBER_WIDTH, y, {
        width: titleWidth,
        lineGap: LINE_GAP,
        goTo: line.anchor,
      })
      const after = doc.y
      if (page !== undefined) {
        doc.font('regular').text(String(page + 1), this.left + this.width - TOC_PAGE_WIDTH, y, {
          width: TOC_PAGE_WIDTH,
          align: 'right',
          lineBreak: false,
          goTo: line.anchor,
        })
      }
      doc.y = after + 3
    }
  }

  /** Page numbers, the symbol atop every page after the first, and the draft watermark. */
  private pageFurniture(): void {
    const { doc, view } = this
    const range = doc.bufferedPageRange()
    for (let i = 0; i < range.count; i++) {
      doc.switchToPage(range.start + i)
      // Writing in the margins must not make pdfkit start a new page.
      const margins = { ...doc.page.margins }
      doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 }
      const width = doc.page.width - MARGIN.left - MARGIN.right
      doc.font('regular').fontSize(SMALL_SIZE).fillColor(GREY)
      if (i > 0) {
        doc.text(view.header.symbol, MARGIN.left, 34, { width, align: 'right', lineBreak: false })
      }
      doc.text(`${view.strings.page} ${i + 1}/${range.count}`, MARGIN.left, doc.page.height - 42, {
        width,
        align: 'center',
        lineBreak: false,
      })
      if (view.draft) this.watermark(view.strings.draftWatermark)
      doc.page.margins = margins
    }
    doc.fillColor(BLACK)
  }

  private watermark(word: string): void {
    const { doc } = this
    const size = word.length > 6 ? 96 : 120
    doc.save()
    doc.rotate(-50, { origin: [doc.page.width / 2, doc.page.height / 2] })
    doc.font('bold').fontSize(size).fillColor('#c0392b').fillOpacity(0.16)
    const textWidth = doc.widthOfString(word)
    doc.text(word, (doc.page.width - textWidth) / 2, (doc.page.height - size) / 2, { lineBreak: false })
    doc.restore()
  }

  private pageIndex(): number {
    const range = this.doc.bufferedPageRange()
    return range.start + range.count - 1
  }
}

function face(bold: boolean, italic: boolean): PdfFontFace {
  if (bold) return italic ? 'boldItalic' : 'bold'
  return italic ? 'italic' : 'regular'
}

function plain(runs: readonly InlineRun[]): string {
  return runs.map((run) => (run.kind === 'break' ? '\n' : run.text)).join('')
}

/** Inline runs as text fragments with a font face and an optional link; breaks become newlines. */
function toFragments(runs: readonly InlineRun[], bold: boolean, italic: boolean): Fragment[] {
  const fragments: Fragment[] = []
  const push = (text: string, fragmentFace: PdfFontFace, href: string | null) => {
    if (text === '') return
    const last = fragments[fragments.length - 1]
    if (last !== undefined && !last.symbol && last.face === fragmentFace && last.href === href)
      last.text += text
    else fragments.push({ text, face: fragmentFace, href })
  }
  for (const run of runs) {
    if (run.kind === 'break') push('\n', face(bold, italic), null)
    else if (run.kind === 'speaker') push(run.text, face(bold, italic), null)
    else if (run.kind === 'symbol') {
      // A symbol never breaks across lines: word joiners between its characters forbid it.
      for (const piece of symbolPieces(run)) {
        fragments.push({
          text: unbreakable(piece.text),
          face: face(bold, italic),
          href: piece.href,
          symbol: true,
        })
      }
    } else push(run.text, face(bold || run.bold, italic || run.italic), run.href)
  }
  gluePunctuationToSymbols(fragments)
  // pdfkit drops the spaces a fragment starts with when it justifies a line, but keeps those a
  // fragment ends with: a word space at a boundary is moved back, or stands as its own fragment
  // after a link (so the link's underline does not run on under it).
  const spaced: Fragment[] = []
  for (const fragment of fragments) {
    const lead = /^\s+/.exec(fragment.text)?.[0] ?? ''
    const previous = spaced[spaced.length - 1]
    if (lead === '' || previous === undefined) {
      spaced.push({ ...fragment })
      continue
    }
    if (previous.href === null) previous.text += lead
    else spaced.push({ text: lead, face: previous.face, href: null })
    if (fragment.text.length > lead.length)
      spaced.push({ ...fragment, text: fragment.text.slice(lead.length) })
  }
  return spaced
}

/**
 * pdfkit may break a line between any two fragments, so the punctuation written against a symbol
 * ("(INF/MSME/4/Rev.2);") would stay behind or go ahead alone. It is moved into the symbol's own
 * fragment, joined to it; a symbol's link is therefore shown by its colour, not an underline, which
 * would run under the punctuation.
 */
function gluePunctuationToSymbols(fragments: Fragment[]): void {
  for (let i = 0; i < fragments.length; i++) {
    const fragment = fragments[i] as Fragment
    if (!fragment.symbol) continue
    const before = fragments[i - 1]
    if (before !== undefined && !before.symbol) {
      const glued = /\S+$/.exec(before.text)?.[0] ?? ''
      before.text = before.text.slice(0, before.text.length - glued.length)
      fragment.text = glued === '' ? fragment.text : unbreakable(glued) + WORD_JOINER + fragment.text
    }
    const after = fragments[i + 1]
    if (after !== undefined && !after.symbol) {
      const glued = /^[^\s\u2060]+/.exec(after.text)?.[0] ?? ''
      after.text = after.text.slice(glued.length)
      fragment.text = glued === '' ? fragment.text : fragment.text + WORD_JOINER + unbreakable(glued)
    }
  }
  for (let i = fragments.length - 1; i >= 0; i--) if (fragments[i]?.text === '') fragments.splice(i, 1)
}
