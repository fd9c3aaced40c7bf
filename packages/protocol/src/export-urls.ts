/**
 * The export formats by name and where the server serves them: a frozen revision in each format,
 * and the watermarked draft preview of the live notice. `@convene/export`'s registry is typed by
 * {@link EXPORT_FORMAT_NAMES}, so a format added on one side fails to typecheck on the other.
 */

/** Every export format's file extension, in menu order (the most asked for first). */
export const EXPORT_FORMAT_NAMES = ['docx', 'pdf', 'html', 'md', 'txt'] as const

/** One export format's file extension. */
export type ExportFormatName = (typeof EXPORT_FORMAT_NAMES)[number]

/** The formats a draft is previewed in, in the browser (every format is served as a draft). */
export const DRAFT_PREVIEW_FORMATS = ['pdf', 'html'] as const satisfies readonly ExportFormatName[]

const noticePath = (noticeId: string) => `/api/notices/${encodeURIComponent(noticeId)}`

/** The URL of frozen revision `rev`'s export in `format`. */
export function revisionExportUrl(noticeId: string, rev: number, format: ExportFormatName): string {
  return `${noticePath(noticeId)}/revisions/${rev}/export.${format}`
}

/** The URL of the live notice's draft export in `format`. */
export function draftExportUrl(noticeId: string, format: ExportFormatName): string {
  return `${noticePath(noticeId)}/export/draft.${format}`
}
