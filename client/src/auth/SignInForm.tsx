/** The username and password form, used by the sign-in page and by the "session ended" dialog. */
import { PASSWORD_MAX_LENGTH, USERNAME_MAX_LENGTH } from '@convene/protocol'
import { type FormEvent, useState } from 'react'
import { ApiError } from '../api/api-error'
import { useLocale } from '../i18n/LocaleProvider'
import { TextField } from '../ui/TextField'
import { type SessionUser, signIn } from './auth-api'

/** Props of `SignInForm`. */
export type SignInFormProps = {
  onSignedIn: (user: SessionUser) => void
  initialUsername?: string
  /** A second action beside "Sign in" (the dialog's "Sign out"). */
  secondary?: { label: string; onClick: () => void }
}

type Errors = { username?: string; password?: string; form?: string }

/** Signs in with a username and password; reports wrong credentials and unreachable servers in words. */
export function SignInForm({ onSignedIn, initialUsername = '', secondary }: SignInFormProps) {
  const { t } = useLocale()
  const [username, setUsername] = useState(initialUsername)
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const missing: Errors = {}
    if (!username.trim()) missing.username = t.auth.usernameRequired
    if (!password) missing.password = t.auth.passwordRequired
    if (missing.username || missing.password) {
      setErrors(missing)
      return
    }
    setBusy(true)
    setErrors({})
    try {
      const user = await signIn(username.trim(), password)
      onSignedIn(user)
    } catch (error) {
      setPassword('')
      if (error instanceof ApiError && (error.status === 401 || error.status === 400)) {
        setErrors({ form: t.auth.wrongCredentials })
      } else if (error instanceof ApiError && error.status === 429) {
        setErrors({ form: t.auth.tooManyAttempts })
      } else if (error instanceof ApiError && error.status === 0) {
        setErrors({ form: t.auth.unreachable })
      } else {
        setErrors({ form: t.auth.signInFailed(error instanceof Error ? error.message : String(error)) })
      }
      setBusy(false)
    }
  }

  return (
    <form className="sign-in-form" onSubmit={submit} noValidate aria-busy={busy || undefined}>
      {errors.form && (
        <p className="form-alert" role="alert">
          {errors.form}
        </p>
      )}
      <TextField
        label={t.auth.username}
        name="username"
        maxLength={USERNAME_MAX_LENGTH}
        value={username}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        autoFocus={!initialUsername}
        error={errors.username}
        onChange={(event) => {
          setUsername(event.target.value)
          setErrors(({ username: _dropped, ...rest }) => rest)
        }}
      />
      <TextField
        label={t.auth.password}
        name="password"
        maxLength={PASSWORD_MAX_LENGTH}
        type="password"
        value={password}
        autoComplete="current-password"
        autoFocus={Boolean(initialUsername)}
        error={errors.password}
        onChange={(event) => {
          setPassword(event.target.value)
          setErrors(({ password: _dropped, ...rest }) => rest)
        }}
      />
      <div className="sign-in-form__actions">
        {secondary && (
          <button type="button" className="button" onClick={secondary.onClick}>
            {secondary.label}
          </button>
        )}
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t.auth.signingIn : t.auth.signIn}
        </button>
      </div>
    </form>
  )
}
