/**
 * Test helpers that read exported files the way a person's tools do: poppler's pdftotext and
 * pdfinfo for PDFs, an unzip for DOCX parts, and an in-order search over extracted text.
 * @module
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  docFromJSON,
  NODE_NAMES,
  sampleNotice,
  speakerText,
  tableOfContents,
  toSpeakerAttrs,
} from '@convene/schema'
import { strFromU8, unzipSync } from 'fflate'

/**
 * `text` as a reader compares it with the notice's source: no-break spaces read as spaces and the
 * word joiners that hold symbols together read as nothing.
 */
export function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ').replace(/\u2060/g, '')
}

/** Runs `fn` with a fresh temporary directory, removed afterwards. */
export function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'convene-export-'))
  try {
    return fn(dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * The text of a PDF as pdftotext reads it, cropped to the body of A4 pages so that running headers
 * and page-number footers do not interrupt a sentence that crosses a page.
 */
export function pdfText(pdf: Uint8Array, options: { crop?: boolean; layout?: boolean } = {}): string {
  return withTempDir((dir) => {
    const file = join(dir, 'in.pdf')
    writeFileSync(file, pdf)
    const crop = options.crop === false ? [] : ['-x', '0', '-y', '48', '-W', '596', '-H', '744']
    const layout = options.layout ? ['-layout'] : []
    return execFileSync('pdftotext', [...layout, ...crop, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
  })
}

/** Runs pdfinfo with `args` on a PDF and returns its output. */
export function pdfInfo(pdf: Uint8Array, ...args: string[]): string {
  return withTempDir((dir) => {
    const file = join(dir, 'in.pdf')
    writeFileSync(file, pdf)
    return execFileSync('pdfinfo', [...args, file], { encoding: 'utf8' })
  })
}

/** The fonts of a PDF as pdffonts lists them (name, type, embedded, subset, unicode map). */
export function pdfFonts(pdf: Uint8Array): string {
  return withTempDir((dir) => {
    const file = join(dir, 'in.pdf')
    writeFileSync(file, pdf)
    return execFileSync('pdffonts', [file], { encoding: 'utf8' })
  })
}

/** The URI of every link annotation of a PDF, in page order (pdfinfo -url). */
export function pdfLinkUris(pdf: Uint8Array): string[] {
  return pdfInfo(pdf, '-url')
    .split('\n')
    .slice(1)
    .map((line) => /^\s*\d+\s+Annotation\s+(\S+)/.exec(line)?.[1])
    .filter((uri): uri is string => uri !== undefined)
}

/** The named destinations of a PDF (pdfinfo -dests). */
export function pdfDestinations(pdf: Uint8Array): string[] {
  return [...pdfInfo(pdf, '-dests').matchAll(/"([^"]+)"\s*$/gm)].map((match) => match[1] as string)
}

/** Writes page `page` of a PDF as a PNG at `dpi` to `pngBase` + ".png" (pdftoppm -singlefile). */
export function pdfPageToPng(pdf: Uint8Array, pngBase: string, page = 1, dpi = 60): void {
  withTempDir((dir) => {
    const file = join(dir, 'in.pdf')
    writeFileSync(file, pdf)
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      String(dpi),
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      file,
      pngBase,
    ])
  })
}

/** The parts of a zip (DOCX) as text, by name. */
export function unzipText(zip: Uint8Array): Record<string, string> {
  const parts = unzipSync(zip)
  return Object.fromEntries(Object.entries(parts).map(([name, bytes]) => [name, strFromU8(bytes)]))
}

/** The parts of a zip in stored order. */
export function zipEntryNames(zip: Uint8Array): string[] {
  return Object.keys(unzipSync(zip))
}

/** Characters XML 1.0 forbids or fonts cannot print: C0 and C1 controls (but tab, LF, CR), U+FFFF. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\uffff]/

/** Text reduced for comparing across formats: no whitespace, lower case, typographic apostrophes plain. */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, '').replace(/[’‘]/g, "'").toLocaleLowerCase('fr')
}

/**
 * The index of the first needle that is missing from `haystack` when each is searched after the
 * previous one, or -1 when all are there in order. Whitespace and case are ignored.
 */
export function firstMissingInOrder(haystack: string, needles: readonly string[]): number {
  const text = squeeze(haystack)
  let at = 0
  for (let i = 0; i < needles.length; i++) {
    const found = text.indexOf(squeeze(needles[i] as string), at)
    if (found === -1) return i
    at = found + squeeze(needles[i] as string).length
  }
  return -1
}

/** Asserts (by throwing) that every needle is in `haystack`, in order; names the first one missing. */
export function assertInOrder(haystack: string, needles: readonly string[], what: string): void {
  const missing = firstMissingInOrder(haystack, needles)
  if (missing !== -1) {
    const previous = missing > 0 ? ` after "${needles[missing - 1]}"` : ''
    throw new Error(`${what}: "${needles[missing]}" is missing${previous}`)
  }
}

/**
 * What every export of the sample must show, in reading order: each agenda item's number and title,
 * with the speakers and symbols of its text in document order, then the table of contents. Built
 * from the schema's own functions, independently of the exporters.
 */
export function sampleReadingOrder(): {
  sequence: string[]
  items: { number: string; title: string; level: number }[]
  speakers: string[]
  symbols: string[]
} {
  const doc = docFromJSON(sampleNotice.content)
  const outline = new Map(tableOfContents(doc).map((entry) => [entry.pos, entry]))
  const sequence: string[] = []
  const speakers: string[] = []
  const symbols: string[] = []
  doc.descendants((node, pos) => {
    const entry = outline.get(pos)
    if (node.type.name === NODE_NAMES.agendaItem && entry !== undefined)
      sequence.push(`${entry.number} ${entry.title}`)
    if (node.type.name === NODE_NAMES.speaker) {
      const text = speakerText(toSpeakerAttrs(node.attrs))
      speakers.push(text)
      sequence.push(text)
    }
    if (node.type.name === NODE_NAMES.symbol) {
      symbols.push(String(node.attrs.symbol))
      sequence.push(String(node.attrs.symbol))
    }
    return true
  })
  const items = tableOfContents(doc).map((entry) => ({
    number: entry.number,
    title: entry.title,
    level: entry.level,
  }))
  for (const item of items) sequence.push(`${item.number} ${item.title}`)
  return { sequence, items, speakers, symbols }
}
