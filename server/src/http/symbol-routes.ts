/**
 * The symbols API, mounted at `/api/symbols`: `POST /parse` reads a document symbol under its
 * organisation's rules and answers its canonical spelling, parts and links, or a 422 naming the bad
 * part. Any signed-in user may ask; nothing is stored.
 */
import {
  type ParseSymbolResponse,
  parseSymbolRequestSchema,
  parseSymbolResponseSchema,
} from '@convene/protocol'
import {
  DEFAULT_ORGANISATION,
  ORGANISATIONS,
  organisationNamed,
  parseSymbol,
  SymbolError,
  symbolLinks,
} from '@convene/schema'
import { Hono } from 'hono'
import { ApiError } from './api-error'
import { requireAuth } from './auth-context'
import { parseBody, readJsonBody } from './request-body'

/** The symbols routes. */
export function symbolRoutes(): Hono {
  const routes = new Hono()

  routes.post('/parse', async (c) => {
    requireAuth(c)
    const body = parseBody(parseSymbolRequestSchema, await readJsonBody(c))
    const organisation =
      body.organisation === undefined ? DEFAULT_ORGANISATION : organisationNamed(body.organisation)
    if (organisation === undefined) {
      throw new ApiError(
        422,
        `Unknown organisation ${JSON.stringify(body.organisation)}: one of ${ORGANISATIONS.join(', ')}`,
        { field: 'organisation' },
      )
    }
    try {
      const parsed = parseSymbol(body.symbol, organisation)
      const links = symbolLinks(parsed.text, body.language ?? 'en', organisation).flatMap((link) =>
        link.href === undefined ? [] : [{ symbol: link.text, url: link.href }],
      )
      const answer: ParseSymbolResponse = { symbol: parsed.text, organisation, parts: parsed.parts, links }
      return c.json(parseSymbolResponseSchema.parse(answer))
    } catch (error) {
      if (error instanceof SymbolError)
        throw new ApiError(422, error.message, { cause: error, field: 'symbol' })
      throw error
    }
  })

  return routes
}
