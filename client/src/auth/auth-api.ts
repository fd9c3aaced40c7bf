/**
 * The client side of the sign-in API: sign in with a username and password (the server answers
 * with an HttpOnly session cookie, which also authenticates the websockets), sign out, and ask who
 * is signed in.
 */
import { ApiError, request } from '../notices/notices-api'

/** The signed-in person, as the server's session describes them. */
export type SessionUser = {
  /** The stable user id (comments are attributed to it). */
  id: string
  username: string
  /** The name others see: beside the caret, on comments, in the sharing list. */
  displayName: string
  isAdmin: boolean
}

type SessionBody = { user: SessionUser; token?: string }

/** Signs in; resolves with the user, or rejects with an `ApiError` (401 for wrong credentials). */
export async function signIn(username: string, password: string): Promise<SessionUser> {
  const body = await request<SessionBody>('POST', '/api/auth/login', { username, password })
  return body.user
}

/** Ends the session on the server (the cookie is cleared). */
export async function signOut(): Promise<void> {
  await request<unknown>('POST', '/api/auth/logout')
}

/** The signed-in user, or null when there is no session. Other failures reject. */
export async function currentUser(): Promise<SessionUser | null> {
  try {
    const body = await request<SessionBody>('GET', '/api/auth/me')
    return body.user
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null
    throw error
  }
}
