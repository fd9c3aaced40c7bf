/**
 * Metadata made whole for the renderers: a revision or a live notice may lack fields (a notice
 * created before a field existed, a live map mid-edit), and every exporter reads them as not set.
 * @module
 */
import { blankNoticeMeta, isNoticeLanguage, type NoticeMeta } from '@convene/schema'

/**
 * `meta` with every missing field as in a blank notice of its language (English when the language
 * is missing or unknown). Present fields are kept as they are: a stored notice is never refused here.
 */
export function wholeNoticeMeta(meta: Partial<NoticeMeta>): NoticeMeta {
  const language = isNoticeLanguage(meta.language) ? meta.language : 'en'
  return { ...blankNoticeMeta(language), ...meta, language }
}
