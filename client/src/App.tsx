/**
 * The app shell: the sign-in page for anyone not signed in, else the page for the current URL
 * (the editor is loaded only when a notice is opened).
 */
import { lazy, Suspense } from 'react'
import { AdminPage } from './admin/AdminPage'
import { useAuth } from './auth/AuthProvider'
import { SessionEndedDialog } from './auth/SessionEndedDialog'
import { SignInPage } from './auth/SignInPage'
import { useLocale } from './i18n/LocaleProvider'
import { NoticeListPage } from './notices/NoticeListPage'
import { Link } from './router/Link'
import { parseRoute, usePath } from './router/routes'
import { AppHeader } from './ui/AppHeader'

const EditorPage = lazy(() =>
  import('./editor/EditorPage').then((module) => ({ default: module.EditorPage })),
)

/** The sign-in page, or the page for the current URL with, when the session has ended, the dialog to renew it. */
export function App() {
  const { state, recheck } = useAuth()
  const { t } = useLocale()
  switch (state.status) {
    case 'checking':
    case 'unreachable':
      return (
        <div className="plain-page">
          <AppHeader />
          <main id="main" className="plain-page__main">
            {state.status === 'checking' ? (
              <p className="plain-page__message">{t.loading}</p>
            ) : (
              <div className="plain-page__message" role="alert">
                <p>{t.auth.unreachable}</p>
                <button type="button" className="button" onClick={recheck}>
                  {t.retry}
                </button>
              </div>
            )}
          </main>
        </div>
      )
    case 'signed-out':
      return <SignInPage />
    case 'signed-in':
      return (
        <>
          {/* A new key per user: nothing of one person's pages survives into another's. */}
          <Page key={state.user.id} />
          {state.expired && <SessionEndedDialog user={state.user} />}
        </>
      )
  }
}

/** The page for the current URL. */
function Page() {
  const route = parseRoute(usePath())
  const { t } = useLocale()
  switch (route.page) {
    case 'list':
      return <NoticeListPage />
    case 'admin':
      return <AdminPage />
    case 'notice':
      // A new key per notice: nothing of one notice's session survives into the next.
      return (
        <Suspense fallback={<p className="plain-page__message">{t.openingNotice}</p>}>
          <EditorPage key={route.id} id={route.id} />
        </Suspense>
      )
    default:
      return (
        <div className="plain-page">
          <AppHeader />
          <main id="main" className="plain-page__main">
            <p className="plain-page__message">
              <Link href="/">{t.allNotices}</Link>
            </p>
          </main>
        </div>
      )
  }
}
