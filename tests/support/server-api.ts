/** JSON over HTTP to a Convene server, as the test harnesses send it and read the answers. */

/** An answer: its status, its body parsed as JSON (undefined when empty or not JSON), and its text. */
export type JsonResponse = { status: number; body: unknown; text: string }

/**
 * Sends `method` `path` to the server at `base` with `headers`, and `body` if given (a string as
 * is, anything else as JSON).
 */
export async function requestJson(
  base: string,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<JsonResponse> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await response.text()
  let parsed: unknown
  try {
    parsed = text ? JSON.parse(text) : undefined
  } catch {
    parsed = undefined
  }
  return { status: response.status, body: parsed, text }
}

/** The id of the notice a `POST /api/notices` created; throws with the answer unless it is a 201. */
export function createdNoticeId(response: JsonResponse): string {
  if (response.status !== 201)
    throw new Error(`POST /api/notices answered ${response.status}: ${response.text}`)
  return (response.body as { id: string }).id
}

/** The JSON API of servers of type `S` as a user whose bearer token {@link BearerApi} reads per server. */
export type BearerApi<S> = {
  /** JSON over HTTP to `server`, with the token when there is one. */
  api(server: S, method: string, path: string, body?: unknown): Promise<JsonResponse>
  /** Creates a blank French notice on `server` and returns its id. */
  createNotice(server: S): Promise<string>
}

/**
 * The JSON API of servers at `server.url`, acting with the token `tokenOf` gives for each (no
 * `Authorization` header when it gives null: a server without accounts).
 */
export function bearerApi<S extends { url: string }>(
  tokenOf: (server: S) => Promise<string | null>,
): BearerApi<S> {
  const api: BearerApi<S>['api'] = async (server, method, path, body) => {
    const token = await tokenOf(server)
    return requestJson(server.url, method, path, body, token ? { authorization: `Bearer ${token}` } : {})
  }
  return {
    api,
    createNotice: async (server) =>
      createdNoticeId(await api(server, 'POST', '/api/notices', { from: 'blank', language: 'fr' })),
  }
}
