/**
 * The home page: every notice, most recently changed first, and the two ways to start a new one
 * (a copy of the sample notice, or a blank notice in a chosen language).
 */
import { isNoticeLanguage, NOTICE_LANGUAGES, type NoticeLanguage } from '@convene/schema'
import { useCallback, useEffect, useId, useState } from 'react'
import { useLocale } from '../i18n/LocaleProvider'
import { Link } from '../router/Link'
import { navigate, noticePath } from '../router/routes'
import { AppHeader } from '../ui/AppHeader'
import { Icon } from '../ui/Icon'
import { createNotice, listNotices, type NoticeSummary } from './notices-api'

type Load =
  | { state: 'loading' }
  | { state: 'ready'; notices: NoticeSummary[] }
  | { state: 'failed'; message: string }

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The list of notices. */
export function NoticeListPage() {
  const { t, locale } = useLocale()
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [creating, setCreating] = useState<'sample' | 'blank' | null>(null)
  const [createError, setCreateError] = useState('')
  const [blankLanguage, setBlankLanguage] = useState<NoticeLanguage>(locale)
  const languageId = useId()

  const refresh = useCallback(() => {
    setLoad({ state: 'loading' })
    listNotices().then(
      (notices) => setLoad({ state: 'ready', notices }),
      (error: unknown) => setLoad({ state: 'failed', message: errorText(error) }),
    )
  }, [])
  useEffect(refresh, [refresh])
  useEffect(() => {
    document.title = `${t.listTitle} · ${t.appName}`
  }, [t])

  const create = async (from: 'sample' | 'blank') => {
    setCreating(from)
    setCreateError('')
    try {
      const notice = await createNotice(from === 'blank' ? { from, language: blankLanguage } : { from })
      navigate(noticePath(notice.id))
    } catch (error) {
      setCreateError(t.createFailed(errorText(error)))
      setCreating(null)
    }
  }

  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
  const notices =
    load.state === 'ready' ? [...load.notices].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)) : []

  return (
    <div className="plain-page">
      <AppHeader />
      <main id="main" className="plain-page__main list-page" tabIndex={-1}>
        <div className="list-page__head">
          <div>
            <h1 className="list-page__title">{t.listTitle}</h1>
            <p className="list-page__intro">{t.listIntro}</p>
          </div>
        </div>

        <section className="create-panel" aria-label={t.newBlank}>
          <div className="create-panel__option">
            <button
              type="button"
              className="button button--primary"
              disabled={creating !== null}
              onClick={() => create('sample')}
            >
              <Icon name="plus" />
              {creating === 'sample' ? t.creating : t.newFromSample}
            </button>
            <span className="create-panel__hint">{t.newFromSampleHint}</span>
          </div>
          <div className="create-panel__option">
            <button
              type="button"
              className="button"
              disabled={creating !== null}
              onClick={() => create('blank')}
            >
              <Icon name="plus" />
              {creating === 'blank' ? t.creating : t.newBlank}
            </button>
            <label htmlFor={languageId} className="create-panel__hint">
              {t.newBlankLanguage}
            </label>
            <select
              id={languageId}
              className="select select--small"
              value={blankLanguage}
              onChange={(event) => {
                if (isNoticeLanguage(event.target.value)) setBlankLanguage(event.target.value)
              }}
            >
              {NOTICE_LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {t.noticeLanguages[code]}
                </option>
              ))}
            </select>
          </div>
          {createError && (
            <p className="form-error" role="alert">
              {createError}
            </p>
          )}
        </section>

        {load.state === 'loading' && <p className="list-page__status">{t.loading}</p>}
        {load.state === 'failed' && (
          <div className="list-page__status" role="alert">
            <p>{t.loadFailed(load.message)}</p>
            <button type="button" className="button" onClick={refresh}>
              {t.retry}
            </button>
          </div>
        )}
        {load.state === 'ready' && notices.length === 0 && <p className="list-page__status">{t.noNotices}</p>}
        {notices.length > 0 && (
          <table className="notice-table">
            <caption className="visually-hidden">{t.listTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{t.columnTitle}</th>
                <th scope="col">{t.columnSymbol}</th>
                <th scope="col">{t.columnLanguage}</th>
                <th scope="col">{t.columnUpdated}</th>
              </tr>
            </thead>
            <tbody>
              {notices.map((notice) => (
                <tr key={notice.id}>
                  <td>
                    <Link href={noticePath(notice.id)} className="notice-table__link">
                      {notice.title || t.untitled}
                    </Link>
                  </td>
                  <td className="notice-table__symbol">{notice.symbol}</td>
                  <td>
                    {isNoticeLanguage(notice.language) ? t.noticeLanguages[notice.language] : notice.language}
                  </td>
                  <td className="notice-table__date">
                    <time dateTime={notice.updatedAt}>{formatDate(dateFormat, notice.updatedAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
    </div>
  )
}

function formatDate(format: Intl.DateTimeFormat, iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : format.format(date)
}
