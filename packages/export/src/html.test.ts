import { docFromJSON, sampleNotice, symbolLinks, tableOfContents } from '@convene/schema'
import { describe, expect, it } from 'vitest'
import { escapeHtml } from './escape'
import { renderHtml } from './html'
import { HOSTILE, hostileInput, sampleInput } from './test/fixtures'
import { assertInOrder, CONTROL_CHARACTERS, plainSpaces, sampleReadingOrder } from './test/tools'

/** The visible text of a page: no head, no tags, entities decoded. */
function visibleText(html: string): string {
  const text = html
    .replace(/<head>[\s\S]*<\/head>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
  return plainSpaces(text)
}

describe('renderHtml', () => {
  const html = renderHtml(sampleInput())

  it('shows every item number and title, speaker, symbol and the table of contents in reading order', () => {
    const { sequence } = sampleReadingOrder()
    assertInOrder(visibleText(html), sequence, 'HTML')
  })

  it('is one page in the notice language with the header of an official notice', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="fr">')).toBe(true)
    expect(html).toContain(
      '<span class="symbol">INF/MSME/N/27/Rev.1</span><br><span class="date">8\u00a0mars 2024</span>',
    )
    expect(html).toContain('<p class="issuing-body">Groupe de travail informel sur les MPME</p>')
    expect(html).toContain('<h1>Avis de convocation</h1>')
    expect(html).toContain('<p class="revision">Révision</p>')
    expect(html).toContain(
      'L&#39;avis de convocation ci-après, daté du 8\u00a0mars 2024, est distribué à la demande du coordonnateur du Groupe',
    )
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/)
  })

  it('uses one heading level per agenda level, each with the item anchor the contents link to', () => {
    const toc = tableOfContents(docFromJSON(sampleNotice.content))
    for (const entry of toc) {
      const level = entry.level + 1
      expect(html).toMatch(
        new RegExp(
          `<h${level} id="item-${entry.id}" class="item-heading level-${entry.level}"><span class="num">${entry.number.replace('.', '\\.')}</span>`,
        ),
      )
      expect(html).toContain(`<a href="#item-${entry.id}"><span class="num">${entry.number}</span>`)
    }
    expect(html).toMatch(
      /<nav class="toc" aria-labelledby="toc-title">\n<h2 id="toc-title">Table des matières<\/h2>/,
    )
  })

  it('links every symbol to Documents Online in French', () => {
    const { symbols } = sampleReadingOrder()
    for (const symbol of symbols) {
      for (const link of symbolLinks(symbol, 'fr')) {
        expect(html).toContain(`<a href="${escapeHtml(link.href ?? '')}">${link.text}</a>`)
      }
    }
    const hrefs = [...html.matchAll(/href="(https:\/\/docs\.wto\.org[^"]+)"/g)].map((m) => m[1] ?? '')
    expect(hrefs.length).toBeGreaterThanOrEqual(symbols.length)
    for (const href of hrefs) expect(href).toContain('&amp;Language=French&amp;')
  })

  it('carries an A4 print stylesheet and the revision identity', () => {
    expect(html).toMatch(/@page \{ size: A4;/)
    expect(html).toMatch(/@media print \{/)
    expect(html).toContain(
      '<meta name="convene:revision-hash" content="sha256:5f2b8c0d9e7a41b3c6d2e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3">',
    )
    expect(html).toContain('<meta name="dcterms.created" content="2024-03-11T09:30:00.000Z">')
  })

  it('adds a draft banner and watermark only to a draft preview', () => {
    expect(html).not.toContain('<p class="draft-banner"')
    expect(html).not.toContain('<div class="watermark"')
    const draft = renderHtml(sampleInput({ draft: true }))
    expect(draft).toContain('<p class="draft-banner" role="note">Projet (aperçu): ne pas distribuer</p>')
    expect(draft).toContain('<div class="watermark" aria-hidden="true">PROJET</div>')
  })

  it('escapes hostile strings everywhere, so no markup from the notice reaches the page', () => {
    const hostile = renderHtml(hostileInput())
    expect(hostile).not.toContain('<script')
    expect(hostile).not.toContain('<b onmouseover')
    expect(hostile).not.toContain('</p><h1>')
    expect(hostile).toContain(escapeHtml(HOSTILE.script))
    expect(hostile).toContain(escapeHtml(HOSTILE.markup))
    expect(hostile).not.toMatch(CONTROL_CHARACTERS)
    expect(visibleText(hostile)).toContain(HOSTILE.longWord)
    expect(hostile).toContain('overflow-wrap: break-word')
  })

  it('gives the same string for the same revision', () => {
    expect(renderHtml(sampleInput())).toBe(html)
  })
})
