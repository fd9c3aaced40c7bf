/**
 * The client side of the server's HTTP API for notices: the library list, creating, reading,
 * duplicating, archiving and deleting one.
 * Answers are parsed with @convene/protocol's schemas (notices.ts); every failure is an `ApiError`.
 */
import {
  type ArchiveNoticeResponse,
  archiveNoticeResponseSchema,
  type CreateNoticeRequest,
  type DuplicateNoticeRequest,
  type DuplicateNoticeResponse,
  duplicateNoticeResponseSchema,
  type NoticeDetail,
  type NoticeListItem,
  type NoticeListQuery,
  type NoticeRecord,
  noContentSchema,
  noticeDetailSchema,
  noticeLibraryListSchema,
  noticeRecordSchema,
} from '@convene/protocol'
import { apiFetch } from '../api/api-fetch'

export type { NoticeDetail, NoticeRecord }

/** One row of the notices list. */
export type NoticeSummary = NoticeListItem

/** Creates a notice from the sample or blank (in `language`) and returns it. */
export function createNotice(options: NonNullable<CreateNoticeRequest>): Promise<NoticeRecord> {
  return apiFetch('/api/notices', { method: 'POST', body: options }, noticeRecordSchema)
}

/** Fetches one notice (its current metadata and content, and where it was made from). */
export function getNotice(id: string): Promise<NoticeDetail> {
  return apiFetch(`/api/notices/${encodeURIComponent(id)}`, {}, noticeDetailSchema)
}

/** Lists the notices of the library as `query` searches, filters and sorts them. */
export function listLibrary(query: NoticeListQuery): Promise<NoticeSummary[]> {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value)
  const search = params.toString()
  return apiFetch(`/api/notices${search ? `?${search}` : ''}`, {}, noticeLibraryListSchema)
}

/** Makes the notice of the next meeting from notice `id` ("New notice from this one"). */
export function duplicateNotice(id: string, body: DuplicateNoticeRequest): Promise<DuplicateNoticeResponse> {
  const path = `/api/notices/${encodeURIComponent(id)}/duplicate`
  return apiFetch(path, { method: 'POST', body }, duplicateNoticeResponseSchema)
}

/** Archives notice `id` out of the library's list, or with false brings it back. */
export function archiveNotice(id: string, archived: boolean): Promise<ArchiveNoticeResponse> {
  const path = `/api/notices/${encodeURIComponent(id)}/archive`
  return apiFetch(path, { method: 'POST', body: { archived } }, archiveNoticeResponseSchema)
}

/** Deletes notice `id` (refused with 409 while it has frozen revisions). */
export async function deleteNotice(id: string): Promise<void> {
  await apiFetch(`/api/notices/${encodeURIComponent(id)}`, { method: 'DELETE' }, noContentSchema)
}
