/**
 * The bodies of signing in and out (`/api/auth`): `POST /login` and `GET /me` answer the user with a
 * short-lived access token for non-browser websocket clients; `POST /logout` answers 204.
 */
import { z } from 'zod'
import { NAME_INPUT_MAX_LENGTH, PASSWORD_INPUT_MAX_LENGTH } from './field-limits'
import { publicUserSchema } from './users'

/** The body of `POST /api/auth/login`. */
export const loginRequestSchema = z.strictObject({
  username: z.string().min(1).max(NAME_INPUT_MAX_LENGTH),
  password: z.string().min(1).max(PASSWORD_INPUT_MAX_LENGTH),
})

/** What `POST /api/auth/login` and `GET /api/auth/me` answer. */
export const authSessionSchema = z.strictObject({
  user: publicUserSchema,
  /** A short-lived access token for `?token=` on the websocket (or `Authorization: Bearer`). */
  token: z.string().min(1),
  /** When `token` expires (ISO 8601). */
  tokenExpiresAt: z.iso.datetime(),
})

/** The body of signing in. */
export type LoginRequest = z.infer<typeof loginRequestSchema>
/** The signed-in user and their access token. */
export type AuthSession = z.infer<typeof authSessionSchema>
