/**
 * "Preview draft": the live notice rendered as the exports render it, marked DRAFT, opened in a new
 * tab as PDF or HTML. For editors, who check the layout before they freeze a revision.
 */

import { DRAFT_PREVIEW_FORMATS, draftExportUrl } from '@convene/protocol'
import { useLocale } from '../i18n/LocaleProvider'

/** Links that open the draft preview of notice `noticeId`. */
export function DraftPreview({ noticeId }: { noticeId: string }) {
  const { t } = useLocale()
  const words = t.revisions.export
  return (
    <div className="draft-preview">
      <span className="draft-preview__label" id={`draft-preview-${noticeId}`}>
        {words.previewDraft}
      </span>
      {DRAFT_PREVIEW_FORMATS.map((format) => (
        <a
          key={format}
          className="button button--small"
          href={draftExportUrl(noticeId, format)}
          target="_blank"
          rel="noopener"
          aria-label={words.previewDraftIn(words.formats[format])}
          data-tip={words.previewDraftHint}
        >
          {format.toUpperCase()}
        </a>
      ))}
    </div>
  )
}
