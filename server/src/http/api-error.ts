/**
 * The one error type of the HTTP API and its conversion to the wire: every failure reaches the
 * client as `{ error: { status, message, field? } }` (@convene/protocol's `ApiErrorBody`) with a
 * clear message, never a stack, and the refused request field named when there is one.
 */
import type { ApiErrorBody } from '@convene/protocol'
import { MetaError, NoticeContentError, NoticeLimitError } from '@convene/schema'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { ACCOUNT_ERROR_STATUS, AccountError, LoginBackoffError } from '../accounts/account-errors'
import { RevisionLabelError } from '../revisions/revision-label'
import { NoticeLoadError, NoticeNotFoundError } from '../sync/notice-errors'
import { RoomClosedError } from '../sync/room'
import { RegistryClosedError } from '../sync/room-registry'
import { UpdateWriteError } from '../sync/update-writer'
import { HeavyTaskError, PoolSaturatedError } from '../work/heavy-work-pool'
import { revisionErrorStatus } from './revision-error-status'

/** An HTTP API failure: a status and a message meant for the client. */
export class ApiError extends HTTPException {
  override readonly status: ContentfulStatusCode
  /** Headers the answer carries besides the error body (`Retry-After` on a 429 or 503). */
  readonly headers: Record<string, string>
  /** The request body field refused (a dotted path), for a form to show the message under it. */
  readonly field: string | undefined
  constructor(
    status: ContentfulStatusCode,
    message: string,
    options?: { cause?: unknown; headers?: Record<string, string>; field?: string | undefined },
  ) {
    super(status, { message, cause: options?.cause })
    this.name = 'ApiError'
    this.status = status
    this.headers = options?.headers ?? {}
    this.field = options?.field
  }
}

/** The `Retry-After` header (whole seconds, at least 1) for a wait of `ms` milliseconds. */
export function retryAfter(ms: number): Record<string, string> {
  return { 'Retry-After': String(Math.max(1, Math.ceil(ms / 1000))) }
}

/**
 * Converts anything thrown while handling a request to an {@link ApiError}: the domain errors
 * that have a meaning for the client get their status, everything else is a 500 with a generic
 * message (the details go to the log, not to the client).
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  if (error instanceof HTTPException) {
    // Hono's own exceptions (a malformed request, say) always carry an error status.
    return new ApiError(error.status as ContentfulStatusCode, error.message || 'Request failed', {
      cause: error,
    })
  }
  if (error instanceof NoticeNotFoundError) return new ApiError(404, error.message, { cause: error })
  if (error instanceof PoolSaturatedError) {
    return new ApiError(503, error.message, { cause: error, headers: retryAfter(5000) })
  }
  if (error instanceof HeavyTaskError) return new ApiError(500, error.message, { cause: error })
  if (error instanceof NoticeLimitError) return new ApiError(413, error.message, { cause: error })
  if (error instanceof MetaError) {
    return new ApiError(400, error.message, { cause: error, field: error.field || undefined })
  }
  if (error instanceof LoginBackoffError) {
    return new ApiError(429, error.message, { cause: error, headers: retryAfter(error.retryAfterMs) })
  }
  if (error instanceof AccountError) {
    return new ApiError(ACCOUNT_ERROR_STATUS[error.kind], error.message, { cause: error, field: error.field })
  }
  if (error instanceof NoticeLoadError) return new ApiError(500, error.message, { cause: error })
  if (error instanceof NoticeContentError) {
    return new ApiError(500, `The notice's content cannot be read: ${error.message}`, { cause: error })
  }
  if (error instanceof RoomClosedError) {
    return error.cause instanceof UpdateWriteError
      ? new ApiError(500, `The change to notice "${error.noticeId}" could not be stored`, { cause: error })
      : new ApiError(503, `Notice "${error.noticeId}" was closed while being changed; try again`, {
          cause: error,
        })
  }
  if (error instanceof RegistryClosedError) return new ApiError(503, error.message, { cause: error })
  const revisionStatus = revisionErrorStatus(error)
  if (revisionStatus !== null) {
    // Every label the API takes is the body's `label`.
    const field = error instanceof RevisionLabelError ? 'label' : undefined
    return new ApiError(revisionStatus, (error as Error).message, { cause: error, field })
  }
  return new ApiError(500, 'Internal server error', { cause: error })
}

/** The response body for `error`. */
export function errorBody(error: ApiError): ApiErrorBody {
  const { status, message, field } = error
  return { error: field === undefined ? { status, message } : { status, message, field } }
}
