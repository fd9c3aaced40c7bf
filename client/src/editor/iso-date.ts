/** Writing out the metadata's YYYY-MM-DD dates for people: "8 mars 2024", "Tuesday 19 March 2024". */
import { isIsoDate } from '@convene/schema'

/** A YYYY-MM-DD date written out in `locale` (other text is returned as it is). */
export function formatIsoDate(value: string, locale: string, style: 'long' | 'full' = 'long'): string {
  if (!isIsoDate(value)) return value
  const [year, month, day] = value.split('-').map(Number)
  const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1))
  return new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(date)
}
