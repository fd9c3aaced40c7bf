/**
 * The head of the notice page as an official document shows it: symbol and date of issue on the
 * right, then the issuing body, the title and the revision, centred. It is drawn from the shared
 * metadata (edited in the details panel), not from the text.
 */
import { useLocale } from '../i18n/LocaleProvider'
import { formatIsoDate } from './iso-date'
import type { SharedMeta } from './use-shared-meta'

/** The notice's printed header; `onFillIn` takes the user to the details form when it is still empty. */
export function NoticeHeader({ meta, onFillIn }: { meta: SharedMeta; onFillIn: () => void }) {
  const { t } = useLocale()
  const language = meta.language ?? 'en'
  const issued = meta.issueDate ? formatIsoDate(meta.issueDate, language) : ''
  if (!meta.symbol && !issued && !meta.issuingBody && !meta.title && !meta.revisionLabel) {
    return (
      <div className="notice-header notice-header--empty">
        <p>{t.headerEmpty}</p>
        <button type="button" className="button" onClick={onFillIn}>
          {t.fillHeader}
        </button>
      </div>
    )
  }
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
