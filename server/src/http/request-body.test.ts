import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ApiError, errorBody } from './api-error'
import { parseBody } from './request-body'

const schema = z.strictObject({
  label: z.string().max(3),
  meta: z.strictObject({ title: z.string() }).optional(),
})

/** The error body `parseBody` answers for `value`. */
function refusalOf(value: unknown): unknown {
  try {
    parseBody(schema, value)
  } catch (error) {
    if (error instanceof ApiError) return errorBody(error)
    throw error
  }
  throw new Error(`${JSON.stringify(value)} was accepted`)
}

describe('parseBody', () => {
  it('names an invalid field in the message and as the error field', () => {
    expect(refusalOf({ label: 'long' })).toEqual({
      error: {
        status: 400,
        message: 'Invalid field "label": Too big: expected string to have <=3 characters',
        field: 'label',
      },
    })
  })

  it('names a nested field by its dotted path', () => {
    expect(refusalOf({ label: 'a', meta: { title: 7 } })).toMatchObject({
      error: { status: 400, field: 'meta.title' },
    })
  })

  it('names the first unknown field, under its parent object', () => {
    expect(refusalOf({ label: 'a', colour: 'red' })).toEqual({
      error: { status: 400, message: 'Unknown field "colour" in the request body', field: 'colour' },
    })
    expect(refusalOf({ label: 'a', meta: { title: 'x', font: 'serif' } })).toMatchObject({
      error: { message: 'Unknown field "meta.font" in the request body', field: 'meta.font' },
    })
  })

  it('names no field when the body as a whole is wrong', () => {
    expect(refusalOf('text')).toEqual({
      error: {
        status: 400,
        message: 'Invalid request body: Invalid input: expected object, received string',
      },
    })
  })

  it('returns the parsed body when it is valid', () => {
    expect(parseBody(schema, { label: 'ok' })).toEqual({ label: 'ok' })
  })
})
