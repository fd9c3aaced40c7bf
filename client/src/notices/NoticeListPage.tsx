/**
 * The home page, the notice library: the notices searched (title, symbol, meeting date, any text),
 * filtered by status and language, sorted, with their meeting date, latest frozen label and who is
 * editing now; each can start the next meeting's notice, be archived or deleted. Above them, the two
 * ways to start a new one (a copy of the sample notice, or a blank notice in a chosen language).
 */
import {
  NOTICE_SORTS,
  NOTICE_STATUSES,
  type NoticeListItem,
  type NoticeListQuery,
  type NoticeSort,
  type NoticeStatus,
} from '@convene/protocol'
import { isNoticeLanguage, type NoticeLanguage, type NoticeMeta } from '@convene/schema'
import { useCallback, useEffect, useId, useState } from 'react'
import { useLocale } from '../i18n/LocaleProvider'
import { Link } from '../router/Link'
import { navigate, noticePath } from '../router/routes'
import { AppHeader } from '../ui/AppHeader'
import { Icon } from '../ui/Icon'
import { NoticeLanguageOptions } from '../ui/NoticeLanguageOptions'
import { ImportPanel } from './ImportPanel'
import { NextMeetingDialog } from './NextMeetingDialog'
import {
  archiveNotice,
  createNotice,
  deleteNotice,
  getNotice,
  listLibrary,
  type NoticeRecord,
} from './notices-api'

type Load =
  | { state: 'loading' }
  | { state: 'ready'; notices: NoticeListItem[] }
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
  const filterIds = { search: useId(), status: useId(), language: useId(), sort: useId(), hint: useId() }
  const [typed, setTyped] = useState('')
  const [query, setQuery] = useState<NoticeListQuery>({})
  const [actionError, setActionError] = useState('')
  const [nextFrom, setNextFrom] = useState<NoticeRecord | null>(null)

  // The search follows typing after a pause, so each keystroke does not ask the server.
  useEffect(() => {
    const timer = setTimeout(
      () => setQuery((previous) => ({ ...previous, q: typed.trim() || undefined })),
      250,
    )
    return () => clearTimeout(timer)
  }, [typed])
  const [dropped, setDropped] = useState<File | null>(null)
  const [dragging, setDragging] = useState(false)

  const refresh = useCallback(() => {
    listLibrary(query).then(
      (notices) => setLoad({ state: 'ready', notices }),
      (error: unknown) => setLoad({ state: 'failed', message: errorText(error) }),
    )
  }, [query])
  useEffect(refresh, [refresh])

  const act = async (work: () => Promise<unknown>) => {
    setActionError('')
    try {
      await work()
      refresh()
    } catch (error) {
      setActionError(t.library.actionFailed(errorText(error)))
    }
  }
  const titleOf = (notice: NoticeListItem) => notice.title || t.untitled
  const remove = (notice: NoticeListItem) => {
    if (window.confirm(t.library.confirmDelete(titleOf(notice)))) void act(() => deleteNotice(notice.id))
  }
  const startNext = (notice: NoticeListItem) => void act(async () => setNextFrom(await getNotice(notice.id)))
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
  const notices = load.state === 'ready' ? load.notices : []
  const words = t.library

  return (
    <div className="plain-page">
      <AppHeader />
      <main
        id="main"
        className={`plain-page__main list-page${dragging ? ' list-page--dropping' : ''}`}
        tabIndex={-1}
        onDragOver={(event) => {
          if (!event.dataTransfer.types.includes('Files')) return
          event.preventDefault()
          setDragging(true)
        }}
        onDragLeave={(event) => {
          if (event.currentTarget === event.target) setDragging(false)
        }}
        onDrop={(event) => {
          const file = event.dataTransfer.files[0]
          if (!file) return
          event.preventDefault()
          setDragging(false)
          setDropped(file)
        }}
      >
        {dragging && (
          <p className="list-page__drop" aria-live="polite">
            {t.importing.dropHere}
          </p>
        )}
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
              <NoticeLanguageOptions />
            </select>
          </div>
          <ImportPanel dropped={dropped} />
          {createError && (
            <p className="form-error" role="alert">
              {createError}
            </p>
          )}
        </section>

        <search className="library-filters" aria-label={words.search}>
          <div className="library-filters__search field">
            <label htmlFor={filterIds.search} className="field__label">
              {words.search}
            </label>
            <input
              id={filterIds.search}
              type="search"
              className="field__input"
              value={typed}
              aria-describedby={filterIds.hint}
              onChange={(event) => setTyped(event.target.value)}
            />
            <p id={filterIds.hint} className="field__hint">
              {words.searchHint}
            </p>
          </div>
          <div className="field">
            <label htmlFor={filterIds.status} className="field__label">
              {words.status}
            </label>
            <select
              id={filterIds.status}
              className="select"
              value={query.status ?? ''}
              onChange={(event) =>
                setQuery((previous) => ({
                  ...previous,
                  status: (NOTICE_STATUSES as readonly string[]).includes(event.target.value)
                    ? (event.target.value as NoticeStatus)
                    : undefined,
                }))
              }
            >
              <option value="">{words.statusAll}</option>
              {NOTICE_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {words.statuses[status]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={filterIds.language} className="field__label">
              {words.language}
            </label>
            <select
              id={filterIds.language}
              className="select"
              value={query.language ?? ''}
              onChange={(event) =>
                setQuery((previous) => ({ ...previous, language: event.target.value || undefined }))
              }
            >
              <option value="">{words.languageAll}</option>
              <NoticeLanguageOptions />
            </select>
          </div>
          <div className="field">
            <label htmlFor={filterIds.sort} className="field__label">
              {words.sort}
            </label>
            <select
              id={filterIds.sort}
              className="select"
              value={query.sort ?? 'updated'}
              onChange={(event) =>
                setQuery((previous) => ({
                  ...previous,
                  sort: (NOTICE_SORTS as readonly string[]).includes(event.target.value)
                    ? (event.target.value as NoticeSort)
                    : undefined,
                }))
              }
            >
              {NOTICE_SORTS.map((sort) => (
                <option key={sort} value={sort}>
                  {words.sorts[sort]}
                </option>
              ))}
            </select>
          </div>
          <label className="library-filters__archived">
            <input
              type="checkbox"
              checked={query.archived === 'include'}
              onChange={(event) =>
                setQuery((previous) => ({
                  ...previous,
                  archived: event.target.checked ? 'include' : undefined,
                }))
              }
            />
            {words.showArchived}
          </label>
        </search>
        {load.state === 'ready' && (
          <p className="list-page__count" role="status">
            {words.count(notices.length)}
          </p>
        )}
        {actionError && (
          <p className="form-error" role="alert">
            {actionError}
          </p>
        )}

        {load.state === 'loading' && <p className="list-page__status">{t.loading}</p>}
        {load.state === 'failed' && (
          <div className="list-page__status" role="alert">
            <p>{t.loadFailed(load.message)}</p>
            <button type="button" className="button" onClick={refresh}>
              {t.retry}
            </button>
          </div>
        )}
        {load.state === 'ready' && notices.length === 0 && (
          <p className="list-page__status">
            {query.q || query.status || query.language ? words.noMatch : t.noNotices}
          </p>
        )}
        {notices.length > 0 && (
          <table className="notice-table">
            <caption className="visually-hidden">{t.listTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{t.columnTitle}</th>
                <th scope="col">{t.columnSymbol}</th>
                <th scope="col">{words.columnMeeting}</th>
                <th scope="col">{words.columnFrozen}</th>
                <th scope="col">{words.columnEditing}</th>
                <th scope="col">{t.columnUpdated}</th>
                <th scope="col">
                  <span className="visually-hidden">{words.columnActions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {notices.map((notice) => (
                <tr
                  key={notice.id}
                  data-notice-id={notice.id}
                  className={notice.archived ? 'is-archived' : undefined}
                >
                  <td data-label={t.columnTitle}>
                    <Link href={noticePath(notice.id)} className="notice-table__link">
                      {titleOf(notice)}
                    </Link>
                    <span className="notice-table__language">
                      {isNoticeLanguage(notice.language)
                        ? t.noticeLanguages[notice.language]
                        : notice.language}
                      {notice.archived && ` · ${words.archived}`}
                    </span>
                  </td>
                  <td className="notice-table__symbol" data-label={t.columnSymbol}>
                    {notice.symbol}
                  </td>
                  <td data-label={words.columnMeeting}>
                    {notice.meetingDate && (
                      <time dateTime={notice.meetingDate}>{formatDay(locale, notice.meetingDate)}</time>
                    )}
                  </td>
                  <td data-label={words.columnFrozen}>
                    {notice.latestFrozenLabel ?? (
                      <span className="notice-table__muted">{words.notFrozen}</span>
                    )}
                  </td>
                  <td data-label={words.columnEditing}>
                    {notice.editing.length > 0
                      ? notice.editing.map((person) => person.name).join(', ')
                      : words.nobody}
                  </td>
                  <td className="notice-table__date" data-label={t.columnUpdated}>
                    <time dateTime={notice.updatedAt}>{formatDate(dateFormat, notice.updatedAt)}</time>
                  </td>
                  <td className="notice-table__actions">
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={words.duplicate(titleOf(notice))}
                      title={words.duplicate(titleOf(notice))}
                      onClick={() => startNext(notice)}
                    >
                      <Icon name="plus" />
                    </button>
                    {(notice.role === 'owner' || notice.role === 'editor') && (
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={
                          notice.archived ? words.unarchive(titleOf(notice)) : words.archive(titleOf(notice))
                        }
                        onClick={() => void act(() => archiveNotice(notice.id, !notice.archived))}
                      >
                        {notice.archived ? words.unarchiveShort : words.archiveShort}
                      </button>
                    )}
                    {notice.role === 'owner' && (
                      <button
                        type="button"
                        className="button button--small button--danger"
                        onClick={() => remove(notice)}
                      >
                        {words.remove(titleOf(notice))}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
      {nextFrom && (
        <NextMeetingDialog
          noticeId={nextFrom.id}
          source={{ meta: nextFrom.meta as Partial<NoticeMeta>, content: nextFrom.content }}
          onClose={() => setNextFrom(null)}
        />
      )}
    </div>
  )
}

function formatDay(locale: string, isoDay: string): string {
  const date = new Date(`${isoDay}T00:00:00Z`)
  return Number.isNaN(date.getTime())
    ? isoDay
    : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date)
}

function formatDate(format: Intl.DateTimeFormat, iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : format.format(date)
}
