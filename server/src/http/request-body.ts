/**
 * Reading and validating JSON request bodies: malformed JSON and bodies that fail their zod
 * schema become a 400 whose message names the offending field.
 */
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

/** Describes the first problem of a failed zod parse, naming the field. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'Invalid request body'
  if (issue.code === 'unrecognized_keys') {
    const prefix = issue.path.length > 0 ? `${issue.path.join('.')}.` : ''
    return `Unknown field ${issue.keys.map((key) => `"${prefix}${key}"`).join(', ')} in the request body`
  }
  if (issue.path.length === 0) return `Invalid request body: ${issue.message}`
  return `Invalid field "${issue.path.join('.')}": ${issue.message}`
}

/** Validates `value` with `schema`; throws a 400 naming the first bad field. */
export function parseBody<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value)
  if (!result.success) throw new ApiError(400, describeIssue(result.error), { cause: result.error })
  return result.data
}
