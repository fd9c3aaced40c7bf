import { symbolLinks } from '@convene/schema'
import { describe, expect, it } from 'vitest'
import { escapeMd, renderMarkdown } from './markdown'
import { hostileInput, sampleInput } from './test/fixtures'
import { assertInOrder, plainSpaces, sampleReadingOrder } from './test/tools'

describe('renderMarkdown', () => {
  const printed = renderMarkdown(sampleInput())
  const md = plainSpaces(printed)

  it('shows every item number and title, speaker, symbol and the table of contents in reading order', () => {
    // Escapes are for Markdown readers; the words between them are what a person reads.
    const readable = md.replace(/\[((?:\\.|[^\]\\])*)\]\(<[^>]*>\)/g, '$1').replace(/\\(.)/g, '$1')
    assertInOrder(readable, sampleReadingOrder().sequence, 'Markdown')
  })

  it('writes agenda items as numbered headings, one level per agenda level', () => {
    expect(md).toContain("\n## 1 LES MPME ET L'ACCESSION À L'OMC\n")
    expect(md).toContain('\n### 3.1 Discussion sur les MPME, la durabilité')
    expect(md).toContain('\n# AVIS DE CONVOCATION\n')
    expect(md.startsWith('INF/MSME/N/27/Rev.1\\\n8 mars 2024\n')).toBe(true)
  })

  it('links each part of a symbol to Documents Online in the notice language', () => {
    const [first, second] = symbolLinks('INF/MSME/W/46/Rev.1-INF/TGE/W/7/Rev.1', 'fr')
    expect(md).toContain(`[INF/MSME/W/46/Rev.1](<${first?.href}>)-[INF/TGE/W/7/Rev.1](<${second?.href}>)`)
    expect(md).toContain('[WT/MIN(24)/9](<https://docs.wto.org/')
  })

  it('writes speakers as running text and lists as Markdown lists', () => {
    expect(md).toContain(
      "Kate Kallot, fondatrice et PDG d'Amini, et Steven Capell, Vice-Président du CEFACT-ONU",
    )
    expect(md).toContain('\n- les mesures prises pour soutenir le Global Trade Helpdesk (annexe 2);\n')
  })

  it('escapes hostile strings so they stay text', () => {
    const hostile = renderMarkdown(hostileInput())
    expect(hostile).not.toContain('<script>')
    expect(hostile).toContain('\\<script\\>')
    expect(hostile).toContain(
      '# not a heading \\[link\\](javascript:alert(1)) \\*\\*bold\\*\\* \\`code\\` \\| table \\|',
    )
    expect(hostile).not.toMatch(/^#+ not a heading/m)
    expect(hostile).not.toMatch(/(?<!\\)\]\(javascript:/)
  })

  it('escapes the marks that would start a block at the start of a line', () => {
    expect(escapeMd('a *b* [c] <d> | ~e~ &amp; & f_g')).toBe(
      'a \\*b\\* \\[c\\] \\<d\\> \\| \\~e\\~ \\&amp; & f\\_g',
    )
  })

  it('gives the same text for the same revision', () => {
    expect(renderMarkdown(sampleInput())).toBe(printed)
  })
})
