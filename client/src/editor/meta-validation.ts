/**
 * Validation of one notice metadata field with the schema's `noticeMetaSchema`, turned into a
 * message in the interface language (the schema's own messages are for developers and logs).
 */
import { type NoticeMeta, noticeMetaSchema, parseSymbol, SymbolError } from '@convene/schema'
import type { Messages } from '../i18n/messages'

/** How each metadata field is edited. */
export const META_FIELD_KINDS = {
  organisation: 'organisation',
  issuingBody: 'text',
  symbol: 'symbol',
  issueDate: 'date',
  language: 'language',
  revisionLabel: 'text',
  title: 'text',
  meetingDate: 'date',
  meetingTime: 'time',
  duration: 'text',
  mode: 'mode',
  logistics: 'logistics',
  place: 'text',
  platform: 'text',
  coordinator: 'text',
} as const satisfies Record<keyof NoticeMeta, string>

/** The error message for `value` in `field`, or '' when the schema accepts it. */
export function metaFieldError(field: keyof NoticeMeta, value: string, t: Messages): string {
  const result = noticeMetaSchema.shape[field].safeParse(value)
  if (result.success) return ''
  switch (META_FIELD_KINDS[field]) {
    case 'date':
      return t.invalidDate
    case 'time':
      return t.invalidTime
    case 'language':
    case 'mode':
    case 'organisation':
    case 'logistics':
      return t.invalidChoice
    case 'symbol':
      try {
        parseSymbol(value)
      } catch (error) {
        if (error instanceof SymbolError) return t.symbolInvalid(error.part || value)
        throw error
      }
      return t.invalidValue(result.error.issues[0]?.message ?? '')
    default:
      return t.invalidValue(result.error.issues[0]?.message ?? '')
  }
}
