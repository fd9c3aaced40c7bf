/**
 * React context carrying the interface language and its dictionary, so any component can
 * write `const { t } = useLocale()` and re-render when the user switches language.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import type { Messages } from './messages'
import { DICTIONARIES, initialUiLocale, storeUiLocale, type UiLocale } from './ui-locale'

/** What `useLocale()` gives a component. */
export type LocaleContextValue = {
  locale: UiLocale
  t: Messages
  setLocale: (locale: UiLocale) => void
}

const LocaleContext = createContext<LocaleContextValue | null>(null)

/** Provides the interface language to the whole app and keeps `<html lang>` in step with it. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<UiLocale>(initialUiLocale)
  const setLocale = useCallback((next: UiLocale) => {
    storeUiLocale(next)
    setLocaleState(next)
  }, [])
  useEffect(() => {
    document.documentElement.lang = locale
  }, [locale])
  const value = useMemo(() => ({ locale, t: DICTIONARIES[locale], setLocale }), [locale, setLocale])
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>
}

/** The current interface language, its dictionary and a setter. */
export function useLocale(): LocaleContextValue {
  const value = useContext(LocaleContext)
  if (!value) throw new Error('useLocale() was called outside <LocaleProvider>')
  return value
}
