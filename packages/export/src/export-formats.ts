/**
 * The export formats, one registry: for each, its file extension, the content type to serve it with
 * and its renderer. {@link renderExport} is the one way in: it makes the metadata whole, then renders.
 * @module
 */
import type { ExportFormatName } from '@convene/protocol'
import type { NoticeMeta } from '@convene/schema'
import { renderHtml } from './html'
import { renderMarkdown } from './markdown'
import { displaySymbol, type ExportInput } from './notice-walk'
import { isRevLabel } from './strings'
import { renderText } from './text'
import { wholeNoticeMeta } from './whole-notice-meta'

/** One export format: how its files are named and served, and how a notice becomes its bytes. */
export type ExportFormatEntry = {
  /** The file extension, without the dot (also the format's key in {@link EXPORT_FORMATS}). */
  extension: string
  contentType: string
  /** The bytes of `input` in this format; the same input always gives the same bytes. */
  render(input: ExportInput): Promise<Uint8Array>
}

const encoder = new TextEncoder()

/** Every export format by file extension: exactly the contract's {@link ExportFormatName}s. */
export const EXPORT_FORMATS = {
  docx: {
    extension: 'docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    // DOCX and PDF load their libraries (docx; pdfkit, fontkit and the fonts) on the first export only:
    // they would double the idle memory of a server that is not exporting.
    render: async (input) => (await import('./docx')).renderDocx(input),
  },
  pdf: {
    extension: 'pdf',
    contentType: 'application/pdf',
    render: async (input) => (await import('./pdf')).renderPdf(input),
  },
  html: {
    extension: 'html',
    contentType: 'text/html; charset=utf-8',
    render: async (input) => encoder.encode(renderHtml(input)),
  },
  md: {
    extension: 'md',
    contentType: 'text/markdown; charset=utf-8',
    render: async (input) => encoder.encode(renderMarkdown(input)),
  },
  txt: {
    extension: 'txt',
    contentType: 'text/plain; charset=utf-8',
    render: async (input) => encoder.encode(renderText(input)),
  },
} as const satisfies Record<ExportFormatName, ExportFormatEntry>

/** A file extension of {@link EXPORT_FORMATS}. */
export type ExportFormat = keyof typeof EXPORT_FORMATS

/** Whether `value` is an export format's extension. */
export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && Object.hasOwn(EXPORT_FORMATS, value)
}

/**
 * A notice to export as it is read from a revision or the live document: its metadata may lack
 * fields (they read as not set), the rest is {@link ExportInput}.
 */
export type ExportSource = Omit<ExportInput, 'meta'> & { meta: Partial<NoticeMeta> }

/** Renders `source` in `format`, its metadata made whole first: the same source always gives the same bytes. */
export function renderExport(source: ExportSource, format: ExportFormat): Promise<Uint8Array> {
  return EXPORT_FORMATS[format].render({ ...source, meta: wholeNoticeMeta(source.meta) })
}

/**
 * The download file name of an export: the notice symbol with its revision, then the language,
 * `INF/MSME/N/27` + `Rev.1` in French as DOCX -> `INF-MSME-N-27-Rev.1-fr.docx`. A label that is not a
 * Rev.n (a named draft) follows the symbol as it is written, reduced to safe characters. Without a
 * revision label, the notice's own (`meta.revisionLabel`) is used, as the exported document does.
 * Missing metadata fields read as not set, as in {@link renderExport}.
 */
export function exportFileName(
  partialMeta: Partial<NoticeMeta>,
  revisionLabel: string | null,
  format: ExportFormat,
): string {
  const meta = wholeNoticeMeta(partialMeta)
  const label = (revisionLabel ?? meta.revisionLabel).trim() || null
  const symbol = displaySymbol(meta.symbol.trim(), label)
  const parts = [safe(symbol) || 'notice']
  if (label !== null && !isRevLabel(label)) parts.push(safe(label))
  parts.push(safe(meta.language))
  return `${parts.filter((part) => part !== '').join('-')}.${EXPORT_FORMATS[format].extension}`
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
