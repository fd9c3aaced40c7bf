/**
 * The fonts embedded in PDF exports: DejaVu Sans (regular, bold, oblique, bold oblique) from the
 * `dejavu-fonts-ttf` package. A Verdana-like sans, as official notices use, covering every French and
 * Spanish character (é à ç Œ œ « » ’ – … ñ ¿ ¡). Read from disk once per process.
 * @module
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

/** The font faces a PDF uses, by the name each is registered under. */
export const PDF_FONT_FILES = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
} as const

/** A face of {@link PDF_FONT_FILES}. */
export type PdfFontFace = keyof typeof PDF_FONT_FILES

let cache: Record<PdfFontFace, Buffer> | undefined

/** The TrueType bytes of every face, loaded on first use. */
export function pdfFonts(): Record<PdfFontFace, Buffer> {
  if (cache === undefined) {
    const require = createRequire(import.meta.url)
    const load = (file: string) => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`))
    cache = {
      regular: load(PDF_FONT_FILES.regular),
      bold: load(PDF_FONT_FILES.bold),
      italic: load(PDF_FONT_FILES.italic),
      boldItalic: load(PDF_FONT_FILES.boldItalic),
    }
  }
  return cache
}
