/**
 * The client side of the sign-in API: sign in with a username and password (the server answers
 * with an HttpOnly session cookie, which also authenticates the websockets), sign out, and ask who
 * is signed in.
 */
import { authSessionSchema, noContentSchema, type PublicUser } from '@convene/protocol'
import { ApiError } from '../api/api-error'
import { apiFetch } from '../api/api-fetch'

/** The signed-in person, as the server's session describes them (comments are attributed to `id`). */
export type SessionUser = PublicUser

/** Signs in; resolves with the user, or rejects with an `ApiError` (401 for wrong credentials). */
export async function signIn(username: string, password: string): Promise<SessionUser> {
  const body = { username, password }
  return (await apiFetch('/api/auth/login', { method: 'POST', body }, authSessionSchema)).user
}

/** Ends the session on the server (the cookie is cleared). */
export async function signOut(): Promise<void> {
  await apiFetch('/api/auth/logout', { method: 'POST' }, noContentSchema)
}

/** The signed-in user, or null when there is no session. Other failures reject. */
export async function currentUser(): Promise<SessionUser | null> {
  try {
    return (await apiFetch('/api/auth/me', {}, authSessionSchema)).user
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null
    throw error
  }
}
