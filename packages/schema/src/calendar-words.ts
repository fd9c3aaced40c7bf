/**
 * Month and weekday names in each notice language, as a notice prints them (English capitalised,
 * French and Spanish in lower case): the exporters write dates with them, the typography rules and
 * the importer find dates by them.
 */
import type { NoticeLanguage } from './notice-language'

/** Month names in calendar order. */
export const MONTH_NAMES = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  fr: [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
  ],
  es: [
    'enero',
    'febrero',
    'marzo',
    'abril',
    'mayo',
    'junio',
    'julio',
    'agosto',
    'septiembre',
    'octubre',
    'noviembre',
    'diciembre',
  ],
} as const satisfies Record<NoticeLanguage, readonly string[]>

/** Weekday names from Sunday (as `Date.getUTCDay()` counts). */
export const WEEKDAY_NAMES = {
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  fr: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
  es: ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'],
} as const satisfies Record<NoticeLanguage, readonly string[]>
