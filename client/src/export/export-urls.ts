/**
 * Where the server serves exports: a frozen revision in each format, and the watermarked draft
 * preview of the live notice. The format list mirrors @convene/export's `EXPORT_FORMATS`.
 */

/** The export formats, in menu order (the most asked for first). */
export const EXPORT_MENU_FORMATS = ['docx', 'pdf', 'html', 'md', 'txt'] as const

/** One export format's file extension. */
export type ExportMenuFormat = (typeof EXPORT_MENU_FORMATS)[number]

/** The formats a draft can be previewed in, in the browser. */
export const DRAFT_PREVIEW_FORMATS = ['pdf', 'html'] as const

const notice = (noticeId: string) => `/api/notices/${encodeURIComponent(noticeId)}`

/** The URL of frozen revision `rev`'s export in `format`. */
export function revisionExportUrl(noticeId: string, rev: number, format: ExportMenuFormat): string {
  return `${notice(noticeId)}/revisions/${rev}/export.${format}`
}

/** The URL of the live notice's draft preview in `format`. */
export function draftPreviewUrl(noticeId: string, format: (typeof DRAFT_PREVIEW_FORMATS)[number]): string {
  return `${notice(noticeId)}/export/draft.${format}`
}
