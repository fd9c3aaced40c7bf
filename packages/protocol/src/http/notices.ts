/**
 * The body shapes of the notices routes that make a notice from another: `POST
 * /api/notices/:id/duplicate` ("New notice from this one") and its answer.
 */
import { z } from 'zod'

/** The longest list of agenda item ids a duplicate request may name (a notice's item limit). */
export const MAX_KEPT_ITEMS = 2000

/**
 * The request: the revision to start from (default the live notice), the new meeting's date and
 * time and the new notice's symbol (each validated as notice metadata), and the agenda items to
 * keep besides the recurring ones (default all).
 */
export const duplicateNoticeRequestSchema = z.strictObject({
  fromRevision: z.number().int().min(1).optional(),
  meetingDate: z.string().max(1000).optional(),
  meetingTime: z.string().max(1000).optional(),
  symbol: z.string().max(1000).optional(),
  keepItems: z.array(z.string().max(1000)).max(MAX_KEPT_ITEMS).optional(),
})

/** Where a notice was made from: a notice and, when it was one of its revisions, that revision. */
export const noticeOriginSchema = z.strictObject({
  notice: z.string(),
  revision: z.number().int().nullable(),
})

/** The 201 answer: the new notice (its caller is its owner) and where it came from. */
export const duplicateNoticeResponseSchema = z.strictObject({
  id: z.string(),
  meta: z.record(z.string(), z.string()),
  content: z.record(z.string(), z.unknown()),
  role: z.literal('owner'),
  duplicatedFrom: noticeOriginSchema,
})

/** The request body of `POST /api/notices/:id/duplicate`. */
export type DuplicateNoticeRequest = z.infer<typeof duplicateNoticeRequestSchema>

/** Where a notice was made from. */
export type NoticeOrigin = z.infer<typeof noticeOriginSchema>

/** The 201 answer of `POST /api/notices/:id/duplicate`. */
export type DuplicateNoticeResponse = z.infer<typeof duplicateNoticeResponseSchema>
