/**
 * The bodies of the accounts API for administrators (`/api/users`): list, create, change, delete
 * an account, and end its sessions; and, for editors, the user search (`GET /api/users/search`). The username pattern and the password and display name lengths
 * are checked by the server's account service (400 naming the field), with the limits of field-limits.ts.
 */
import { z } from 'zod'
import { NAME_INPUT_MAX_LENGTH, PASSWORD_INPUT_MAX_LENGTH } from './field-limits'

/** An account as the API shows it: never the password hash. */
export const publicUserSchema = z.strictObject({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  isAdmin: z.boolean(),
  disabled: z.boolean(),
  /** ISO 8601. */
  createdAt: z.iso.datetime(),
})

/** `GET /api/users`: every account, by username. */
export const userListSchema = z.array(publicUserSchema)

/** The body of `POST /api/users` (201 {@link publicUserSchema}); the display name defaults to the username. */
export const createUserRequestSchema = z.strictObject({
  username: z.string().max(NAME_INPUT_MAX_LENGTH),
  password: z.string().max(PASSWORD_INPUT_MAX_LENGTH),
  displayName: z.string().max(NAME_INPUT_MAX_LENGTH).optional(),
  isAdmin: z.boolean().optional(),
})

/** The body of `PATCH /api/users/:username` (answers the changed {@link publicUserSchema}); every field is optional. */
export const updateUserRequestSchema = z.strictObject({
  displayName: z.string().max(NAME_INPUT_MAX_LENGTH).optional(),
  password: z.string().max(PASSWORD_INPUT_MAX_LENGTH).optional(),
  isAdmin: z.boolean().optional(),
  disabled: z.boolean().optional(),
})

/** `DELETE /api/users/:username/sessions`: how many sessions were ended. */
export const revokedSessionsSchema = z.strictObject({ revoked: z.number().int().nonnegative() })

/** How many sessions were ended. */
export type RevokedSessions = z.infer<typeof revokedSessionsSchema>
/** An account as the API shows it. */
export type PublicUser = z.infer<typeof publicUserSchema>
/** The body of creating an account. */
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>
/** The body of changing an account. */
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>

/* `GET /api/users/search`: finding people by name to share a notice with (editors only). */

/** The query: words of a username or display name, accents and case ignored. */
export const userSearchQuerySchema = z.strictObject({ q: z.string().max(200).optional() })

/** One person found. */
export const foundUserSchema = z.strictObject({ username: z.string(), displayName: z.string() })

/** The answer: at most 20 enabled accounts. */
export const userSearchResponseSchema = z.strictObject({ users: z.array(foundUserSchema) })

/** One person found by `GET /api/users/search`. */
export type FoundUser = z.infer<typeof foundUserSchema>
