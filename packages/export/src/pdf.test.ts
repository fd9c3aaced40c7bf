import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { docFromJSON, sampleNotice, symbolLinks, tableOfContents } from '@convene/schema'
import { describe, expect, it } from 'vitest'
import { walkNotice } from './notice-walk'
import { renderPdf } from './pdf'
import { HOSTILE, hostileInput, sampleInput } from './test/fixtures'
import { pdfOutline, pdfTextStreams } from './test/pdf-objects'
import {
  assertInOrder,
  pdfDestinations,
  pdfFonts,
  pdfInfo,
  pdfLinkUris,
  pdfPageToPng,
  pdfText,
  plainSpaces,
  sampleReadingOrder,
  squeeze,
} from './test/tools'

const ARTIFACTS = fileURLToPath(new URL('../../../tests/artifacts/', import.meta.url))

describe('renderPdf', async () => {
  const pdf = await renderPdf(sampleInput())
  // pdftotext's reading order (not -layout, where a contents page number sits inside a wrapped title).
  const text = pdfText(pdf)

  it('has extractable text with every item number and title, speaker, symbol and the contents in reading order', () => {
    assertInOrder(text, sampleReadingOrder().sequence, 'PDF')
  })

  it('sets the header like an official notice: symbol and date, body, title, revision, circulation', () => {
    const layout = pdfText(pdf, { layout: true, crop: false })
    const firstLines = layout.split('\n').filter((line) => line.trim() !== '')
    // The symbol and date stand at the right of the page, the title lines are centred.
    expect(firstLines[0]).toMatch(/^\s{40,}INF\/MSME\/N\/27\/Rev\.1$/)
    expect(firstLines[1]).toMatch(/^\s{40,}8 mars 2024$/)
    expect(firstLines[2]).toMatch(/^\s{10,}GROUPE DE TRAVAIL INFORMEL SUR LES MPME$/)
    expect(firstLines[3]).toMatch(/^\s{20,}AVIS DE CONVOCATION$/)
    expect(firstLines[4]).toMatch(/^\s{30,}Révision$/)
    expect(squeeze(text)).toContain(
      squeeze(
        "L'avis de convocation ci-après, daté du 8 mars 2024, est distribué à la demande du coordonnateur du Groupe de travail informel sur les MPME, M. l'Ambassadeur Matthew Wilson (Barbade).",
      ),
    )
  })

  it('sets top-level agenda titles in capitals and sub-item titles as written', () => {
    expect(text).toContain('DISCUSSIONS THÉMATIQUES')
    expect(text).toContain('Investissement des MPME')
  })

  it('makes every symbol a link to Documents Online in French', () => {
    const uris = new Set(pdfLinkUris(pdf))
    for (const symbol of sampleReadingOrder().symbols) {
      for (const link of symbolLinks(symbol, 'fr')) expect(uris).toContain(link.href)
    }
    const documentsOnline = [...uris].filter((uri) => uri.startsWith('https://docs.wto.org/'))
    expect(documentsOnline.length).toBeGreaterThanOrEqual(5)
    for (const uri of documentsOnline) expect(uri).toContain('&Language=French&')
  })

  it('has a bookmark per agenda item, nested as the agenda, and a destination per contents line', () => {
    const outline = pdfOutline(pdf)
    const toc = tableOfContents(docFromJSON(sampleNotice.content))
    const view = walkNotice(sampleInput())
    const expected = toc.map(
      (entry) => `${entry.number} ${entry.level === 1 ? entry.title.toLocaleUpperCase('fr') : entry.title}`,
    )
    expect(outline.map((item) => item.title).sort()).toEqual([...expected].sort())
    const byId = new Map(outline.map((item) => [item.id, item]))
    const sub = outline.find((item) => item.title.startsWith('3.2 '))
    expect(byId.get(sub?.parent ?? -1)?.title).toBe('3 DISCUSSIONS THÉMATIQUES')
    expect(new Set(pdfDestinations(pdf))).toEqual(new Set(view.toc.map((line) => line.anchor)))
  })

  it('numbers pages, is A4 and carries the revision identity in its document information', () => {
    const info = pdfInfo(pdf)
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/)
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1])
    expect(pages).toBeGreaterThanOrEqual(3)
    const full = pdfText(pdf, { crop: false })
    for (let page = 1; page <= pages; page++) expect(full).toContain(`Page ${page}/${pages}`)
    expect(info).toMatch(/Title:\s+INF\/MSME\/N\/27\/Rev\.1 – Avis de convocation/)
    expect(info).toMatch(/Subject:\s+INF\/MSME\/N\/27\/Rev\.1\n/)
    expect(info).toMatch(
      /Keywords:\s+INF\/MSME\/N\/27\/Rev\.1; Rev\.1; empreinte de la révision sha256:5f2b8c0d/,
    )
    expect(info).toMatch(/CreationDate:\s+Mon Mar 11 09:30:00 2024 UTC/)
    expect(info).toMatch(/ModDate:\s+Mon Mar 11 09:30:00 2024 UTC/)
    expect(pdfInfo(pdf, '-custom')).toMatch(/ConveneRevisionHash:\s*sha256:5f2b8c0d/)
  })

  it('embeds its font, so French and Spanish typography survives', async () => {
    const fonts = pdfFonts(pdf)
    expect(fonts).toMatch(/DejaVuSans\s/)
    expect(fonts).not.toMatch(/\bno\s+no\s+no\b/)
    const spanish = await renderPdf(
      sampleInput({
        meta: { ...sampleNotice.meta, language: 'es', title: '¿Convocatoria? ¡Sí! « œ Œ ç ñ – … ’ »' },
      }),
    )
    expect(pdfText(spanish)).toContain('¿CONVOCATORIA? ¡SÍ! « Œ Œ Ç Ñ – … ’ »')
  })

  it('watermarks every page of a draft preview', async () => {
    const draft = await renderPdf(sampleInput({ draft: true }))
    const pages = Number(/Pages:\s+(\d+)/.exec(pdfInfo(draft))?.[1])
    // pdftotext does not read text set at 50 degrees, so the drawing itself is checked: a rotation
    // by 50 degrees, then large text, on every page (and never on a circulated revision's pages).
    const rotated = /0\.642788 -0\.766044 0\.766044 0\.642788 [-\d.]+ [-\d.]+ cm\n[\s\S]*?\/F\d+ 120 Tf/
    const streams = pdfTextStreams(draft)
    expect(streams).toHaveLength(pages)
    for (const stream of streams) expect(stream).toMatch(rotated)
    for (const stream of pdfTextStreams(pdf)) expect(stream).not.toMatch(rotated)
    mkdirSync(ARTIFACTS, { recursive: true })
    pdfPageToPng(draft, `${ARTIFACTS}export-draft-pdf-page1`)
  })

  it('renders hostile strings as text and wraps a very long word instead of failing', async () => {
    const hostile = await renderPdf(hostileInput())
    const hostileText = pdfText(hostile)
    expect(squeeze(hostileText)).toContain(squeeze(HOSTILE.script.toLocaleUpperCase('fr')))
    expect(squeeze(hostileText)).toContain(squeeze(HOSTILE.longWord))
    expect(hostileText).toContain('bell null esc vt ff del c1 nonchar')
  })

  it('never breaks a symbol, nor an honorific from its name, across lines', () => {
    const layout = plainSpaces(pdfText(pdf, { layout: true }))
    const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1
    for (const symbol of sampleReadingOrder().symbols) {
      for (const part of symbol.split('-')) {
        expect(occurrences(layout, part), part).toBeGreaterThanOrEqual(occurrences(plainSpaces(text), part))
      }
    }
    for (const line of layout.split('\n')) {
      expect(line.trimEnd(), 'a line ends with a symbol cut short').not.toMatch(/[A-Z0-9)]\/$/)
      expect(line.trimEnd(), 'a line ends with an honorific').not.toMatch(
        /(?:^|\s)(?:M\.|MM\.|Mmes?|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|Sra?\.)$/,
      )
      expect(line.trimEnd(), 'a line ends with a word that its number follows').not.toMatch(
        /\((?:annexe|annex|item|point)$/i,
      )
    }
  })

  it('writes a picture of its first page for people to look at', () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    pdfPageToPng(pdf, `${ARTIFACTS}export-sample-pdf-page1`)
    pdfPageToPng(pdf, `${ARTIFACTS}export-sample-pdf-page4`, 4)
  })
})
