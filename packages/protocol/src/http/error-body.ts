/**
 * The body of every HTTP error answer: `{ error: { status, message, field? } }`. `message` is
 * meant for a person; `field` names the request body field that was refused (a dotted path such
 * as `meta.meetingDate`), so that a form shows the message under that input without reading it.
 */
import { z } from 'zod'

/** The error body the server's one error handler writes and the client reads. */
export const apiErrorBodySchema = z.strictObject({
  error: z.strictObject({
    status: z.number().int().min(400).max(599),
    message: z.string(),
    /** The refused request body field; absent when the error is not about one field. */
    field: z.string().min(1).optional(),
  }),
})

/** The JSON body of an error response. */
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>

/** The dotted field name of a zod issue path (`['meta', 'title']` is `meta.title`); undefined for the root. */
export function fieldOfPath(path: readonly PropertyKey[]): string | undefined {
  return path.length === 0 ? undefined : path.map(String).join('.')
}
