/**
 * The bodies of `POST /api/notices/import`: the request is the file itself (its media type in
 * `Content-Type`) with the query `?preview=1`, `?language=`, `?organisation=`; the answer is the
 * recognised notice and the import report (200 for a preview, 201 with the new notice's id).
 */
import { NOTICE_LANGUAGES, noticeMetaSchema, ORGANISATIONS, organisationNamed } from '@convene/schema'
import { z } from 'zod'
import { noticeContentSchema } from './notices'

/** The query of an import: preview only (nothing stored) when `preview` is 1 or true; language and organisation instead of the guesses. */
export const importNoticeQuerySchema = z.strictObject({
  preview: z.enum(['1', 'true', '0', 'false', '']).optional(),
  language: z.enum(NOTICE_LANGUAGES).optional(),
  organisation: z
    .string()
    .transform((value, context) => {
      const named = organisationNamed(value)
      if (!named) {
        context.issues.push({
          code: 'custom',
          message: `expected one of ${ORGANISATIONS.join(', ')}, got ${JSON.stringify(value)}`,
          input: value,
        })
        return z.NEVER
      }
      return named
    })
    .optional(),
})

/** What an import recognised, dropped and warns about. Counts are numbers of nodes in `content`. */
export const importReportSchema = z.strictObject({
  format: z.enum(['text', 'html', 'docx', 'pdf']),
  language: z.enum(NOTICE_LANGUAGES),
  organisation: z.enum(ORGANISATIONS),
  items: z.number().int().min(0),
  headings: z.number().int().min(0),
  speakers: z.number().int().min(0),
  symbols: z.number().int().min(0),
  footnotes: z.number().int().min(0),
  /** Source lines left out as page furniture, each with why (a page number, a running header, the table of contents). */
  dropped: z.array(z.strictObject({ text: z.string(), why: z.string() })),
  /** Source header lines that became metadata fields rather than content. */
  header: z.array(z.strictObject({ text: z.string(), field: z.string() })),
  /** What a person should check; `at` quotes the start of the text concerned. */
  warnings: z.array(z.strictObject({ message: z.string(), at: z.string() })),
})

/** `POST /api/notices/import?preview=1` (200): the notice as it would be created, and the report. */
export const importPreviewResponseSchema = z.strictObject({
  meta: noticeMetaSchema,
  content: noticeContentSchema,
  report: importReportSchema,
})

/** `POST /api/notices/import` (201): the created notice, the caller its owner, and the report. */
export const importCreatedResponseSchema = importPreviewResponseSchema.extend({
  id: z.string(),
  role: z.literal('owner'),
})

/** The query of `POST /api/notices/import`. */
export type ImportNoticeQuery = z.infer<typeof importNoticeQuerySchema>
/** The import report. */
export type ImportReportBody = z.infer<typeof importReportSchema>
/** The 200 answer of a preview. */
export type ImportPreviewResponse = z.infer<typeof importPreviewResponseSchema>
/** The 201 answer of an import. */
export type ImportCreatedResponse = z.infer<typeof importCreatedResponseSchema>
