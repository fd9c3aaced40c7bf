/**
 * The body shapes of the speakers' directory routes: `GET /api/speakers` (search by name,
 * organisation or delegation, accents and case ignored), `PATCH /api/speakers/:id` and
 * `POST /api/speakers/:id/apply` (copy a person's fields into the open drafts that name them).
 */
import { z } from 'zod'

/** The query of `GET /api/speakers`: `q` words, and the directory (the notices' organisation, `WTO`). */
export const speakerSearchQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  organisation: z.string().max(20).optional(),
})

const field = () => z.string().max(1000)

/** One person of the directory; `function` is what speaker nodes call `role`. */
export const directorySpeakerSchema = z.strictObject({
  id: z.string(),
  /** The organisation whose directory holds the person. */
  directory: z.string(),
  honorific: z.string(),
  name: z.string(),
  function: z.string(),
  preposition: z.string(),
  organisation: z.string(),
  delegation: z.string(),
  /** The notices the caller can read that name the person. */
  notices: z.array(z.string()),
})

/** The answer of `GET /api/speakers`. */
export const speakerSearchResponseSchema = z.strictObject({ speakers: z.array(directorySpeakerSchema) })

/** The body of `PATCH /api/speakers/:id`: the fields to change (the name too; the person stays the same). */
export const speakerPatchSchema = z.strictObject({
  honorific: field().optional(),
  name: field().min(1).optional(),
  function: field().optional(),
  preposition: field().optional(),
  organisation: field().optional(),
  delegation: field().optional(),
})

/** A live notice that names a person with fields that differ from the directory's. */
export const speakerDraftSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  symbol: z.string(),
  /** How many of its speaker nodes name the person with other fields. */
  mentions: z.number().int().min(1),
})

/**
 * The answer of `PATCH /api/speakers/:id`: the person after, and the open drafts the caller may edit
 * that still print the person otherwise (to offer updating them).
 */
export const speakerPatchResponseSchema = z.strictObject({
  speaker: directorySpeakerSchema,
  drafts: z.array(speakerDraftSchema),
})

/** The body of `POST /api/speakers/:id/apply`: the drafts to update. */
export const applySpeakerRequestSchema = z.strictObject({ notices: z.array(z.string()).max(500) })

/** The answer of `POST /api/speakers/:id/apply`: each draft updated and how many speaker nodes changed. */
export const applySpeakerResponseSchema = z.strictObject({
  updated: z.array(z.strictObject({ id: z.string(), mentions: z.number().int().min(0) })),
})

/** One person of the directory. */
export type DirectorySpeaker = z.infer<typeof directorySpeakerSchema>
/** The body of `PATCH /api/speakers/:id`. */
export type SpeakerPatch = z.infer<typeof speakerPatchSchema>
/** A draft still printing a person otherwise. */
export type SpeakerDraft = z.infer<typeof speakerDraftSchema>
/** The answer of `PATCH /api/speakers/:id`. */
export type SpeakerPatchResponse = z.infer<typeof speakerPatchResponseSchema>
/** The answer of `POST /api/speakers/:id/apply`. */
export type ApplySpeakerResponse = z.infer<typeof applySpeakerResponseSchema>
