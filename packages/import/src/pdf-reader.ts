/**
 * PDF as source blocks: the text of each page in reading order (pdf.js's legacy build, in this
 * thread, with no worker script, font or network fetch), runs grouped into printed lines by their
 * baseline, a gap the height of a line read as a blank line, link annotations kept as links.
 * Encrypted and textless PDFs are refused with the reason.
 */
import { ImportError } from './import-error'
import type { SourceBlock, SourceLink } from './source-block'

type TextRun = { text: string; x: number; y: number; width: number; size: number; eol: boolean }
type Line = { runs: TextRun[]; y: number; size: number }
type LinkArea = { href: string; x1: number; y1: number; x2: number; y2: number }

const SAFE_LINK = /^(?:https?:|mailto:)/i

/**
 * A run printed letter by letter with a space between each ("I N F / 4"), as a PDF whose characters are
 * glued by word joiners reads (the exporter's symbols), closed up; the rest of the run is kept as it is.
 */
function unspaced(text: string): string {
  // Four or more one-character pieces in a row (a joint symbol's "1-I" counts as one): no sentence of
  // the three languages reads so.
  return text.replace(/(?<!\S)(?:\S(?:-\S)? ){3,}\S(?!\S)/g, (spaced) => spaced.replace(/ /g, ''))
}

/** The printed lines of one page, top to bottom, each with its baseline and font size. */
function pageLines(runs: TextRun[]): Line[] {
  const lines: Line[] = []
  for (const run of runs) {
    const line = lines.find((candidate) => Math.abs(candidate.y - run.y) <= Math.max(2, run.size * 0.35))
    if (line) {
      line.runs.push(run)
      line.size = Math.max(line.size, run.size)
    } else lines.push({ runs: [run], y: run.y, size: run.size })
  }
  lines.sort((a, b) => b.y - a.y)
  for (const line of lines) line.runs.sort((a, b) => a.x - b.x)
  return lines
}

function lineText(line: Line, links: LinkArea[]): { text: string; links: SourceLink[] } {
  let text = ''
  const found: SourceLink[] = []
  let end = Number.NEGATIVE_INFINITY
  for (const run of line.runs) {
    if (run.text === '') continue
    // A gap wider than a fifth of the font size is a space (pdf.js gives most spaces as runs of their own).
    if (text !== '' && !text.endsWith(' ') && !run.text.startsWith(' ') && run.x - end > run.size * 0.2)
      text += ' '
    // A wide gap (a tab in the source: "1<tab>TITLE") keeps two spaces, as labels are written.
    if (text !== '' && run.x - end > run.size * 1.5 && !text.endsWith('  '))
      text += text.endsWith(' ') ? ' ' : '  '
    const from = text.length
    text += run.text
    const area = links.find(
      (link) => run.x >= link.x1 - 1 && run.x <= link.x2 + 1 && run.y >= link.y1 - 2 && run.y <= link.y2 + 2,
    )
    if (area && run.text.trim() !== '') {
      const last = found.at(-1)
      if (last && last.href === area.href) last.to = text.length
      else found.push({ from, to: text.length, href: area.href })
    }
    end = run.x + run.width
  }
  const closed = unspaced(text)
  return { text: closed, links: closed === text ? found : [] }
}

/**
 * pdf.js 6 calls `Promise.withResolvers`, which Node has from 22 on; the server supports Node 20.19,
 * so the reader supplies it there (the standard's behaviour, nothing more).
 */
function ensurePromiseWithResolvers(): void {
  const promise = Promise as unknown as { withResolvers?: unknown }
  if (typeof promise.withResolvers === 'function') return
  promise.withResolvers = <T>() => {
    let resolve!: (value: T) => void
    let reject!: (reason?: unknown) => void
    const created = new Promise<T>((yes, no) => {
      resolve = yes
      reject = no
    })
    return { promise: created, resolve, reject }
  }
}

/** The blocks of a PDF file: one per printed line, numbered by page, blank lines where the text leaves a gap. */
export async function pdfBlocks(bytes: Uint8Array): Promise<SourceBlock[]> {
  ensurePromiseWithResolvers()
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    useWorkerFetch: false,
    enableXfa: false,
    disableFontFace: true,
    useSystemFonts: false,
    disableAutoFetch: true,
    disableStream: true,
    stopAtErrors: false,
    verbosity: 0,
  })
  let document: Awaited<typeof task.promise>
  try {
    document = await task.promise
  } catch (error) {
    const name = error instanceof Error ? error.name : ''
    if (name === 'PasswordException')
      throw new ImportError(
        422,
        'The PDF is encrypted with a password: save an unprotected copy and import that',
        { cause: error },
      )
    throw new ImportError(
      422,
      `The PDF cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    )
  }
  const blocks: SourceBlock[] = []
  try {
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number)
      const content = await page.getTextContent()
      const runs: TextRun[] = []
      for (const item of content.items) {
        if (!('str' in item)) continue
        const [a = 0, b = 0, , , x = 0, y = 0] = item.transform as number[]
        runs.push({
          text: item.str,
          x,
          y,
          width: item.width,
          size: Math.hypot(a, b) || item.height,
          eol: item.hasEOL,
        })
      }
      const links: LinkArea[] = []
      for (const annotation of await page.getAnnotations()) {
        if (
          annotation.subtype !== 'Link' ||
          typeof annotation.url !== 'string' ||
          !SAFE_LINK.test(annotation.url)
        )
          continue
        const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = annotation.rect as number[]
        links.push({ href: annotation.url, x1, y1, x2, y2 })
      }
      const lines = pageLines(runs.filter((run) => run.text !== ''))
      let previous: Line | undefined
      for (const line of lines) {
        const { text, links: found } = lineText(line, links)
        if (text.trim() === '') continue
        // A gap of more than 1.6 lines between baselines is a paragraph break.
        if (previous && previous.y - line.y > Math.max(previous.size, line.size) * 1.75)
          blocks.push({ text: '', kind: 'line', page: number })
        const block: SourceBlock = { text, kind: 'line', page: number }
        if (found.length > 0) block.links = found
        blocks.push(block)
        previous = line
      }
      blocks.push({ text: '', kind: 'line', page: number })
      page.cleanup()
    }
  } finally {
    await task.destroy()
  }
  if (!blocks.some((block) => block.text.trim() !== '')) {
    throw new ImportError(
      422,
      'The PDF holds no text (a scanned image?): run it through OCR first, or import the Word original',
    )
  }
  return blocks
}
