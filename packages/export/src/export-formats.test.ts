import { blankNoticeMeta, sampleNotice } from '@convene/schema'
import { describe, expect, it } from 'vitest'
import { EXPORT_FORMATS, exportFileName, isExportFormat, renderExport } from './export-formats'
import { renderHtml } from './html'
import { renderPdf } from './pdf'
import { sampleInput } from './test/fixtures'
import { wholeNoticeMeta } from './whole-notice-meta'

describe('exportFileName', () => {
  it('names a file after the symbol, the Rev.n revision and the language', () => {
    expect(exportFileName(sampleNotice.meta, 'Rev.1', 'docx')).toBe('INF-MSME-N-27-Rev.1-fr.docx')
    expect(exportFileName(sampleNotice.meta, 'Rev.1', 'pdf')).toBe('INF-MSME-N-27-Rev.1-fr.pdf')
  })

  it('adds a named label after the symbol, reduced to safe characters', () => {
    expect(exportFileName(sampleNotice.meta, 'Avant la réunion / v2', 'html')).toBe(
      'INF-MSME-N-27-Avant-la-reunion-v2-fr.html',
    )
    expect(exportFileName({ ...sampleNotice.meta, revisionLabel: '' }, null, 'md')).toBe(
      'INF-MSME-N-27-fr.md',
    )
  })

  it('falls back to the revision label of the notice metadata, as the document does', () => {
    expect(exportFileName(sampleNotice.meta, null, 'md')).toBe('INF-MSME-N-27-Rev.1-fr.md')
  })

  it('keeps the parentheses of a symbol and never lets a path through', () => {
    expect(
      exportFileName(
        { ...sampleNotice.meta, symbol: 'WT/MIN(24)/9', language: 'en', revisionLabel: '' },
        null,
        'txt',
      ),
    ).toBe('WT-MIN(24)-9-en.txt')
    expect(exportFileName({ ...sampleNotice.meta, symbol: '' }, '../../etc/passwd', 'txt')).toBe(
      'notice-etc-passwd-fr.txt',
    )
  })
})

describe('EXPORT_FORMATS', () => {
  it('gives the content type of each format', () => {
    expect(EXPORT_FORMATS.docx.contentType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    )
    expect(EXPORT_FORMATS.pdf.contentType).toBe('application/pdf')
    expect(isExportFormat('html')).toBe(true)
    expect(isExportFormat('toString')).toBe(false)
  })
})

describe('renderExport', () => {
  it("gives the bytes of the format's renderer for a notice whose metadata is whole", async () => {
    const input = sampleInput()
    expect(Buffer.from(await renderExport(input, 'pdf')).equals(Buffer.from(await renderPdf(input)))).toBe(
      true,
    )
    expect(new TextDecoder().decode(await renderExport(input, 'html'))).toBe(renderHtml(input))
  }, 20_000)

  it('reads the metadata fields a notice lacks as not set, in its own language', async () => {
    const { title, symbol, language } = sampleNotice.meta
    const partial = { title, symbol, language }
    const html = new TextDecoder().decode(await renderExport({ ...sampleInput(), meta: partial }, 'html'))
    expect(html).toBe(renderHtml({ ...sampleInput(), meta: { ...blankNoticeMeta(language), ...partial } }))
    expect(exportFileName(partial, null, 'txt')).toBe('INF-MSME-N-27-fr.txt')
  })
})

describe('wholeNoticeMeta', () => {
  it('fills a notice without a known language as a blank English one, keeping what it has', () => {
    expect(wholeNoticeMeta({ title: 'Agenda' })).toEqual({ ...blankNoticeMeta('en'), title: 'Agenda' })
    expect(wholeNoticeMeta({ language: 'xx' as 'en' }).language).toBe('en')
    expect(wholeNoticeMeta(sampleNotice.meta)).toEqual(sampleNotice.meta)
  })
})
