/**
 * Finds the lines of a source that are not the notice's text but the page's: page numbers and
 * repeated page headers and footers, horizontal rules, link targets a PDF collects at the foot of
 * the page, and a table of contents repeating the agenda. They are dropped with the reason, so the
 * report can list them; everything else is kept, in order.
 */
import type { DroppedLine } from './import-report'
import { rewriteBlockText, type SourceBlock } from './source-block'

/** The blocks kept, in order, and the lines dropped with why. */
export type CleanSource = { kept: SourceBlock[]; dropped: DroppedLine[] }

const URL_LINE = /^(?:https?:\/\/|www\.)\S+$/i
const RULE_LINE = /^([_\-–—=*·.•~])\1{2,}$|^(?:[_\-–—=*·]\s?){3,}$/
const PAGE_NUMBER =
  /^(?:-\s*\d{1,4}\s*-|\d{1,4}|(?:page|página)\s*:?\s*\d{1,4}(?:\s*(?:\/|of|sur|de)\s*\d{1,4})?|\d{1,4}\s*\/\s*\d{1,4})$/i
const JOB_NUMBER = /^\(\d{2}-\d{3,5}\)$/
// A table-of-contents line: a number, a title, maybe dots and a page number ("3.1  Title ..... 4").
const TOC_LINE = /^(\d{1,3}(?:\.\d{1,3})*|[IVX]+\.|[A-Z]\.)\s+(.+?)(?:\s*\.{3,}\s*\d+|\s+\d+)?$/
const TOC_HEADINGS =
  /^(?:contents|table of contents|table des matières|sommaire|índice|contenido|tabla de contenido)$/i

const ODD_SPACE = /[\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000]/
// Zero-width characters exporters put inside words and symbols (word joiners keep "INF/MSME/4" on one line).
const INVISIBLE = /^(?:\u200b|\u200c|\u200d|\u2060|\ufeff|\u00ad)$/

/**
 * The block with non-breaking and odd spaces as spaces, invisible characters removed and trailing
 * spaces trimmed (runs of spaces are kept: labels use them), its links moved with their text.
 */
export function plainBlock(block: SourceBlock): SourceBlock {
  return rewriteBlockText(block, (text, char) =>
    INVISIBLE.test(char) ? text : text + (ODD_SPACE.test(char) ? ' ' : char),
  )
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim()
const pageShape = (text: string) => collapse(text).replace(/\d+/g, '#').toLowerCase()

/**
 * Lines at the top or foot of the pages after the first that repeat with the same shape (digits
 * aside) on another page, or repeat a line of the first page's header: running headers and footers.
 * The first page's own copy is the notice's header (its symbol, its date) and is kept.
 */
function runningLines(blocks: readonly SourceBlock[]): Set<SourceBlock> {
  const pages = new Map<number, SourceBlock[]>()
  for (const block of blocks) {
    if (block.page === undefined || collapse(block.text) === '') continue
    const list = pages.get(block.page) ?? []
    list.push(block)
    pages.set(block.page, list)
  }
  const running = new Set<SourceBlock>()
  if (pages.size < 2) return running
  const firstPageHeader = new Set((pages.get(1) ?? []).slice(0, 8).map((block) => pageShape(block.text)))
  const edges = new Map<string, SourceBlock[]>()
  for (const [page, list] of pages) {
    if (page === 1) continue
    for (const block of new Set([...list.slice(0, 2), ...list.slice(-2)])) {
      if (collapse(block.text).length > 120) continue
      const shape = pageShape(block.text)
      edges.set(shape, [...(edges.get(shape) ?? []), block])
    }
  }
  for (const [shape, same] of edges) {
    if (same.length >= 2 || firstPageHeader.has(shape)) for (const block of same) running.add(block)
  }
  return running
}

/** The trailing (or "Contents"-headed) run of lines that repeats agenda titles found earlier in the text. */
function tableOfContents(blocks: readonly SourceBlock[]): Set<SourceBlock> {
  const toc = new Set<SourceBlock>()
  const lines = blocks.map((block) => collapse(block.text))
  const earlier = (index: number, title: string) => {
    const wanted = title.toLowerCase().slice(0, 40)
    for (let i = 0; i < index; i++) {
      const line = (lines[i] ?? '').toLowerCase()
      if (line.includes(wanted)) return true
    }
    return false
  }
  let end = lines.length - 1
  while (end >= 0 && lines[end] === '') end--
  const run: number[] = []
  for (let i = end; i >= 0; i--) {
    const line = lines[i] ?? ''
    if (line === '') continue
    const match = TOC_LINE.exec(line)
    if (!match || !earlier(i, match[2] ?? '')) break
    run.push(i)
  }
  if (run.length >= 2) for (const i of run) toc.add(blocks[i] as SourceBlock)
  for (let i = 0; i < lines.length; i++) {
    if (!TOC_HEADINGS.test(lines[i] ?? '')) continue
    toc.add(blocks[i] as SourceBlock)
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j] ?? ''
      if (line === '') continue
      if (!/(?:\.{3,}|\s)\d+$/.test(line) || !TOC_LINE.test(line)) break
      toc.add(blocks[j] as SourceBlock)
    }
  }
  return toc
}

/** Splits `blocks` into what the notice keeps and what is dropped as page furniture, each drop with its reason. */
export function dropPageNoise(blocks: readonly SourceBlock[]): CleanSource {
  const normalised = blocks.map(plainBlock)
  const running = runningLines(normalised)
  const toc = tableOfContents(normalised)
  const kept: SourceBlock[] = []
  const dropped: DroppedLine[] = []
  for (const block of normalised) {
    const text = collapse(block.text)
    const drop = (why: string) => dropped.push({ text, why })
    if (text === '') kept.push({ ...block, text: '' })
    else if (URL_LINE.test(text) && !block.links?.length) drop('a link target listed at the foot of the page')
    else if (RULE_LINE.test(text)) drop('a horizontal rule')
    else if (PAGE_NUMBER.test(text)) drop('a page number')
    else if (JOB_NUMBER.test(text)) drop('a document job number')
    else if (running.has(block)) drop('a running page header or footer')
    else if (toc.has(block)) drop('the table of contents, which repeats the agenda')
    else kept.push(block)
  }
  return { kept, dropped }
}
