import { describe, expect, it } from 'vitest'
import { fileNameOf } from './download-export'

describe('fileNameOf', () => {
  it('reads the quoted file name of an attachment', () => {
    expect(fileNameOf('attachment; filename="INF-MSME-N-27-Rev.1-fr.pdf"')).toBe('INF-MSME-N-27-Rev.1-fr.pdf')
  })

  it('prefers the UTF-8 form, and reads an unquoted name', () => {
    expect(fileNameOf('attachment; filename="a.pdf"; filename*=UTF-8\'\'Avis%20r%C3%A9vis%C3%A9.pdf')).toBe(
      'Avis révisé.pdf',
    )
    expect(fileNameOf('inline; filename=draft.html')).toBe('draft.html')
  })

  it('gives null when there is no file name', () => {
    expect(fileNameOf(null)).toBeNull()
    expect(fileNameOf('attachment')).toBeNull()
  })
})
