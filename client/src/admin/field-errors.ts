/**
 * Which form field a server validation error is about. The server names the field in its message
 * ("username: ..." or "Username ... already exists"); the form shows the message under that field
 * rather than at the top, where it would be read out of context.
 */
import { ApiError } from '../notices/notices-api'

/** The field of `fields` that `error` is about, or undefined for an error of the whole form. */
export function fieldOfError<F extends string>(error: unknown, fields: readonly F[]): F | undefined {
  if (!(error instanceof ApiError) || error.status < 400 || error.status >= 500) return undefined
  if (error.field) return fields.find((field) => field === error.field)
  const message = error.message.toLowerCase()
  // The earliest field named in the message wins ("password must differ from the username").
  let best: { field: F; at: number } | undefined
  for (const field of fields) {
    const words = [field.toLowerCase(), field.replace(/([A-Z])/g, ' $1').toLowerCase()]
    for (const word of words) {
      const at = message.indexOf(word)
      if (at >= 0 && (!best || at < best.at)) best = { field, at }
    }
  }
  return best?.field
}
