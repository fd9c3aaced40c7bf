/**
 * Plain text as source blocks: one line per block, a form feed (as `pdftotext` writes between
 * pages) starting a new page.
 */
import type { SourceBlock } from './source-block'

/** The lines of `text` as source blocks, numbered by page when the text holds form feeds. */
export function plainTextBlocks(text: string): SourceBlock[] {
  const pages = text.replace(/\r\n?/g, '\n').split('\f')
  const paged = pages.length > 1
  return pages.flatMap((page, index) =>
    page
      .split('\n')
      .map(
        (line): SourceBlock =>
          paged ? { text: line, kind: 'line', page: index + 1 } : { text: line, kind: 'line' },
      ),
  )
}
