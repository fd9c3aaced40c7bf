/**
 * The accounts page (`/admin`, administrators only): every account, and a form to create one.
 * The server validates each field; its errors appear under the field they are about.
 */
import { DISPLAY_NAME_MAX_LENGTH, PASSWORD_MAX_LENGTH, USERNAME_MAX_LENGTH } from '@convene/protocol'
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react'
import { useSignedInUser } from '../auth/AuthProvider'
import { useLocale } from '../i18n/LocaleProvider'
import { initials, userColour } from '../identity/user-colour'
import { Link } from '../router/Link'
import { AppHeader } from '../ui/AppHeader'
import { Icon } from '../ui/Icon'
import { TextField } from '../ui/TextField'
import { type Account, createAccount, listAccounts } from './accounts-api'
import { fieldOfError } from './field-errors'

const FIELDS = ['username', 'displayName', 'password'] as const
type Field = (typeof FIELDS)[number]
type Errors = Partial<Record<Field | 'form', string>>

type Load =
  | { state: 'loading' }
  | { state: 'ready'; accounts: Account[] }
  | { state: 'failed'; message: string }

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** The accounts page. */
export function AdminPage() {
  const { t } = useLocale()
  const me = useSignedInUser()
  useEffect(() => {
    document.title = `${t.admin.title} · ${t.appName}`
  }, [t])
  return (
    <div className="plain-page">
      <AppHeader>
        <Link href="/" className="back-link">
          <Icon name="back" />
          {t.allNotices}
        </Link>
      </AppHeader>
      <main id="main" className="plain-page__main admin-page" tabIndex={-1}>
        <h1 className="list-page__title">{t.admin.title}</h1>
        {me.isAdmin ? (
          <Accounts />
        ) : (
          <p className="plain-page__message admin-page__denied" role="alert">
            {t.admin.adminsOnly}
          </p>
        )}
      </main>
    </div>
  )
}

function Accounts() {
  const { t } = useLocale()
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [created, setCreated] = useState<Account | null>(null)

  const refresh = useCallback(() => {
    listAccounts().then(
      (accounts) => setLoad({ state: 'ready', accounts }),
      (error: unknown) => setLoad({ state: 'failed', message: errorText(error) }),
    )
  }, [])
  useEffect(refresh, [refresh])

  return (
    <div className="admin-page__layout">
      <section className="admin-page__list" aria-labelledby="accounts-heading">
        <p className="list-page__intro">{t.admin.intro}</p>
        <h2 id="accounts-heading" className="panel__title admin-page__heading">
          {load.state === 'ready' ? t.admin.accountCount(load.accounts.length) : t.admin.accounts}
        </h2>
        {load.state === 'loading' && <p className="list-page__status">{t.loading}</p>}
        {load.state === 'failed' && (
          <div className="list-page__status" role="alert">
            <p>{t.admin.loadFailed(load.message)}</p>
            <button type="button" className="button" onClick={refresh}>
              {t.retry}
            </button>
          </div>
        )}
        {load.state === 'ready' && (
          <table className="notice-table account-table">
            <caption className="visually-hidden">{t.admin.accounts}</caption>
            <thead>
              <tr>
                <th scope="col">{t.admin.displayName}</th>
                <th scope="col">{t.admin.username}</th>
                <th scope="col">{t.admin.kind}</th>
              </tr>
            </thead>
            <tbody>
              {load.accounts.map((account) => (
                <tr key={account.id} data-new={account.id === created?.id || undefined}>
                  <td>
                    <span className="account-table__name">
                      <span
                        className="avatar avatar--small"
                        aria-hidden="true"
                        style={{ backgroundColor: userColour(account.username) }}
                      >
                        {initials(account.displayName || account.username)}
                      </span>
                      {account.displayName}
                    </span>
                  </td>
                  <td className="notice-table__symbol">{account.username}</td>
                  <td>{account.isAdmin ? t.auth.administrator : t.admin.member}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <NewAccountForm
        onCreated={(account) => {
          setCreated(account)
          refresh()
        }}
        created={created}
      />
    </div>
  )
}

function NewAccountForm({
  onCreated,
  created,
}: {
  onCreated: (account: Account) => void
  created: Account | null
}) {
  const { t } = useLocale()
  const [values, setValues] = useState<Record<Field, string>>({ username: '', displayName: '', password: '' })
  const [errors, setErrors] = useState<Errors>({})
  const [busy, setBusy] = useState(false)
  const form = useRef<HTMLFormElement>(null)

  const set = (field: Field) => (event: { target: { value: string } }) => {
    setValues((previous) => ({ ...previous, [field]: event.target.value }))
    setErrors(({ [field]: _dropped, form: _form, ...rest }) => rest)
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const missing: Errors = {}
    if (!values.username.trim()) missing.username = t.admin.usernameRequired
    if (!values.password) missing.password = t.admin.passwordRequired
    if (Object.keys(missing).length > 0) {
      setErrors(missing)
      focusFirstInvalid(form.current)
      return
    }
    setBusy(true)
    setErrors({})
    try {
      const displayName = values.displayName.trim()
      const account = await createAccount({
        username: values.username.trim(),
        password: values.password,
        ...(displayName ? { displayName } : {}),
      })
      setValues({ username: '', displayName: '', password: '' })
      onCreated(account)
      form.current?.querySelector<HTMLInputElement>('input')?.focus()
    } catch (error) {
      const field = fieldOfError(error, FIELDS)
      if (field) setErrors({ [field]: errorText(error) })
      else setErrors({ form: t.admin.createFailed(errorText(error)) })
      focusFirstInvalid(form.current)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="admin-page__create" aria-labelledby="new-account-heading">
      <h2 id="new-account-heading" className="admin-page__form-title">
        {t.admin.newAccount}
      </h2>
      <form ref={form} className="dialog__form" onSubmit={submit} noValidate>
        {errors.form && (
          <p className="form-alert" role="alert">
            {errors.form}
          </p>
        )}
        <TextField
          label={t.admin.username}
          hint={t.admin.usernameHint}
          name="username"
          maxLength={USERNAME_MAX_LENGTH}
          value={values.username}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          error={errors.username}
          onChange={set('username')}
        />
        <TextField
          label={t.admin.displayName}
          hint={t.admin.displayNameHint}
          name="displayName"
          maxLength={DISPLAY_NAME_MAX_LENGTH}
          value={values.displayName}
          autoComplete="off"
          error={errors.displayName}
          onChange={set('displayName')}
        />
        <TextField
          label={t.admin.password}
          hint={t.admin.passwordHint}
          name="password"
          maxLength={PASSWORD_MAX_LENGTH}
          type="password"
          value={values.password}
          autoComplete="new-password"
          error={errors.password}
          onChange={set('password')}
        />
        <div className="dialog__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            <Icon name="plus" />
            {busy ? t.creating : t.admin.create}
          </button>
        </div>
        <p className="admin-page__created" role="status">
          {created ? t.admin.created(created.displayName, created.username) : ''}
        </p>
      </form>
    </section>
  )
}

function focusFirstInvalid(form: HTMLFormElement | null): void {
  // After React renders the errors.
  requestAnimationFrame(() => form?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus())
}
