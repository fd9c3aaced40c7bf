/**
 * Turns the kept source blocks into the notice's logical blocks: hard-wrapped lines joined into
 * paragraphs (across the blank lines a PDF leaves mid-sentence), item titles split over two lines
 * joined, bullets alone on a line joined to their text, and each block classified as an agenda-item
 * title (with its depth), a paragraph, a list entry, an unnumbered heading or a footnote.
 */
import type { NoticeLanguage } from '@convene/schema'
import { AgendaLevels } from './agenda-levels'
import { type LabelReading, readLabel } from './item-label'
import { rewriteBlockText, type SourceBlock, type SourceLink } from './source-block'

/** What a logical block is in the notice. */
export type LogicalKind = 'title' | 'text' | 'bullet' | 'ordered' | 'heading' | 'footnote'

/** One block of the notice: its kind, its text (one line, spaces collapsed) and, for titles and lists, its depth. */
export type LogicalBlock = {
  kind: LogicalKind
  text: string
  /** Titles: 0 for a top-level item. Lists: the nesting level. */
  depth: number
  /** Titles: the label as written ("3.1", "(a)"). */
  label?: string
  links?: SourceLink[]
  page?: number
}

const BULLET = /^([•·▪◦●○■□➢►‣⁃∙-]|[–—]|o(?=\s))\s*/u
const BULLET_ALONE = /^(?:[•·▪◦●○■□➢►‣⁃∙–—-]|o)$/u
const SUPERSCRIPT_NOTE = /^[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*\S/u
// A sentence, a list entry or a title that ends here: the next block starts anew after a blank line.
const ENDS_SENTENCE = /[.:!?]["'»”’)\]]*$/u
const ENDS_ENTRY = /[.:;!?]["'»”’)\]]*$/u

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim()
const letters = (text: string) => text.replace(/[^\p{L}]/gu, '')
const isAllCaps = (text: string) => {
  const only = letters(text)
  return only.length >= 2 && only === only.toUpperCase() && only !== only.toLowerCase()
}
const startsLower = (text: string) => /^[\p{Ll}]/u.test(text)

/** A title: short enough and not ending like a list entry. */
function titleLike(text: string): boolean {
  return text.length <= 300 && !/[;,]$/.test(text)
}

/** The usual length of a full printed line: a shorter line ends its paragraph, a full one wraps. */
function fullLineLength(blocks: readonly SourceBlock[]): number {
  const lengths = blocks
    .filter((block) => block.kind === 'line')
    .map((block) => collapse(block.text).length)
    .filter((length) => length > 20)
    .sort((a, b) => a - b)
  return lengths[Math.floor(lengths.length * 0.75)] ?? 80
}

type Open = LogicalBlock & { lastLine: string; allCaps: boolean }

/**
 * The logical blocks of `blocks` (noise already dropped; '' text is a blank line), read in
 * `language` for its item words. Labels become titles only where they continue the numbering.
 */
export function logicalBlocks(blocks: readonly SourceBlock[], language: NoticeLanguage): LogicalBlock[] {
  const levels = new AgendaLevels()
  const full = fullLineLength(blocks) * 0.6
  const result: LogicalBlock[] = []
  let open: Open | undefined
  let sawBlank = false
  let bulletPending: number | undefined

  const close = () => {
    if (open) {
      const { lastLine: _line, allCaps: _caps, ...block } = open
      result.push({ ...block, text: collapse(block.text) })
    }
    open = undefined
  }
  const start = (block: LogicalBlock, line: string) => {
    close()
    open = { ...block, lastLine: line, allCaps: isAllCaps(block.text) }
  }
  const title = (accepted: { depth: number; reading: LabelReading }, line: string, source: SourceBlock) => {
    levels.take(accepted)
    start(
      {
        kind: 'title',
        text: accepted.reading.rest,
        depth: accepted.depth,
        label: accepted.reading.label,
        page: source.page,
        links: source.links,
      },
      line,
    )
  }

  for (const source of blocks) {
    const line = collapse(source.text)
    if (line === '') {
      sawBlank = true
      continue
    }
    const blank =
      sawBlank || (open?.page !== undefined && source.page !== undefined && open.page !== source.page)
    sawBlank = false
    if (BULLET_ALONE.test(line)) {
      close()
      bulletPending = source.list?.level ?? 0
      continue
    }
    if (bulletPending !== undefined) {
      start(
        { kind: 'bullet', text: line, depth: bulletPending, page: source.page, links: source.links },
        line,
      )
      bulletPending = undefined
      continue
    }
    if (source.kind === 'paragraph') {
      close()
      classifyParagraph(source, line)
      continue
    }
    // A printed line: it starts a block, or continues the open one.
    const bullet = BULLET.exec(line)
    const readings = readLabel(source.text, language)
    const accepted = readings.length > 0 ? levels.fit(readings) : undefined
    const boundary =
      !open ||
      blank ||
      open.kind === 'title' ||
      ENDS_SENTENCE.test(open.lastLine) ||
      open.lastLine.length < full
    if (accepted && boundary && titleLike(accepted.reading.rest)) {
      title(accepted, line, source)
      continue
    }
    if (bullet && bullet[0].length < line.length && (boundary || bullet[1] === '•')) {
      start({ kind: 'bullet', text: line.slice(bullet[0].length), depth: 0, page: source.page }, line)
      continue
    }
    if (SUPERSCRIPT_NOTE.test(line)) {
      start({ kind: 'footnote', text: line, depth: 0, page: source.page }, line)
      continue
    }
    if (open && continues(open, line, blank, full)) {
      // A line broken after a hyphen ("Director-" / "General") is one word again; a spaced dash is punctuation.
      open.text += /\p{L}-$/u.test(open.lastLine) ? line : ` ${line}`
      open.lastLine = line
      if (source.page !== undefined) open.page = source.page
      continue
    }
    start({ kind: isHeading(line, full) ? 'heading' : 'text', text: line, depth: 0, page: source.page }, line)
  }
  close()
  return result.map((block) =>
    block.kind === 'text' && isHeading(block.text, full) ? { ...block, kind: 'heading' } : block,
  )

  function classifyParagraph(original: SourceBlock, _line: string): void {
    const source = collapsedWithLinks(original)
    const line = source.text
    const own = readLabel(line, language)
    const fromList =
      source.list?.ordered && source.list.label ? readLabel(`${source.list.label} ${line}`, language) : []
    const accepted = levels.fit(fromList.length > 0 ? fromList : own)
    const links = source.links
    if (source.footnote)
      return void result.push({ kind: 'footnote', text: line, depth: 0, links, page: source.page })
    if (
      accepted &&
      titleLike(accepted.reading.rest) &&
      (source.heading !== undefined || fromList.length > 0 || own.length > 0)
    ) {
      levels.take(accepted)
      const rest = fromList.length > 0 ? line : accepted.reading.rest
      const shift = line.length - collapse(rest).length
      result.push({
        kind: 'title',
        text: collapse(rest),
        depth: accepted.depth,
        label: accepted.reading.label,
        links: links?.map((link) => ({ ...link, from: link.from - shift, to: link.to - shift })),
        page: source.page,
      })
      return
    }
    if (source.list) {
      const bullet = BULLET.exec(line)
      const text = !source.list.ordered && bullet ? line.slice(bullet[0].length) : line
      const shift = line.length - text.length
      result.push({
        kind: source.list.ordered ? 'ordered' : 'bullet',
        text,
        depth: source.list.level,
        links: links?.map((link) => ({ ...link, from: link.from - shift, to: link.to - shift })),
        page: source.page,
      })
      return
    }
    const bullet = BULLET.exec(line)
    if (bullet && bullet[1] !== '-' && bullet[0].length < line.length) {
      const shift = bullet[0].length
      result.push({
        kind: 'bullet',
        text: line.slice(shift),
        depth: 0,
        links: links?.map((link) => ({ ...link, from: link.from - shift, to: link.to - shift })),
        page: source.page,
      })
      return
    }
    const heading =
      source.heading !== undefined ||
      (source.bold === true && line.length <= 200 && !ENDS_SENTENCE.test(line))
    result.push({
      kind: heading ? 'heading' : SUPERSCRIPT_NOTE.test(line) ? 'footnote' : 'text',
      text: line,
      depth: 0,
      links,
      page: source.page,
    })
  }
}

/** The block with its whitespace collapsed and trimmed, its links moved with the text they cover. */
function collapsedWithLinks(block: SourceBlock): SourceBlock {
  return rewriteBlockText(block, (text, char) => {
    if (!/\s/.test(char)) return text + char
    return text !== '' && !text.endsWith(' ') ? `${text} ` : text
  })
}

/** Whether `line` continues the open block rather than starting a new one. */
function continues(open: Open, line: string, blank: boolean, full: number): boolean {
  const wrapped = open.lastLine.length >= full
  if (open.kind === 'title') {
    if (!wrapped || ENDS_SENTENCE.test(open.lastLine)) return false
    if (open.allCaps) return isAllCaps(line) && line.length < full * 1.2
    // After a blank line a title goes on only in lower case ("de rapports"); "Document EB155/2" is body.
    return blank ? startsLower(line) : true
  }
  if (!wrapped) return false
  if (!blank) return true
  const ends = open.kind === 'bullet' ? ENDS_ENTRY : ENDS_SENTENCE
  if (ends.test(open.lastLine)) return false
  // Across a blank line: a sentence going on in lower case, or a full line of running text (not a short header line).
  return startsLower(line) || open.lastLine.length >= Math.max(full, 60)
}

/** A short line in capitals or a short line standing alone without a full stop: an unnumbered heading. */
function isHeading(line: string, full: number): boolean {
  return (
    isAllCaps(line) && line.length < full * 1.3 && line.split(' ').length >= 2 && !ENDS_SENTENCE.test(line)
  )
}
