/**
 * Reads PDFs with poppler's command-line tools (pdftotext, pdfinfo, pdffonts), installed by
 * tests/setup/ensure-tools.sh: what a reader of the exported file would see.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The output of poppler's `tool` run with `args` on the PDF `pdf` (pdftotext writes to stdout). */
export function poppler(
  tool: 'pdftotext' | 'pdfinfo' | 'pdffonts',
  pdf: Uint8Array,
  args: string[] = [],
): string {
  const dir = mkdtempSync(join(tmpdir(), 'convene-pdf-'))
  try {
    const file = join(dir, 'file.pdf')
    writeFileSync(file, pdf)
    return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The text of a PDF in physical line order, as pdftotext -layout reads it. */
export function pdfText(pdf: Uint8Array): string {
  return poppler('pdftotext', pdf, ['-layout'])
}
