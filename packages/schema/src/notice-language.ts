/**
 * The languages a notice can be written in (the WTO's three working languages), shared by metadata,
 * document-symbol links and the client's language switch.
 */

/** The languages of a notice: English, French, Spanish. */
export const NOTICE_LANGUAGES = ['en', 'fr', 'es'] as const

/** A notice language code. */
export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number]

/** Whether `value` is one of {@link NOTICE_LANGUAGES}. */
export function isNoticeLanguage(value: unknown): value is NoticeLanguage {
  return typeof value === 'string' && (NOTICE_LANGUAGES as readonly string[]).includes(value)
}
