/** Signing in to a Convene server over HTTP (`POST /api/auth/login`), as the test harnesses do. */

/** A user as the login answer describes it. */
export type SignedInUser = { id: string; username: string; displayName: string }

/** A session: its cookie (`name=value`), a websocket access token, and who it belongs to. */
export type Session = { cookie: string; token: string; user: SignedInUser }

async function postLogin(base: string, username: string, password: string): Promise<Response> {
  return fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
}

/** Signs in as `username` on the server at `base`; throws with the server's answer when refused. */
export async function signIn(base: string, username: string, password: string): Promise<Session> {
  const response = await postLogin(base, username, password)
  const text = await response.text()
  if (response.status !== 200) throw new Error(`Sign-in of ${username} answered ${response.status}: ${text}`)
  const cookie = response.headers.get('set-cookie')?.split(';')[0]
  if (!cookie) throw new Error(`Sign-in of ${username} set no cookie`)
  const body = JSON.parse(text) as { token: string; user: SignedInUser }
  return { cookie, token: body.token, user: body.user }
}

/**
 * An access token (and the user, when the answer names one) for `credentials` on the server at
 * `base`, or null when the server has no login route (no accounts). Throws with the answer,
 * naming `where` if given, when the login is refused or carries no token.
 */
export async function accessToken(
  base: string,
  credentials: { username: string; password: string },
  where?: string,
): Promise<{ token: string; user: Partial<SignedInUser> | undefined } | null> {
  const response = await postLogin(base, credentials.username, credentials.password)
  const text = await response.text()
  if (response.status === 404) return null
  if (!response.ok)
    throw new Error(`POST /api/auth/login${where ? ` on ${where}` : ''} answered ${response.status}: ${text}`)
  const body = JSON.parse(text) as { token?: unknown; user?: Partial<SignedInUser> }
  if (typeof body.token !== 'string') throw new Error(`POST /api/auth/login returned no token: ${text}`)
  return { token: body.token, user: body.user }
}
