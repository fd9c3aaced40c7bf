/**
 * The page shown to anyone not signed in, at whatever URL they asked for: once they sign in, the
 * app renders that URL, so they land where they were going.
 */
import { useEffect } from 'react'
import { useLocale } from '../i18n/LocaleProvider'
import { AppHeader } from '../ui/AppHeader'
import { useAuth } from './AuthProvider'
import { SignInForm } from './SignInForm'

/** The sign-in page. */
export function SignInPage() {
  const { t } = useLocale()
  const { signedIn } = useAuth()
  useEffect(() => {
    document.title = `${t.auth.signInTitle} · ${t.appName}`
  }, [t])
  return (
    <div className="plain-page">
      <AppHeader />
      <main id="main" className="sign-in-page" tabIndex={-1}>
        <section className="sign-in-card" aria-labelledby="sign-in-title">
          <h1 id="sign-in-title" className="sign-in-card__title">
            {t.auth.signInTitle}
          </h1>
          <p className="sign-in-card__intro">{t.auth.signInIntro}</p>
          <SignInForm onSignedIn={signedIn} />
          <p className="sign-in-card__help">{t.auth.signInHelp}</p>
        </section>
      </main>
    </div>
  )
}
