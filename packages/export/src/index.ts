/**
 * @convene/export: pure renderers of a notice revision to DOCX, PDF, HTML, Markdown and plain text.
 * The same input always gives the same bytes.
 * @module
 */
export {
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportFormatEntry,
  type ExportSource,
  exportFileName,
  isExportFormat,
  renderExport,
} from './export-formats'
export { renderHtml } from './html'
export { renderMarkdown } from './markdown'
export type { ExportInput, ExportRevision, JSONContent } from './notice-walk'
export { isRevLabel, NOTICE_STRINGS, type NoticeStrings } from './strings'
export { renderText } from './text'
export { wholeNoticeMeta } from './whole-notice-meta'
