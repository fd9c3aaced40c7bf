/** The `<option>`s of a notice-language picker, each language named in the interface language. */
import { NOTICE_LANGUAGES } from '@convene/schema'
import { useLocale } from '../i18n/LocaleProvider'

export function NoticeLanguageOptions() {
  const { t } = useLocale()
  return NOTICE_LANGUAGES.map((code) => (
    <option key={code} value={code}>
      {t.noticeLanguages[code]}
    </option>
  ))
}
