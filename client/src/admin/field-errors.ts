/**
 * Which form field a server validation error is about: the server names it as the error body's
 * `field`, and the form shows the message under that input rather than at the top, where it would
 * be read out of context.
 */
import { ApiError } from '../api/api-error'

/** The field of `fields` that `error` is about, or undefined for an error of the whole form. */
export function fieldOfError<F extends string>(error: unknown, fields: readonly F[]): F | undefined {
  if (!(error instanceof ApiError) || error.status < 400 || error.status >= 500) return undefined
  return fields.find((field) => field === error.field)
}
