import { docFromJSON, sampleNotice, symbolLinks, tableOfContents } from '@convene/schema'
import { describe, expect, it } from 'vitest'
import { renderDocx } from './docx'
import { HOSTILE, hostileInput, sampleInput } from './test/fixtures'
import { CONTROL_CHARACTERS, plainSpaces, sampleReadingOrder, unzipText, zipEntryNames } from './test/tools'

/** The text of document.xml runs, paragraph per line (what Word shows, before styles such as caps). */
function documentText(xml: string): string {
  const text = xml
    .split('</w:p>')
    .map((p) =>
      [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)]
        .map((m) => (m[1] === undefined ? '\t' : m[1]))
        .join(''),
    )
    .join('\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
  return plainSpaces(text)
}

describe('renderDocx', async () => {
  const docx = await renderDocx(sampleInput())
  const parts = unzipText(docx)
  const document = parts['word/document.xml'] ?? ''
  const rels = parts['word/_rels/document.xml.rels'] ?? ''

  it('is a Word package with the content types first', () => {
    expect(zipEntryNames(docx).slice(0, 2)).toEqual(['[Content_Types].xml', '_rels/.rels'])
    expect(parts['[Content_Types].xml']).toContain('wordprocessingml.document.main+xml')
  })

  it('gives each agenda item a Heading style of its level, numbered like the editor, with a bookmark', () => {
    const toc = tableOfContents(docFromJSON(sampleNotice.content))
    const headings = [
      ...document.matchAll(
        /<w:pStyle w:val="Heading(\d)"\/><\/w:pPr><w:bookmarkStart w:name="(agenda_item_\d+)" w:id="\d+"\/><w:r><w:t xml:space="preserve">([\d.]+)<\/w:t>/g,
      ),
    ]
    expect(headings.map((m) => [Number(m[1]), m[3]])).toEqual(toc.map((entry) => [entry.level, entry.number]))
    // The table of contents links to those bookmarks, in the same order.
    const anchors = [...document.matchAll(/<w:hyperlink w:history="1" w:anchor="([^"]+)">/g)].map((m) => m[1])
    expect(anchors).toEqual(headings.map((m) => m[2]))
    expect(parts['word/styles.xml']).toMatch(
      /w:styleId="Heading1"><w:name w:val="Heading 1"\/>[\s\S]*?<w:outlineLvl w:val="0"\/>[\s\S]*?<w:caps\/>/,
    )
    expect(parts['word/styles.xml']).toMatch(
      /w:styleId="Heading2"><w:name w:val="Heading 2"\/>[\s\S]*?<w:outlineLvl w:val="1"\/>/,
    )
  })

  it('contains every item number and title, speaker and symbol in reading order', () => {
    const text = documentText(document)
    let at = 0
    for (const needle of sampleReadingOrder().sequence) {
      const found = text.replace(/\t/g, ' ').indexOf(needle, at)
      expect(found, `"${needle}" after position ${at}`).toBeGreaterThanOrEqual(0)
      at = found + needle.length
    }
  })

  it('links every symbol to Documents Online in French through external relationships', () => {
    const targets = [
      ...rels.matchAll(
        /<Relationship Id="([^"]+)" Type="[^"]+\/hyperlink" Target="([^"]+)" TargetMode="External"\/>/g,
      ),
    ]
    const byId = new Map(targets.map((m) => [m[1], (m[2] ?? '').replace(/&amp;/g, '&')]))
    const linked = [
      ...document.matchAll(
        /<w:hyperlink w:history="1" r:id="([^"]+)"><w:r><w:rPr><w:rStyle w:val="Hyperlink"\/>(?:<[^>]+>)*<w:t xml:space="preserve">([^<]+)<\/w:t>/g,
      ),
    ].map((m) => [plainSpaces(m[2] ?? ''), byId.get(m[1])])
    for (const symbol of sampleReadingOrder().symbols) {
      for (const link of symbolLinks(symbol, 'fr')) expect(linked).toContainEqual([link.text, link.href])
    }
    for (const [, href] of linked)
      if (href?.startsWith('https://docs.wto.org/')) expect(href).toContain('&Language=French&')
  })

  it('is A4 with page numbers in the footer and the symbol atop later pages', () => {
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/)
    expect(document).toContain('<w:titlePg/>')
    const footer = parts['word/footer1.xml'] ?? ''
    expect(footer).toMatch(/Page [\s\S]*PAGE[\s\S]*NUMPAGES/)
    const headers = `${parts['word/header1.xml']}${parts['word/header2.xml']}`
    expect(headers).toContain('INF/MSME/N/27/Rev.1')
  })

  it('carries the revision identity in its properties, dated when the revision was made', () => {
    const core = parts['docProps/core.xml'] ?? ''
    expect(core).toContain('<dc:title>INF/MSME/N/27/Rev.1 – Avis de convocation</dc:title>')
    expect(core).toContain('<dc:subject>INF/MSME/N/27/Rev.1</dc:subject>')
    expect(core).toMatch(
      /<cp:keywords>INF\/MSME\/N\/27\/Rev\.1; Rev\.1; empreinte de la révision sha256:5f2b8c0d[0-9a-f]+<\/cp:keywords>/,
    )
    expect(core).toContain(
      '<dcterms:created xsi:type="dcterms:W3CDTF">2024-03-11T09:30:00Z</dcterms:created>',
    )
    expect(core).toContain(
      '<dcterms:modified xsi:type="dcterms:W3CDTF">2024-03-11T09:30:00Z</dcterms:modified>',
    )
    expect(parts['docProps/custom.xml']).toMatch(/name="ConveneRevisionHash"><vt:lpwstr>sha256:5f2b8c0d/)
  })

  it('puts a banner at the top of a draft preview only', async () => {
    expect(document).not.toContain('PROJET')
    const draft = unzipText(await renderDocx(sampleInput({ draft: true })))['word/document.xml'] ?? ''
    expect(documentText(draft).split('\n')[0]).toBe('PROJET: Projet (aperçu): ne pas distribuer')
  })

  it('escapes hostile strings and leaves out characters XML cannot hold', async () => {
    const hostile = unzipText(await renderDocx(hostileInput()))
    const xml = hostile['word/document.xml'] ?? ''
    expect(xml).not.toContain('<script')
    expect(xml).not.toContain('<b onmouseover')
    expect(xml).toContain('&lt;script&gt;')
    for (const part of Object.values(hostile)) expect(part).not.toMatch(CONTROL_CHARACTERS)
    expect(documentText(xml)).toContain(HOSTILE.longWord)
    expect(hostile['docProps/core.xml']).toContain('<dc:title>INF/MSME/N/27/Rev.1 – &lt;script&gt;')
  })
})
