/**
 * The page of one notice (`/notices/:id`): checks that the notice exists, asks for a display name
 * if this browser has none yet, then opens the collaborative workspace.
 */
import { useEffect, useState } from 'react'
import { useLocale } from '../i18n/LocaleProvider'
import { useDisplayName } from '../identity/display-name'
import { NameDialog } from '../identity/NameDialog'
import { ApiError, getNotice } from '../notices/notices-api'
import { Link } from '../router/Link'
import { AppHeader } from '../ui/AppHeader'
import { NoticeWorkspace } from './NoticeWorkspace'

type Load =
  | { state: 'loading' }
  | { state: 'ready' }
  | { state: 'missing' }
  | { state: 'failed'; message: string }

/** The editor page of notice `id`. */
export function EditorPage({ id }: { id: string }) {
  const { t } = useLocale()
  const [name, setName] = useDisplayName()
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [attempt, setAttempt] = useState(0)

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the request when the user asks to try again.
  useEffect(() => {
    let current = true
    setLoad({ state: 'loading' })
    getNotice(id).then(
      () => current && setLoad({ state: 'ready' }),
      (error: unknown) => {
        if (!current) return
        if (error instanceof ApiError && error.status === 404) setLoad({ state: 'missing' })
        else setLoad({ state: 'failed', message: error instanceof Error ? error.message : String(error) })
      },
    )
    return () => {
      current = false
    }
  }, [id, attempt])

  if (load.state === 'ready' && name) {
    return <NoticeWorkspace noticeId={id} userName={name} onRename={setName} />
  }
  return (
    <div className="plain-page">
      <AppHeader />
      <main id="main" className="plain-page__main" tabIndex={-1}>
        {load.state === 'loading' && <p className="plain-page__message">{t.openingNotice}</p>}
        {load.state === 'missing' && (
          <div className="plain-page__message" role="alert">
            <p>{t.noticeMissing}</p>
            <p>
              <Link href="/">{t.allNotices}</Link>
            </p>
          </div>
        )}
        {load.state === 'failed' && (
          <div className="plain-page__message" role="alert">
            <p>{t.loadFailed(load.message)}</p>
            <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
              {t.retry}
            </button>
          </div>
        )}
      </main>
      <NameDialog open={load.state === 'ready' && !name} initialName="" onSave={setName} />
    </div>
  )
}
