/**
 * The client side of `POST /api/notices/import`: a file previewed as the notice it would become,
 * or imported as a new notice, with the language and organisation the person chose.
 */
import {
  type ImportCreatedResponse,
  type ImportPreviewResponse,
  importCreatedResponseSchema,
  importPreviewResponseSchema,
} from '@convene/protocol'
import type { NoticeLanguage, Organisation } from '@convene/schema'
import { apiFetch } from '../api/api-fetch'

/** The media types by file extension, for files the browser gives no type (a .docx on some systems). */
const TYPES_BY_EXTENSION: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html',
  htm: 'text/html',
  txt: 'text/plain',
  md: 'text/markdown',
}

/** The file types the import accepts, for the file picker. */
export const IMPORT_ACCEPT = '.docx,.pdf,.html,.htm,.txt,.md,text/plain,text/html,application/pdf'

/** The media type to send `file` with: its own, else the one its extension names. */
export function mediaTypeOf(file: File): string {
  const extension = file.name.split('.').pop()?.toLowerCase() ?? ''
  return TYPES_BY_EXTENSION[extension] ?? (file.type || 'application/octet-stream')
}

/** What the person chose instead of the import's guesses. */
export type ImportChoices = { language?: NoticeLanguage; organisation?: Organisation }

function query(choices: ImportChoices, preview: boolean): string {
  const params = new URLSearchParams()
  if (preview) params.set('preview', '1')
  if (choices.language) params.set('language', choices.language)
  if (choices.organisation) params.set('organisation', choices.organisation)
  const text = params.toString()
  return text ? `?${text}` : ''
}

/** The notice `file` would become, and the report; nothing is stored. */
export function previewImport(file: File, choices: ImportChoices): Promise<ImportPreviewResponse> {
  const request = { method: 'POST', file: { blob: file, contentType: mediaTypeOf(file) } } as const
  return apiFetch(`/api/notices/import${query(choices, true)}`, request, importPreviewResponseSchema)
}

/** Imports `file` as a new notice owned by the signed-in user. */
export function importNotice(file: File, choices: ImportChoices): Promise<ImportCreatedResponse> {
  const request = { method: 'POST', file: { blob: file, contentType: mediaTypeOf(file) } } as const
  return apiFetch(`/api/notices/import${query(choices, false)}`, request, importCreatedResponseSchema)
}
