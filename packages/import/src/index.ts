/**
 * @convene/import: existing notices (plain text, HTML, DOCX, PDF) read into the structured notice
 * model, with a report of what was recognised and what was dropped as page furniture. The only door
 * of this workspace. The HTML, DOCX and PDF readers load parse5, mammoth and pdf.js on first use.
 */
export { ImportError, MAX_IMPORT_BYTES } from './import-error'
export {
  IMPORT_MEDIA_TYPES,
  type ImportFileOptions,
  importFile,
  importFormatOf,
  readImportFile,
} from './import-file'
export {
  type DroppedLine,
  type HeaderLine,
  IMPORT_FORMATS,
  type ImportFormat,
  type ImportReport,
  type ImportWarning,
} from './import-report'
export type { JSONContent } from './json-content'
export { plainTextBlocks } from './plain-text'
export { type ImportedNotice, type RecogniseOptions, recogniseNotice } from './recognise-notice'
export type { SourceBlock, SourceLink } from './source-block'
