/**
 * The bodies of the revisions API (`/api/notices/:id/revisions`, `/api/notices/:id/compare`):
 * the timeline, taking, reading, naming, freezing and restoring revisions, and comparing two
 * versions. A frozen revision's kind is `frozen`, whatever made it.
 */
import { type NoticeDiff, noticeMetaPatchSchema } from '@convene/schema'
import { z } from 'zod'
import type { REVISION_LABEL_MAX_LENGTH } from './field-limits'
import { noticeContentSchema } from './notices'

/** How the API shows a revision's kind: saved automatically, named by someone, or frozen for good. */
export const REVISION_KINDS = ['auto', 'named', 'frozen'] as const

/** One of {@link REVISION_KINDS}. */
export type RevisionKind = (typeof REVISION_KINDS)[number]

/**
 * A label as a request carries it. The server trims it and joins its white space before it checks
 * it (at most {@link REVISION_LABEL_MAX_LENGTH} characters, no control characters: 400 naming `label`).
 */
const labelInputSchema = z.string()

/** One revision as the API answers it: taking, naming and freezing one answer this. */
export const revisionSummarySchema = z.strictObject({
  rev: z.number().int().positive(),
  kind: z.enum(REVISION_KINDS),
  /** "Rev.1", "Before the chair's edits"; null for an unnamed automatic revision. */
  label: z.string().nullable(),
  frozen: z.boolean(),
  /** SHA-256 (hex) of the notice's canonical content at this revision. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The id of the account that made it, or null for the server (automatic revisions). */
  author: z.string().nullable(),
  /** ISO 8601. */
  createdAt: z.iso.datetime(),
})

/** One entry of the timeline: a revision and its author's display name (null: the server, or a deleted account). */
export const timelineEntrySchema = revisionSummarySchema.extend({ authorName: z.string().nullable() })

/** `GET /api/notices/:id/revisions`: newest first, with the label the next freeze proposes ("Rev.2"). */
export const revisionTimelineSchema = z.strictObject({
  revisions: z.array(timelineEntrySchema),
  nextFrozenLabel: z.string(),
})

/** `GET /api/notices/:id/revisions/:rev`: the revision with the notice as it was. */
export const revisionDetailSchema = revisionSummarySchema.extend({
  meta: noticeMetaPatchSchema,
  content: noticeContentSchema,
})

/** The body of `POST /api/notices/:id/revisions` (201 {@link revisionSummarySchema}); frozen at once with `freeze`. */
export const createRevisionRequestSchema = z
  .strictObject({ label: labelInputSchema.optional(), freeze: z.boolean().optional() })
  .optional()

/** The body of `POST /api/notices/:id/revisions/:rev/freeze`; without a label, the next Rev.n. */
export const freezeRevisionRequestSchema = z.strictObject({ label: labelInputSchema.optional() }).optional()

/** The body of `PATCH /api/notices/:id/revisions/:rev`: the new label, or null to remove it. */
export const labelRevisionRequestSchema = z.strictObject({ label: labelInputSchema.nullable() })

/** `POST /api/notices/:id/revisions/:rev/restore`: what the restore did. */
export const restoreResultSchema = z.strictObject({
  /** The revision restored. */
  restoredFrom: z.number().int().positive(),
  /** False when the live notice already read as that revision (nothing was done). */
  changed: z.boolean(),
  /** The revision of the notice just before the restore ("Before restoring rev N"). */
  before: revisionSummarySchema.nullable(),
  /** The revision of the notice just after it ("Restored rev N"). */
  revision: revisionSummarySchema.nullable(),
})

/** A version to compare: a revision number, or the live notice. */
export const compareSideSchema = z.union([z.number().int().positive(), z.literal('live')])

/** The structured diff of @convene/schema's `diffNotices`; its shape is that package's `NoticeDiff`. */
export const noticeDiffSchema = z.custom<NoticeDiff>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    ['meta', 'preamble', 'items', 'summary'].every((key) =>
      Array.isArray((value as Record<string, unknown>)[key]),
    ),
  { error: 'expected a notice diff (meta, preamble, items and summary lists)' },
)

/** `GET /api/notices/:id/compare?from=<rev>&to=<rev|live>`: both sides, and the diff from `from` to `to`. */
export const compareResultSchema = z.strictObject({
  from: z.strictObject({ rev: compareSideSchema, label: z.string().nullable(), hash: z.string() }),
  to: z.strictObject({ rev: compareSideSchema, label: z.string().nullable(), hash: z.string() }),
  diff: noticeDiffSchema,
})

/** One revision as the API answers it. */
export type RevisionSummary = z.infer<typeof revisionSummarySchema>
/** One entry of the timeline. */
export type TimelineEntry = z.infer<typeof timelineEntrySchema>
/** The timeline of a notice. */
export type RevisionTimeline = z.infer<typeof revisionTimelineSchema>
/** A revision with its content. */
export type RevisionDetail = z.infer<typeof revisionDetailSchema>
/** The body of taking a revision. */
export type CreateRevisionRequest = z.infer<typeof createRevisionRequestSchema>
/** What a restore did. */
export type RestoreResult = z.infer<typeof restoreResultSchema>
/** A version to compare. */
export type CompareSide = z.infer<typeof compareSideSchema>
/** The answer of a comparison. */
export type CompareResult = z.infer<typeof compareResultSchema>
