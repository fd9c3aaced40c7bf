/**
 * The report of one import: the format and what was recognised (counts), the lines dropped as
 * noise with the reason, the header lines that became metadata, and warnings, so that a person can
 * check that nothing was lost before creating the notice.
 */
import type { NoticeLanguage, Organisation } from '@convene/schema'

/** The formats an import reads. */
export const IMPORT_FORMATS = ['text', 'html', 'docx', 'pdf'] as const

/** One import format. */
export type ImportFormat = (typeof IMPORT_FORMATS)[number]

/** A line of the source left out of the notice as noise, and why (a page footer, a repeated link). */
export type DroppedLine = { text: string; why: string }

/** A line of the source's header that became a metadata field instead of content. */
export type HeaderLine = { text: string; field: string }

/** Something a person should check: `at` quotes the start of the source text it is about. */
export type ImportWarning = { message: string; at: string }

/** What an import recognised and left out. Counts are numbers of nodes in the content. */
export type ImportReport = {
  format: ImportFormat
  language: NoticeLanguage
  organisation: Organisation
  items: number
  headings: number
  speakers: number
  symbols: number
  footnotes: number
  dropped: DroppedLine[]
  header: HeaderLine[]
  warnings: ImportWarning[]
}
