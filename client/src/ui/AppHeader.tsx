/**
 * The banner at the top of every page: the app's name (a link home), page-specific content, the
 * signed-in person's menu and the language menu.
 */
import type { ReactNode } from 'react'
import { UserMenu } from '../auth/UserMenu'
import { useLocale } from '../i18n/LocaleProvider'
import { Link } from '../router/Link'
import { LanguageMenu } from './LanguageMenu'

/**
 * The top banner; `children` go between the app name and the user and language menus. Its skip
 * link says where it leads: the notice on a notice's page (`skipTo="notice"`), else the page's content.
 */
export function AppHeader({
  children,
  skipTo = 'content',
}: {
  children?: ReactNode
  skipTo?: 'notice' | 'content'
}) {
  const { t } = useLocale()
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {skipTo === 'notice' ? t.skipToNotice : t.skipToContent}
      </a>
      <Link href="/" className="app-header__brand">
        <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false" className="app-header__logo">
          <rect width="16" height="16" rx="3" fill="currentColor" />
          <path d="M4 5h8M4 8h8M4 11h5" stroke="white" strokeWidth="1.5" />
        </svg>
        {t.appName}
      </Link>
      <div className="app-header__middle">{children}</div>
      <UserMenu />
      <LanguageMenu />
    </header>
  )
}
