/** The bodies of a notice's members API (`/api/notices/:id/members`): who has which role, and changing that. */
import { z } from 'zod'
import { roleSchema } from './roles'

/** One person with a role on a notice. */
export const memberSchema = z.strictObject({
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  /** ISO 8601. */
  grantedAt: z.iso.datetime(),
})

/** `GET /api/notices/:id/members`. */
export const memberListSchema = z.array(memberSchema)

/** The body of `PUT /api/notices/:id/members/:username`, which answers the {@link memberSchema} granted. */
export const setMemberRoleRequestSchema = z.strictObject({ role: roleSchema })

/** One person with a role on a notice. */
export type Member = z.infer<typeof memberSchema>
/** The body of setting a member's role. */
export type SetMemberRoleRequest = z.infer<typeof setMemberRoleRequestSchema>
