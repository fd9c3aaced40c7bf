/**
 * The one way the client calls the HTTP API: `apiFetch(path, init, schema)` sends a JSON body and
 * parses the answer with the @convene/protocol schema of that route, so an answer of another shape
 * is an error here rather than a wrong value further in. Every failure is an {@link ApiError}.
 */
import { apiErrorBodySchema } from '@convene/protocol'
import type { z } from 'zod'
import { reportSignedOut } from '../auth/auth-events'
import { ApiError } from './api-error'

/** What a call sends: the method (default GET) and a JSON body, or a file with its media type. */
export type ApiRequest = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  body?: unknown
  file?: { blob: Blob; contentType: string }
}

/** The headers and body of `request` as `fetch` takes them. */
function encodeRequest(request: ApiRequest): RequestInit {
  if (request.file) {
    const headers = { 'content-type': request.file.contentType, accept: 'application/json' }
    return { headers, body: request.file.blob }
  }
  if (request.body === undefined) return { headers: { accept: 'application/json' } }
  return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(request.body) }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * The {@link ApiError} of a failed answer, from its error body (`{ error: { status, message, field? } }`);
 * `call` ("GET /api/notices") words the error when the body is not one. A 401 means the session is
 * gone (expired, or signed out in another tab): it is reported app-wide.
 */
export async function apiErrorOf(response: Response, call: string): Promise<ApiError> {
  if (response.status === 401) reportSignedOut()
  const body = apiErrorBodySchema.safeParse(parseJson(await response.text()))
  if (!body.success) return new ApiError(response.status, `${call} failed with HTTP ${response.status}`)
  const { message, field } = body.data.error
  return new ApiError(response.status, message, field === undefined ? {} : { field })
}

/** Calls the HTTP API and returns its answer parsed with `schema` (204: `noContentSchema`). */
export async function apiFetch<S extends z.ZodType>(
  path: string,
  request: ApiRequest,
  schema: S,
): Promise<z.output<S>> {
  const method = request.method ?? 'GET'
  const call = `${method} ${path}`
  let response: Response
  try {
    response = await fetch(path, { method, ...encodeRequest(request) })
  } catch (cause) {
    throw new ApiError(0, `${call}: the server could not be reached`, { cause })
  }
  if (!response.ok) throw await apiErrorOf(response, call)
  const text = await response.text()
  const answer = schema.safeParse(text === '' ? undefined : parseJson(text))
  if (!answer.success) {
    const issue = answer.error.issues[0]
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : ''
    throw new ApiError(
      response.status,
      `${call} answered an unexpected body${where}: ${issue?.message ?? ''}`,
      {
        cause: answer.error,
      },
    )
  }
  return answer.data
}
