/**
 * The bodies of the notices API (`/api/notices`): the library list (searched, filtered, sorted),
 * creating a notice, reading one, patching its metadata, archiving, and making one from another
 * (`POST /api/notices/:id/duplicate`, "New notice from this one"). Every notice answer carries the
 * caller's role on it.
 */
import { NOTICE_LANGUAGES, type NoticeSnapshot, noticeMetaPatchSchema } from '@convene/schema'
import { z } from 'zod'
import { roleSchema } from './roles'

/** A notice's content as Tiptap JSON: a `doc` node (its meaning is checked by @convene/schema, not here). */
export const noticeContentSchema = z.custom<NoticeSnapshot['content']>(
  (value) => typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'doc',
  { error: 'expected a notice document (Tiptap JSON of type "doc")' },
)

/** One row of `GET /api/notices`. */
export const noticeSummarySchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  symbol: z.string(),
  /** The notice's language code as stored (en, fr, es for every notice written by this server). */
  language: z.string(),
  /** ISO 8601. */
  updatedAt: z.iso.datetime(),
  role: roleSchema,
})

/** `GET /api/notices`: the notices the caller has a role on (administrators: all). */
export const noticeListSchema = z.array(noticeSummarySchema)

/** The body of `POST /api/notices`; `meta` is checked field by field as a metadata patch (400 naming `meta.<field>`). */
export const createNoticeRequestSchema = z
  .strictObject({
    from: z.enum(['sample', 'blank']).optional(),
    language: z.enum(NOTICE_LANGUAGES).optional(),
    meta: z.record(z.string(), z.unknown()).optional(),
  })
  .optional()

/** The body of `PATCH /api/notices/:id`: the metadata fields to change. */
export const patchNoticeRequestSchema = noticeMetaPatchSchema

/** A whole notice: `PATCH /api/notices/:id`, and `POST /api/notices` (201). */
export const noticeRecordSchema = z.strictObject({
  id: z.string(),
  meta: noticeMetaPatchSchema,
  content: noticeContentSchema,
  role: roleSchema,
})

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

/** `GET /api/notices/:id`: the whole notice, and where it was made from (null: made new). */
export const noticeDetailSchema = noticeRecordSchema.extend({ duplicatedFrom: noticeOriginSchema.nullable() })

/** One row of {@link noticeListSchema}. */
export type NoticeSummary = z.infer<typeof noticeSummarySchema>
/** The body of `POST /api/notices`. */
export type CreateNoticeRequest = z.infer<typeof createNoticeRequestSchema>
/** A whole notice with the caller's role. */
export type NoticeRecord = z.infer<typeof noticeRecordSchema>
/** A whole notice with where it was made from. */
export type NoticeDetail = z.infer<typeof noticeDetailSchema>
/** The request body of `POST /api/notices/:id/duplicate`. */
export type DuplicateNoticeRequest = z.infer<typeof duplicateNoticeRequestSchema>

/** Where a notice was made from. */
export type NoticeOrigin = z.infer<typeof noticeOriginSchema>

/** The 201 answer of `POST /api/notices/:id/duplicate`. */
export type DuplicateNoticeResponse = z.infer<typeof duplicateNoticeResponseSchema>

/** The statuses the notice library filters by: never frozen, frozen at least once, with open comment threads. */
export const NOTICE_STATUSES = ['draft', 'frozen', 'open-comments'] as const

/** How the notice library sorts: last change first, latest meeting first, or by title or symbol. */
export const NOTICE_SORTS = ['updated', 'meeting-date', 'title', 'symbol'] as const

/** Which notices the library lists by their archiving: not archived (default), all, or archived only. */
export const ARCHIVED_FILTERS = ['exclude', 'include', 'only'] as const

/**
 * The query of `GET /api/notices`: `q` searches title, symbol, meeting date, metadata and text
 * (every word, accents and case ignored); the other parameters filter and sort.
 */
export const noticeListQuerySchema = z.strictObject({
  q: z.string().max(500).optional(),
  status: z.enum(NOTICE_STATUSES).optional(),
  language: z.string().max(20).optional(),
  organisation: z.string().max(20).optional(),
  sort: z.enum(NOTICE_SORTS).optional(),
  archived: z.enum(ARCHIVED_FILTERS).optional(),
})

/** Somebody who has a notice open now, as their presence names them. */
export const noticeEditorSchema = z.strictObject({ name: z.string(), username: z.string() })

/** What the library adds to a row of the list. */
const libraryFields = {
  organisation: z.string(),
  /** YYYY-MM-DD or ''. */
  meetingDate: z.string(),
  /** The label of the latest frozen revision (`Rev.2`), null when never frozen. */
  latestFrozenLabel: z.string().nullable(),
  /** Comment threads not resolved. */
  openComments: z.number().int().min(0),
  archived: z.boolean(),
  /** Who has the notice open now. */
  editing: z.array(noticeEditorSchema),
  duplicatedFrom: noticeOriginSchema.nullable(),
}

/** One notice of the library list: its summary and what the library knows of it. */
export const noticeListItemSchema = noticeSummarySchema.extend(libraryFields)

/** `GET /api/notices` as the library serves it (a server without the library answers {@link noticeListSchema}). */
export const noticeLibraryListSchema = z.array(noticeListItemSchema)

/** The body of `POST /api/notices/:id/archive`: archive it, or with false bring it back. */
export const archiveNoticeRequestSchema = z.strictObject({ archived: z.boolean() })

/** The answer of `POST /api/notices/:id/archive`. */
export const archiveNoticeResponseSchema = z.strictObject({
  id: z.string(),
  archived: z.boolean(),
  /** ISO 8601, null when not archived. */
  archivedAt: z.string().nullable(),
})

/** A library status filter. */
export type NoticeStatus = (typeof NOTICE_STATUSES)[number]

/** A library sort order. */
export type NoticeSort = (typeof NOTICE_SORTS)[number]

/** The query of `GET /api/notices`. */
export type NoticeListQuery = z.infer<typeof noticeListQuerySchema>

/** One notice of `GET /api/notices`. */
export type NoticeListItem = z.infer<typeof noticeListItemSchema>

/** Somebody who has a notice open now. */
export type NoticeEditor = z.infer<typeof noticeEditorSchema>

/** The answer of `POST /api/notices/:id/archive`. */
export type ArchiveNoticeResponse = z.infer<typeof archiveNoticeResponseSchema>
