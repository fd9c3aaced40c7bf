/**
 * THE front door for files: the bytes and their media type read by the right reader (text, HTML,
 * DOCX, PDF), then recognised. Refuses a file too large, of a type not read, or one without text,
 * with an {@link ImportError} that names the problem.
 */
import type { NoticeLanguage, Organisation } from '@convene/schema'
import { docxBlocks } from './docx-reader'
import { ImportError, MAX_IMPORT_BYTES } from './import-error'
import type { ImportFormat } from './import-report'
import { pdfBlocks } from './pdf-reader'
import { plainTextBlocks } from './plain-text'
import { type ImportedNotice, recogniseNotice } from './recognise-notice'
import type { SourceBlock } from './source-block'

/** The media types an import reads, by format. */
export const IMPORT_MEDIA_TYPES: Record<ImportFormat, readonly string[]> = {
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  pdf: ['application/pdf'],
  html: ['text/html', 'application/xhtml+xml'],
  text: ['text/plain', 'text/markdown'],
}

/** The format of a media type (parameters such as `; charset=utf-8` ignored), or undefined for one not read. */
export function importFormatOf(contentType: string): ImportFormat | undefined {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  return (Object.keys(IMPORT_MEDIA_TYPES) as ImportFormat[]).find((format) =>
    IMPORT_MEDIA_TYPES[format].includes(type),
  )
}

/** Text of a text or HTML file: UTF-8 (a BOM dropped), or Windows-1252 when it is not valid UTF-8. */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    return new TextDecoder('windows-1252').decode(bytes)
  }
}

/** Options of {@link importFile}: the language and organisation when they are not to be guessed, the largest file read (default {@link MAX_IMPORT_BYTES}). */
export type ImportFileOptions = { language?: NoticeLanguage; organisation?: Organisation; maxBytes?: number }

/** Reads `bytes` of media type `contentType` into source blocks, and reader warnings. */
export async function readImportFile(
  bytes: Uint8Array,
  contentType: string,
  maxBytes = MAX_IMPORT_BYTES,
): Promise<{ format: ImportFormat; blocks: SourceBlock[]; warnings: string[] }> {
  const format = importFormatOf(contentType)
  if (!format) {
    const accepted = Object.values(IMPORT_MEDIA_TYPES).flat().join(', ')
    throw new ImportError(
      415,
      `Cannot import a file of type ${JSON.stringify(contentType)}: send one of ${accepted}`,
    )
  }
  if (bytes.byteLength > maxBytes) {
    throw new ImportError(
      413,
      `The file is ${bytes.byteLength} bytes; an import reads at most ${maxBytes} bytes (MAX_IMPORT_BYTES)`,
    )
  }
  if (bytes.byteLength === 0) throw new ImportError(422, 'The file is empty')
  let blocks: SourceBlock[]
  let warnings: string[] = []
  if (format === 'docx') ({ blocks, warnings } = await docxBlocks(bytes))
  else if (format === 'pdf') blocks = await pdfBlocks(bytes)
  // parse5 is loaded on the first HTML import, as mammoth and pdf.js are: a server holds none idle.
  else if (format === 'html') blocks = (await import('./html-reader')).htmlBlocks(decodeText(bytes))
  else blocks = plainTextBlocks(decodeText(bytes))
  if (!blocks.some((block) => block.text.trim() !== ''))
    throw new ImportError(422, `The ${format.toUpperCase()} file holds no text to import`)
  return { format, blocks, warnings }
}

/** Reads and recognises a notice file. */
export async function importFile(
  bytes: Uint8Array,
  contentType: string,
  options: ImportFileOptions = {},
): Promise<ImportedNotice> {
  const { maxBytes, ...guesses } = options
  const { format, blocks, warnings } = await readImportFile(bytes, contentType, maxBytes)
  const imported = recogniseNotice(blocks, { format, ...guesses })
  for (const message of warnings)
    imported.report.warnings.push({ message: `reading the file: ${message}`, at: '' })
  return imported
}
