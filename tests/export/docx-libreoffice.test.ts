/**
 * The DOCX export as a person meets it: opened by a word processor (LibreOffice, headless) and
 * printed to PDF. The conversion must succeed without repair, and the printed notice must show every
 * agenda number and title, speaker and symbol in order, working Documents Online links, A4 pages
 * with page numbers. The first page is kept as a picture in tests/artifacts/.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type ExportInput, renderExport } from '@convene/export'
import {
  docFromJSON,
  sampleNotice,
  speakerText,
  symbolLinks,
  tableOfContents,
  toSpeakerAttrs,
} from '@convene/schema'
import { afterAll, describe, expect, it } from 'vitest'
import { poppler } from '../support/poppler'

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url))
const work = mkdtempSync(join(tmpdir(), 'convene-docx-'))

const sample: ExportInput = {
  meta: sampleNotice.meta,
  content: sampleNotice.content,
  revision: {
    label: 'Rev.1',
    hash: 'sha256:5f2b8c0d9e7a',
    createdAt: '2024-03-11T09:30:00.000Z',
    frozen: true,
  },
}

/** Converts a DOCX to PDF with LibreOffice in its own profile (so parallel runs do not share a lock). */
function toPdf(docx: Uint8Array, name: string): Buffer {
  const file = join(work, `${name}.docx`)
  writeFileSync(file, docx)
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${join(work, 'profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      work,
      file,
    ],
    { stdio: 'pipe', timeout: 60_000 },
  )
  const pdf = join(work, `${name}.pdf`)
  if (!existsSync(pdf)) throw new Error(`LibreOffice did not convert ${name}.docx`)
  return readFileSync(pdf)
}

const squeeze = (text: string) =>
  text
    .replace(/[\s\u2060]+/g, '')
    .replace(/[’‘]/g, "'")
    .toLocaleLowerCase('fr')

afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('the DOCX export opened in LibreOffice', async () => {
  const pdf = toPdf(await renderExport(sample, 'docx'), 'sample')
  // In physical line order (-layout: pdftotext's reading-order guess can move a contents number
  // above the lines before it), cropped to the body so that running headers and footers do not
  // cut a sentence that crosses pages.
  const text = poppler('pdftotext', pdf, [
    '-layout',
    '-enc',
    'UTF-8',
    '-x',
    '0',
    '-y',
    '50',
    '-W',
    '596',
    '-H',
    '740',
  ])

  it('prints every item number and title, speaker and symbol, then the contents, in order', () => {
    const doc = docFromJSON(sampleNotice.content)
    const entries = new Map(tableOfContents(doc).map((entry) => [entry.pos, entry]))
    const sequence: string[] = []
    doc.descendants((node, pos) => {
      const entry = entries.get(pos)
      if (entry) sequence.push(`${entry.number} ${entry.title}`)
      if (node.type.name === 'speaker') sequence.push(speakerText(toSpeakerAttrs(node.attrs)))
      if (node.type.name === 'symbol') sequence.push(String(node.attrs.symbol))
      return true
    })
    for (const entry of tableOfContents(doc)) sequence.push(`${entry.number} ${entry.title}`)
    const haystack = squeeze(text)
    let at = 0
    for (const needle of sequence) {
      const found = haystack.indexOf(squeeze(needle), at)
      expect(found, `"${needle}" in order`).toBeGreaterThanOrEqual(0)
      at = found + squeeze(needle).length
    }
    // Word's caps style prints top-level titles in capitals; sub-items keep their case.
    expect(text).toContain('DISCUSSIONS THÉMATIQUES')
    expect(text).toContain('Investissement des MPME')
  })

  it('never breaks a symbol, nor an honorific from its name, across lines', () => {
    for (const line of text.split('\n').map((each) => each.replace(/\u2060/g, '').trimEnd())) {
      expect(line, 'a line ends with a symbol cut short').not.toMatch(/[A-Z0-9)]\/$/)
      expect(line, 'a line ends with an honorific').not.toMatch(
        /(?:^|\s)(?:M\.|MM\.|Mmes?|Mr\.?|Ms\.?|Dr\.?)$/,
      )
      expect(line, 'a line ends with a word that its number follows').not.toMatch(/\((?:annexe|item|point)$/i)
    }
  })

  it('keeps the header of an official notice: symbol and date top right, centred title', () => {
    const layout = poppler('pdftotext', pdf, ['-layout', '-f', '1', '-l', '1'])
      .split('\n')
      .filter((l) => l.trim() !== '')
    expect(layout[0]).toMatch(/^\s{40,}INF\/MSME\/N\/27\/Rev\.1$/)
    expect(layout[1]).toMatch(/^\s{40,}8 mars 2024$/)
    expect(layout[2]).toMatch(/^\s{10,}GROUPE DE TRAVAIL INFORMEL SUR LES MPME$/)
    expect(layout[3]).toMatch(/^\s{20,}AVIS DE CONVOCATION$/)
    expect(layout[4]).toMatch(/^\s{30,}Révision$/)
  })

  it('keeps working links to Documents Online in French', () => {
    const uris = new Set(
      poppler('pdfinfo', pdf, ['-url'])
        .split('\n')
        .map((line) => /Annotation\s+(\S+)/.exec(line)?.[1])
        .filter((uri) => uri !== undefined),
    )
    const doc = docFromJSON(sampleNotice.content)
    doc.descendants((node) => {
      if (node.type.name === 'symbol') {
        for (const link of symbolLinks(String(node.attrs.symbol), 'fr')) expect(uris).toContain(link.href)
      }
      return true
    })
  })

  it('is A4 with a page number on every page', () => {
    const info = poppler('pdfinfo', pdf, [])
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/)
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1])
    expect(pages).toBeGreaterThanOrEqual(3)
    const full = poppler('pdftotext', pdf, ['-enc', 'UTF-8'])
    for (let page = 1; page <= pages; page++) expect(full).toContain(`Page ${page}/${pages}`)
    expect(info).toMatch(/Title:\s+INF\/MSME\/N\/27\/Rev\.1 – Avis de convocation/)
  })

  it('converts a notice full of hostile strings', async () => {
    const hostile: ExportInput = {
      ...sample,
      meta: {
        ...sample.meta,
        title: '<script>alert("x")</script> \u0007\u0000',
        issuingBody: `${'W'.repeat(300)} & </w:t>`,
      },
    }
    const converted = poppler('pdftotext', toPdf(await renderExport(hostile, 'docx'), 'hostile'), [
      '-enc',
      'UTF-8',
    ])
    expect(converted).toContain('<SCRIPT>ALERT("X")</SCRIPT>')
    expect(squeeze(converted)).toContain(squeeze(`${'W'.repeat(300)} & </w:t>`))
  })

  it('writes a picture of its first page for people to look at', () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    const file = join(work, 'artifact.pdf')
    writeFileSync(file, pdf)
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file,
      join(ARTIFACTS, 'export-sample-docx-page1'),
    ])
    expect(existsSync(join(ARTIFACTS, 'export-sample-docx-page1.png'))).toBe(true)
  })
})
