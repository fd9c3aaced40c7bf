/**
 * The head of the notice page as an official document shows it: symbol and date of issue on the
 * right, then the issuing body, the title and the revision, centred. It is drawn from the shared
 * metadata (edited in the details panel), not from the text.
 */
import { isIsoDate } from '@convene/schema'
import type { SharedMeta } from './use-shared-meta'

/** A YYYY-MM-DD date written out in `language` ("8 mars 2024"); other text is shown as it is. */
export function formatNoticeDate(value: string, language: string): string {
  if (!isIsoDate(value)) return value
  const [year, month, day] = value.split('-').map(Number)
  const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1))
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(date)
}

/** The notice's printed header. */
export function NoticeHeader({ meta }: { meta: SharedMeta }) {
  const language = meta.language ?? 'en'
  const issued = meta.issueDate ? formatNoticeDate(meta.issueDate, language) : ''
  return (
    <header className="notice-header">
      {(meta.symbol || issued) && (
        <div className="notice-header__reference">
          {meta.symbol && <div className="notice-header__symbol">{meta.symbol}</div>}
          {issued && <div className="notice-header__date">{issued}</div>}
        </div>
      )}
      {meta.issuingBody && <p className="notice-header__body">{meta.issuingBody}</p>}
      {meta.title && <p className="notice-header__title">{meta.title}</p>}
      {meta.revisionLabel && <p className="notice-header__revision">{meta.revisionLabel}</p>}
      <hr className="notice-header__rule" />
    </header>
  )
}
