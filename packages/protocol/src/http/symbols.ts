/**
 * The body shapes of `POST /api/symbols/parse`: a document symbol to read, with the organisation
 * whose rules apply (named by acronym in any case) and the language of its links.
 */
import { z } from 'zod'

/** The request: the symbol as typed, and optionally its organisation (WTO unless named) and link language. */
export const parseSymbolRequestSchema = z.strictObject({
  symbol: z.string().max(500),
  organisation: z.string().max(20).optional(),
  language: z.enum(['en', 'fr', 'es']).optional(),
})

/** One suffix of a symbol part: `Rev.2`, or a bare `Rev.` (number null) where the organisation writes one. */
const symbolSuffixSchema = z.strictObject({ kind: z.string(), number: z.number().int().nullable() })

/** The answer: the symbol in its canonical spelling, its organisation, its parts and the links of those that have one. */
export const parseSymbolResponseSchema = z.strictObject({
  symbol: z.string(),
  organisation: z.string(),
  parts: z.array(
    z.strictObject({
      text: z.string(),
      segments: z.array(z.string()),
      suffixes: z.array(symbolSuffixSchema),
    }),
  ),
  links: z.array(z.strictObject({ symbol: z.string(), url: z.string().url() })),
})

/** The request body of `POST /api/symbols/parse`. */
export type ParseSymbolRequest = z.infer<typeof parseSymbolRequestSchema>

/** The 200 answer of `POST /api/symbols/parse`. */
export type ParseSymbolResponse = z.infer<typeof parseSymbolResponseSchema>
