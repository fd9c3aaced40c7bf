/**
 * Which language the interface speaks: English, French or Spanish, chosen by the user and
 * remembered in localStorage, defaulting to the browser's language.
 */
import { en } from './en'
import { es } from './es'
import { fr } from './fr'
import type { Messages } from './messages'

/** The interface languages, in menu order. */
export const UI_LOCALES = ['en', 'fr', 'es'] as const

/** One interface language. */
export type UiLocale = (typeof UI_LOCALES)[number]

/** Each language's own name, shown in the language menu whatever the current language. */
export const UI_LOCALE_NAMES: Record<UiLocale, string> = { en: 'English', fr: 'Français', es: 'Español' }

/** The dictionary for each interface language. */
export const DICTIONARIES: Record<UiLocale, Messages> = { en, fr, es }

const STORAGE_KEY = 'convene.uiLocale'

/** True when `value` names an interface language. */
export function isUiLocale(value: unknown): value is UiLocale {
  return typeof value === 'string' && (UI_LOCALES as readonly string[]).includes(value)
}

/** The language the user chose before, else the first browser language we speak, else English. */
export function initialUiLocale(): UiLocale {
  const stored = readStorage(STORAGE_KEY)
  if (isUiLocale(stored)) return stored
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0]
    if (isUiLocale(base)) return base
  }
  return 'en'
}

/** Remembers the user's choice of interface language. */
export function storeUiLocale(locale: UiLocale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // Storage can be disabled (private mode): the choice then lasts for this page only.
  }
}

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key)
  } catch {
    return null
  }
}
