import { sampleNotice } from '@convene/schema'
import { describe, expect, it } from 'vitest'
import { EXPORT_FORMATS, exportFileName, isExportFormat } from './export-formats'

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
