/**
 * The client side of the server's HTTP API for notices. Every failure becomes an `ApiError`
 * carrying the server's status and message (`{ error: { status, message } }` on the wire).
 */
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
 * and, for a validation error, the request field it is about when the server names it.
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
  const text = await response.text()
  const data: unknown = text ? safeJson(text) : undefined
  if (!response.ok) {
    if (response.status === 401) reportSignedOut()
    const message = errorMessage(data) ?? `${method} ${path} failed with HTTP ${response.status}`
    throw new ApiError(response.status, message, { field: errorField(data) })
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

function errorField(data: unknown): string | undefined {
  const error = typeof data === 'object' && data !== null ? (data as { error?: unknown }).error : undefined
  const field = typeof error === 'object' && error !== null ? (error as { field?: unknown }).field : undefined
  return typeof field === 'string' ? field : undefined
}

function errorMessage(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || !('error' in data)) return undefined
  const error = (data as { error: unknown }).error
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const message = (error as { message: unknown }).message
    if (typeof message === 'string') return message
  }
  return undefined
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
