/**
 * The sign-in session as React state: checking, signed out, or signed in as a user (possibly
 * with a session the server has since ended, which the app then asks to renew in place, keeping
 * the open notice and any unsent edits).
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import { ApiError } from '../api/api-error'
import { clearLocalCopies } from '../offline/local-copy'
import { navigate } from '../router/routes'
import { currentUser, type SessionUser, signOut as signOutOnServer } from './auth-api'
import { onSignedOut, reportSignedIn } from './auth-events'

/** Where the session stands. */
export type AuthState =
  | { status: 'checking' }
  | { status: 'unreachable'; message: string }
  | { status: 'signed-out' }
  /** `expired`: the server ended the session while the app was open; it waits for a new sign-in. */
  | { status: 'signed-in'; user: SessionUser; expired: boolean }

/** What `useAuth()` gives a component. */
export type AuthContextValue = {
  state: AuthState
  /** Records a successful sign-in. */
  signedIn: (user: SessionUser) => void
  /** Signs out on the server, then shows the sign-in page at the home URL. */
  signOut: () => Promise<void>
  /** Asks the server again who is signed in (after it could not be reached). */
  recheck: () => void
}

const AuthContext = createContext<AuthContextValue | null>(null)

/** Provides the session to the app; asks the server once, at start, who is signed in. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'checking' })
  const [attempt, setAttempt] = useState(0)

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the check when asked.
  useEffect(() => {
    let current = true
    currentUser().then(
      (user) => {
        if (current) setState(user ? { status: 'signed-in', user, expired: false } : { status: 'signed-out' })
      },
      (error: unknown) => {
        if (current)
          setState({ status: 'unreachable', message: error instanceof Error ? error.message : String(error) })
      },
    )
    return () => {
      current = false
    }
  }, [attempt])

  useEffect(
    () =>
      onSignedOut(() =>
        setState((previous) => (previous.status === 'signed-in' ? { ...previous, expired: true } : previous)),
      ),
    [],
  )

  const signedIn = useCallback((user: SessionUser) => {
    setState({ status: 'signed-in', user, expired: false })
    reportSignedIn()
  }, [])

  const signOut = useCallback(async () => {
    try {
      await signOutOnServer()
    } catch (error) {
      // A session the server already ended is signed out all the same.
      if (!(error instanceof ApiError && error.status === 401)) throw error
    }
    setState({ status: 'signed-out' })
    navigate('/')
    // The notice copies kept in this browser are the person's: the next one to sign in must not
    // find them. (An open notice closes its copy as the page goes; deletion waits for that.)
    await clearLocalCopies()
  }, [])

  const recheck = useCallback(() => {
    setState({ status: 'checking' })
    setAttempt((n) => n + 1)
  }, [])

  const value = useMemo(() => ({ state, signedIn, signOut, recheck }), [state, signedIn, signOut, recheck])
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}

/** The session and its actions. */
export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext)
  if (!value) throw new Error('useAuth() was called outside <AuthProvider>')
  return value
}

/** The signed-in user; only for components rendered while someone is signed in. */
export function useSignedInUser(): SessionUser {
  const { state } = useAuth()
  if (state.status !== 'signed-in') throw new Error('useSignedInUser() was called while nobody is signed in')
  return state.user
}
