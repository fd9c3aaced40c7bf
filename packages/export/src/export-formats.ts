/**
 * The export formats: file extension, content type, and the file name of an export.
 * @module
 */
import type { NoticeMeta } from '@convene/schema'
import { displaySymbol } from './notice-walk'
import { isRevLabel } from './strings'

/** Every export format by file extension, with the content type to serve it with. */
export const EXPORT_FORMATS = {
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  pdf: { contentType: 'application/pdf' },
  html: { contentType: 'text/html; charset=utf-8' },
  md: { contentType: 'text/markdown; charset=utf-8' },
  txt: { contentType: 'text/plain; charset=utf-8' },
} as const

/** A file extension of {@link EXPORT_FORMATS}. */
export type ExportFormat = keyof typeof EXPORT_FORMATS

/** Whether `value` is an export format's extension. */
export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && Object.hasOwn(EXPORT_FORMATS, value)
}

/**
 * The download file name of an export: the notice symbol with its revision, then the language,
 * `INF/MSME/N/27` + `Rev.1` in French as DOCX -> `INF-MSME-N-27-Rev.1-fr.docx`. A label that is not a
 * Rev.n (a named draft) follows the symbol as it is written, reduced to safe characters. Without a
 * revision label, the notice's own (`meta.revisionLabel`) is used, as the exported document does.
 */
export function exportFileName(meta: NoticeMeta, revisionLabel: string | null, ext: ExportFormat): string {
  const label = (revisionLabel ?? meta.revisionLabel).trim() || null
  const symbol = displaySymbol(meta.symbol.trim(), label)
  const parts = [safe(symbol) || 'notice']
  if (label !== null && !isRevLabel(label)) parts.push(safe(label))
  parts.push(safe(meta.language))
  return `${parts.filter((part) => part !== '').join('-')}.${ext}`
}

/** Letters, digits, dot, underscore and parentheses; anything else becomes one hyphen. */
function safe(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._()]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 120)
}
