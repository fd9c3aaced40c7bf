/**
 * The signed-in person in the banner: their avatar and name, opening a short menu with the
 * accounts page (administrators) and "Sign out". A disclosure button: Escape or a click elsewhere
 * closes it, and the focus returns to the button.
 */
import { useEffect, useId, useRef, useState } from 'react'
import { useLocale } from '../i18n/LocaleProvider'
import { initials, userColour } from '../identity/user-colour'
import { Link } from '../router/Link'
import { ADMIN_PATH } from '../router/routes'
import { useAuth } from './AuthProvider'

/** The user menu; renders nothing while nobody is signed in. */
export function UserMenu() {
  const { t } = useLocale()
  const { state, signOut } = useAuth()
  const [open, setOpen] = useState(false)
  const [error, setError] = useState('')
  const menuId = useId()
  const root = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (!open) return
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointer)
    return () => document.removeEventListener('pointerdown', onPointer)
  }, [open])

  if (state.status !== 'signed-in') return null
  const { user } = state
  const close = () => {
    setOpen(false)
    button.current?.focus()
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the open menu closes it.
    <div
      ref={root}
      className="user-menu"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation()
          close()
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className="user-menu__button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((was) => !was)}
      >
        <span
          className="avatar avatar--small"
          aria-hidden="true"
          style={{ backgroundColor: userColour(user.username) }}
        >
          {initials(user.displayName)}
        </span>
        <span className="user-menu__name">{user.displayName}</span>
        <svg className="user-menu__chevron" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.4" />
        </svg>
      </button>
      <div id={menuId} className="user-menu__panel" hidden={!open}>
        <p className="user-menu__who">
          <span className="user-menu__display">{user.displayName}</span>
          <span className="user-menu__username">
            {user.username}
            {user.isAdmin && ` · ${t.auth.administrator}`}
          </span>
        </p>
        <ul className="user-menu__list">
          {user.isAdmin && (
            <li>
              <Link href={ADMIN_PATH} className="user-menu__item" onClick={() => setOpen(false)}>
                {t.admin.title}
              </Link>
            </li>
          )}
          <li>
            <button
              type="button"
              className="user-menu__item"
              onClick={() => {
                setError('')
                signOut().catch((cause: unknown) =>
                  setError(t.auth.signOutFailed(cause instanceof Error ? cause.message : String(cause))),
                )
              }}
            >
              {t.auth.signOut}
            </button>
          </li>
        </ul>
        {error && (
          <p className="form-error user-menu__error" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  )
}
