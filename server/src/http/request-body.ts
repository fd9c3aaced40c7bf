/**
 * Reading and validating JSON request bodies: malformed JSON and bodies that fail their zod
 * schema become a 400 whose message names the offending field, and whose `field` names it for forms.
 */
import { fieldOfPath } from '@convene/protocol'
import type { Context } from 'hono'
import type { z } from 'zod'
import { ApiError } from './api-error'

/** Reads the request body as JSON; an empty body is `undefined`. Throws a 400 for malformed JSON. */
export async function readJsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text()
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text)
  } catch (cause) {
    throw new ApiError(400, 'The request body is not valid JSON', { cause })
  }
}

/** The first problem of a failed zod parse: a message naming the field, and the field (the first unknown one for unknown fields). */
export function describeIssue(error: z.ZodError): { message: string; field?: string } {
  const issue = error.issues[0]
  if (!issue) return { message: 'Invalid request body' }
  const field = fieldOfPath(issue.path)
  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.map((key) => (field === undefined ? key : `${field}.${key}`))
    const message = `Unknown field ${names.map((name) => `"${name}"`).join(', ')} in the request body`
    return names[0] === undefined ? { message } : { message, field: names[0] }
  }
  if (field === undefined) return { message: `Invalid request body: ${issue.message}` }
  return { message: `Invalid field "${field}": ${issue.message}`, field }
}

/** Validates `value` with `schema`; throws a 400 naming the first bad field, in words and as `field`. */
export function parseBody<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value)
  if (!result.success) {
    const { message, field } = describeIssue(result.error)
    throw new ApiError(400, message, { cause: result.error, ...(field === undefined ? {} : { field }) })
  }
  return result.data
}
