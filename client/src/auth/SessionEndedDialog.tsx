/**
 * Shown over the open page when the server ends the session (it expired, or the user signed out
 * in another tab): signing in again resumes the connections, and the notice stays open meanwhile
 * with any unsent edits kept in this browser.
 */
import { useLocale } from '../i18n/LocaleProvider'
import { Dialog } from '../ui/Dialog'
import { useAuth } from './AuthProvider'
import type { SessionUser } from './auth-api'
import { SignInForm } from './SignInForm'

/** The "sign in again" dialog for `user`'s ended session. */
export function SessionEndedDialog({ user }: { user: SessionUser }) {
  const { t } = useLocale()
  const { signedIn, signOut } = useAuth()
  return (
    <Dialog open title={t.auth.sessionEndedTitle} onClose={() => {}}>
      <p className="dialog__intro">{t.auth.sessionEndedIntro}</p>
      <SignInForm
        initialUsername={user.username}
        onSignedIn={signedIn}
        secondary={{ label: t.auth.signOut, onClick: () => void signOut().catch(() => {}) }}
      />
    </Dialog>
  )
}
