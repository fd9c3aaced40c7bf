/**
 * The client side of the server's HTTP API for notices. Every failure becomes an `ApiError`
 * carrying the server's status, message and refused field (`{ error: { status, message, field? } }`
 * on the wire, @convene/protocol's `apiErrorBodySchema`).
 */
import {
  apiErrorBodySchema,
  type DuplicateNoticeRequest,
  type DuplicateNoticeResponse,
  type NoticeListItem,
  type NoticeListQuery,
} from '@convene/protocol'
import type { NoticeLanguage, NoticeMeta } from '@convene/schema'
import type { JSONContent } from '@tiptap/core'
import { reportSignedOut } from '../auth/auth-events'
import type { Role } from '../sharing/roles'

/** One row of the notices list. */
export type NoticeSummary = {
  id: string
  title: string
  symbol: string
  language: NoticeLanguage
  updatedAt: string
}

/** A whole notice as the HTTP API returns it, with the signed-in user's role on it. */
export type NoticeRecord = { id: string; meta: NoticeMeta; content: JSONContent; role: Role }

/**
 * An HTTP API call that failed, with the server's status (0 when the server could not be reached)
 * and, for a validation error, the request field it is about (the server names it as `field`).
 */
export class ApiError extends Error {
  readonly status: number
  readonly field: string | undefined
  constructor(status: number, message: string, options?: ErrorOptions & { field?: string }) {
    super(message, options)
    this.name = 'ApiError'
    this.status = status
    this.field = options?.field
  }
}

/**
 * Calls the HTTP API with a JSON body and returns the JSON answer. A 401 means the session is
 * gone (expired, or signed out in another tab): it is reported app-wide before the error is thrown.
 */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch (cause) {
    throw new ApiError(0, `${method} ${path}: the server could not be reached`, { cause })
  }
  return answerOf<T>(response, method, path)
}

/** The JSON answer of `response`, or the `ApiError` its error body names (a 401 reported app-wide first). */
async function answerOf<T>(response: Response, method: string, path: string): Promise<T> {
  const text = await response.text()
  const data: unknown = text ? safeJson(text) : undefined
  if (!response.ok) {
    if (response.status === 401) reportSignedOut()
    const body = apiErrorBodySchema.safeParse(data)
    if (!body.success)
      throw new ApiError(response.status, `${method} ${path} failed with HTTP ${response.status}`)
    const { message, field } = body.data.error
    throw new ApiError(response.status, message, field === undefined ? {} : { field })
  }
  return data as T
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Sends `file` as the body of `POST path` with its media type, and returns the JSON answer. */
export async function postFile<T>(path: string, file: Blob, contentType: string): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': contentType, accept: 'application/json' },
      body: file,
    })
  } catch (cause) {
    throw new ApiError(0, `POST ${path}: the server could not be reached`, { cause })
  }
  return answerOf<T>(response, 'POST', path)
}

/** Lists every notice, as summaries. */
export function listNotices(): Promise<NoticeSummary[]> {
  return request('GET', '/api/notices')
}

/** Creates a notice from the sample or blank (in `language`) and returns it. */
export function createNotice(options: {
  from: 'sample' | 'blank'
  language?: NoticeLanguage
}): Promise<NoticeRecord> {
  return request('POST', '/api/notices', options)
}

/** Fetches one notice (its current metadata and content). */
export function getNotice(id: string): Promise<NoticeRecord> {
  return request('GET', `/api/notices/${encodeURIComponent(id)}`)
}

/** Lists the notices of the library as `query` searches, filters and sorts them. */
export function listLibrary(query: NoticeListQuery): Promise<NoticeListItem[]> {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value)
  const search = params.toString()
  return request('GET', `/api/notices${search ? `?${search}` : ''}`)
}

/** Makes the notice of the next meeting from notice `id` ("New notice from this one"). */
export function duplicateNotice(id: string, body: DuplicateNoticeRequest): Promise<DuplicateNoticeResponse> {
  return request('POST', `/api/notices/${encodeURIComponent(id)}/duplicate`, body)
}

/** Archives notice `id` out of the library's list, or with false brings it back. */
export function archiveNotice(id: string, archived: boolean): Promise<unknown> {
  return request('POST', `/api/notices/${encodeURIComponent(id)}/archive`, { archived })
}

/** Deletes notice `id` (refused with 409 while it has frozen revisions). */
export function deleteNotice(id: string): Promise<unknown> {
  return request('DELETE', `/api/notices/${encodeURIComponent(id)}`)
}
