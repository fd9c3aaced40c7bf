/** The app shell: picks the page for the current URL (the editor is loaded only when a notice is opened). */
import { lazy, Suspense } from 'react'
import { useLocale } from './i18n/LocaleProvider'
import { NoticeListPage } from './notices/NoticeListPage'
import { Link } from './router/Link'
import { parseRoute, usePath } from './router/routes'
import { AppHeader } from './ui/AppHeader'

const EditorPage = lazy(() =>
  import('./editor/EditorPage').then((module) => ({ default: module.EditorPage })),
)

/** The page for the current URL. */
export function App() {
  const route = parseRoute(usePath())
  const { t } = useLocale()
  switch (route.page) {
    case 'list':
      return <NoticeListPage />
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
