/** The interface language menu: a labelled native select, so it works with keyboard and screen readers as is. */
import { useId } from 'react'
import { useLocale } from '../i18n/LocaleProvider'
import { isUiLocale, UI_LOCALE_NAMES, UI_LOCALES } from '../i18n/ui-locale'

/** Lets the user choose the interface language (remembered for next time). */
export function LanguageMenu() {
  const { locale, t, setLocale } = useLocale()
  const id = useId()
  return (
    <div className="language-menu">
      <label htmlFor={id} className="visually-hidden">
        {t.interfaceLanguage}
      </label>
      <svg className="language-menu__icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" strokeWidth="1.2" />
        <path
          d="M1.75 8h12.5M8 1.75c-1.9 2-1.9 10.5 0 12.5M8 1.75c1.9 2 1.9 10.5 0 12.5"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.2"
        />
      </svg>
      <select
        id={id}
        className="language-menu__select"
        value={locale}
        title={t.interfaceLanguage}
        onChange={(event) => {
          if (isUiLocale(event.target.value)) setLocale(event.target.value)
        }}
      >
        {UI_LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {UI_LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
    </div>
  )
}
