/**
 * Notice metadata (header and logistics): one zod schema that types it and validates it at every
 * boundary, with errors that name the field, so that an HTTP 400 tells the user what to fix.
 * Every field is a string (the Yjs meta map stores one string per field); '' means "not set".
 */
import { z } from 'zod'
import { NOTICE_LANGUAGES, type NoticeLanguage } from './notice-language'
import { DEFAULT_ORGANISATION, ORGANISATIONS } from './organisations'
import { parseSymbol, SymbolError } from './symbol-grammar'

/** How a meeting is held. */
export const MEETING_MODES = ['in-person', 'virtual', 'hybrid'] as const

/** A meeting mode. */
export type MeetingMode = (typeof MEETING_MODES)[number]

/**
 * Whether the notice prints the block of meeting details (date, time, duration, mode, place,
 * platform) after its header: many notices say all of it in their first paragraph instead.
 */
export const LOGISTICS_DISPLAYS = ['shown', 'hidden'] as const

/** Whether the meeting details block is printed. */
export type LogisticsDisplay = (typeof LOGISTICS_DISPLAYS)[number]

/** The longest value a metadata field accepts, in UTF-16 code units. */
export const META_FIELD_MAX_LENGTH = 1000

const show = (value: unknown): string =>
  value === undefined
    ? 'nothing'
    : value === null
      ? 'null'
      : typeof value === 'string'
        ? JSON.stringify(value)
        : typeof value

const text = () =>
  z
    .string({ error: (issue) => `expected a string, got ${show(issue.input)}` })
    .max(META_FIELD_MAX_LENGTH, { error: `must be at most ${META_FIELD_MAX_LENGTH} characters long` })

/** Whether `value` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

const date = () =>
  text().refine((value) => value === '' || isIsoDate(value), {
    error: (issue) => `expected a date as YYYY-MM-DD, got ${show(issue.input)}`,
  })

const time = () =>
  text().refine((value) => value === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(value), {
    error: (issue) => `expected a time as HH:MM (24-hour clock), got ${show(issue.input)}`,
  })

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    error: (issue) =>
      `expected one of ${values.map((value) => JSON.stringify(value)).join(', ')}, got ${show(issue.input)}`,
  })

// The notice's own symbol follows its organisation's rules; a patch may change the symbol alone, so
// the field accepts a symbol valid for some organisation and names the WTO's objection otherwise.
const symbol = () =>
  text().check((context) => {
    if (context.value === '') return
    try {
      parseSymbol(context.value)
    } catch (error) {
      if (!(error instanceof SymbolError)) throw error
      const elsewhere = ORGANISATIONS.some((organisation) => {
        try {
          parseSymbol(context.value, organisation)
          return true
        } catch {
          return false
        }
      })
      if (!elsewhere) context.issues.push({ code: 'custom', message: error.message, input: context.value })
    }
  })

/**
 * The notice metadata: header (issuing body, symbol, issue date, language, revision label, title)
 * and logistics (meeting date and time, duration, mode, place, platform, coordinator). Dates are
 * YYYY-MM-DD, the time HH:MM, the symbol a valid document symbol; unknown fields are rejected.
 */
export const noticeMetaSchema = z.strictObject({
  organisation: oneOf(ORGANISATIONS),
  issuingBody: text(),
  symbol: symbol(),
  issueDate: date(),
  language: oneOf(NOTICE_LANGUAGES),
  revisionLabel: text(),
  title: text(),
  meetingDate: date(),
  meetingTime: time(),
  duration: text(),
  mode: oneOf(MEETING_MODES),
  logistics: oneOf(LOGISTICS_DISPLAYS),
  place: text(),
  platform: text(),
  coordinator: text(),
})

/** Validated notice metadata. */
export type NoticeMeta = z.infer<typeof noticeMetaSchema>

/** The names of the metadata fields, in display order (also the keys of the Yjs meta map). */
export const NOTICE_META_FIELDS = Object.keys(noticeMetaSchema.shape) as (keyof NoticeMeta)[]

/** A change to some metadata fields: each present field validated as in {@link noticeMetaSchema}, unknown fields rejected. */
export const noticeMetaPatchSchema = noticeMetaSchema.partial()

/** A validated metadata patch. */
export type NoticeMetaPatch = z.infer<typeof noticeMetaPatchSchema>

/** One problem found in metadata: the field (or '' for the input as a whole) and what is wrong with it. */
export type MetaIssue = { field: string; message: string }

/** Thrown for invalid metadata; the message names each bad field, `field` is the first one. */
export class MetaError extends Error {
  /** The first invalid field ('' when the input is not an object at all). */
  readonly field: string
  /** Every problem found, one per field. */
  readonly issues: MetaIssue[]

  constructor(issues: MetaIssue[]) {
    const described = issues.map((issue) =>
      issue.field === '' ? issue.message : `${issue.field}: ${issue.message}`,
    )
    super(`Invalid notice metadata: ${described.join('; ')}`)
    this.name = 'MetaError'
    this.issues = issues
    this.field = issues[0]?.field ?? ''
  }
}

function toMetaError(error: z.ZodError, input: unknown): MetaError {
  const issues: MetaIssue[] = []
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        issues.push({ field: key, message: `unknown field ${JSON.stringify(key)}` })
    } else if (issue.path.length === 0) {
      issues.push({ field: '', message: `expected an object of metadata fields, got ${show(input)}` })
    } else {
      issues.push({ field: issue.path.map(String).join('.'), message: issue.message })
    }
  }
  return new MetaError(issues)
}

/** Validates complete notice metadata; throws {@link MetaError} naming every bad, missing or unknown field. */
export function parseNoticeMeta(input: unknown): NoticeMeta {
  const result = noticeMetaSchema.safeParse(input)
  if (!result.success) throw toMetaError(result.error, input)
  return result.data
}

/** Validates a metadata patch (some fields); throws {@link MetaError} naming every bad or unknown field. */
export function parseNoticeMetaPatch(input: unknown): NoticeMetaPatch {
  const result = noticeMetaPatchSchema.safeParse(input)
  if (!result.success) throw toMetaError(result.error, input)
  return result.data
}

/** Metadata of a new, empty notice in `language`: every text field '', an in-person meeting. */
export function blankNoticeMeta(language: NoticeLanguage = 'en'): NoticeMeta {
  return {
    organisation: DEFAULT_ORGANISATION,
    issuingBody: '',
    symbol: '',
    issueDate: '',
    language,
    revisionLabel: '',
    title: '',
    meetingDate: '',
    meetingTime: '',
    duration: '',
    mode: 'in-person',
    logistics: 'shown',
    place: '',
    platform: '',
    coordinator: '',
  }
}
