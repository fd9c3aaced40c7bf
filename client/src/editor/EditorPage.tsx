/**
 * The page of one notice (`/notices/:id`): checks that the notice exists and what the signed-in
 * person may do with it (their role), then opens the collaborative workspace. When the server
 * closes a connection with 4403 (its owner changed this person's role, or it refused a change),
 * the role is asked again and the notice opened afresh from the server's state under it, with a
 * message saying what happened; after a refusal under an unchanged role, the text stays read-only.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from '../api/api-error'
import { useSignedInUser } from '../auth/AuthProvider'
import { useLocale } from '../i18n/LocaleProvider'
import { getNotice } from '../notices/notices-api'
import { LocalCopyRescue } from '../offline/LocalCopyRescue'
import { localCopyName } from '../offline/local-copy'
import { Link } from '../router/Link'
import { accessFor, type Role } from '../sharing/roles'
import { AppHeader } from '../ui/AppHeader'
import { NoticeWorkspace } from './NoticeWorkspace'

type Load =
  | { state: 'loading' }
  | { state: 'ready'; role: Role }
  | { state: 'missing' }
  | { state: 'forbidden' }
  | { state: 'failed'; message: string }

/** The editor page of notice `id`. */
export function EditorPage({ id }: { id: string }) {
  const { t } = useLocale()
  const user = useSignedInUser()
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [attempt, setAttempt] = useState(0)
  // Each reopening after a 4403 gets a new key: the refused change is not offered to the server again.
  const [reopened, setReopened] = useState<{ count: number; reason: 'refused' | 'role-changed' | null }>({
    count: 0,
    reason: null,
  })
  const role = load.state === 'ready' ? load.role : null
  const roleRef = useRef(role)
  roleRef.current = role
  const asking = useRef(false)

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the request when the user asks to try again.
  useEffect(() => {
    let current = true
    getNotice(id).then(
      (notice) => current && setLoad({ state: 'ready', role: notice.role }),
      (error: unknown) => {
        if (!current) return
        if (error instanceof ApiError && error.status === 404) setLoad({ state: 'missing' })
        else if (error instanceof ApiError && error.status === 403) setLoad({ state: 'forbidden' })
        else if (error instanceof ApiError && error.status === 401)
          return // the sign-in dialog takes over
        else setLoad({ state: 'failed', message: error instanceof Error ? error.message : String(error) })
      },
    )
    return () => {
      current = false
    }
  }, [id, attempt])

  // Both sockets (text and comments) close at once on a role change: one question is enough.
  const onRefused = useCallback(() => {
    if (asking.current) return
    asking.current = true
    const before = roleRef.current
    getNotice(id)
      .then(
        (notice) => {
          setLoad({ state: 'ready', role: notice.role })
          setReopened((previous) => ({
            count: previous.count + 1,
            reason: notice.role === before ? 'refused' : 'role-changed',
          }))
        },
        (error: unknown) => {
          if (error instanceof ApiError && (error.status === 404 || error.status === 403))
            setLoad({ state: 'forbidden' })
          else if (!(error instanceof ApiError && error.status === 401))
            setLoad({ state: 'failed', message: error instanceof Error ? error.message : String(error) })
        },
      )
      .finally(() => {
        asking.current = false
      })
  }, [id])

  if (load.state === 'ready') {
    return (
      <NoticeWorkspace
        key={reopened.count}
        noticeId={id}
        user={user}
        access={accessFor(load.role, reopened.reason === 'refused')}
        reopened={reopened.reason}
        onRefused={onRefused}
      />
    )
  }
  return (
    <div className="plain-page">
      <AppHeader />
      <main id="main" className="plain-page__main" tabIndex={-1}>
        {load.state === 'loading' && <p className="plain-page__message">{t.openingNotice}</p>}
        {(load.state === 'missing' || load.state === 'forbidden') && (
          <div className="plain-page__message" role="alert">
            <p>{load.state === 'missing' ? t.noticeMissing : t.sharing.noAccess}</p>
            <LocalCopyRescue name={localCopyName(user.id, id)} noticeGone />
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
    </div>
  )
}
