/**
 * Dates and times as notices write them in English, French and Spanish ("8 March 2024",
 * "le mardi 19 mars 2024", "1er mars 2024", "8 de marzo de 2024", "March 8, 2024"; "15 heures",
 * "3 p.m.", "10 h 30", "a las 15.00 horas"), read into ISO dates and 24-hour times.
 */
import { isIsoDate } from '@convene/schema'
import { MONTHS } from './language-words'

/** A date found in text: the ISO date and where it stands. */
export type FoundDate = { iso: string; from: number; to: number }

const ALL_MONTHS = Object.values(MONTHS).flat()
const MONTH_PATTERN = ALL_MONTHS.map((month) => month.replace('.', '\\.')).join('|')
const DAY_FIRST = new RegExp(
  `\\b(\\d{1,2})(?:er|st|nd|rd|th)?\\s+(?:de\\s+)?(${MONTH_PATTERN})\\s+(?:de\\s+|del\\s+)?(\\d{4})\\b`,
  'giu',
)
const MONTH_FIRST = new RegExp(`\\b(${MONTH_PATTERN})\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'giu')

function monthNumber(name: string): number {
  const lower = name.toLowerCase()
  for (const months of Object.values(MONTHS)) {
    const index = months.indexOf(lower)
    if (index >= 0) return index + 1
  }
  return 0
}

function iso(year: string, month: number, day: string): string | undefined {
  const value = `${year}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}`
  return isIsoDate(value) ? value : undefined
}

/** Every date written out in `text` ("19 mars 2024", "March 8, 2024"), in order. */
export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = []
  for (const match of text.matchAll(DAY_FIRST)) {
    const value = iso(match[3] ?? '', monthNumber(match[2] ?? ''), match[1] ?? '')
    if (value) found.push({ iso: value, from: match.index, to: match.index + match[0].length })
  }
  for (const match of text.matchAll(MONTH_FIRST)) {
    const value = iso(match[3] ?? '', monthNumber(match[1] ?? ''), match[2] ?? '')
    if (value) found.push({ iso: value, from: match.index, to: match.index + match[0].length })
  }
  return found.sort((a, b) => a.from - b.from)
}

const TIME_PATTERNS: { pattern: RegExp; read: (match: RegExpExecArray) => [number, number] }[] = [
  // 3 p.m., 10.30 a.m., 10:00 am
  {
    pattern: /\b(\d{1,2})(?:[.:](\d{2}))?\s*([ap])\.?\s?m\.?(?![\p{L}])/iu,
    read: (m) => {
      const hour = Number(m[1]) % 12
      return [(m[3] ?? '').toLowerCase() === 'p' ? hour + 12 : hour, Number(m[2] ?? 0)]
    },
  },
  // 15 heures, 10 h 30, 10h00, 15 h
  {
    pattern: /\b(\d{1,2})\s?(?:heures?|h)\s?(\d{2})?(?![\p{L}\d])/iu,
    read: (m) => [Number(m[1]), Number(m[2] ?? 0)],
  },
  // a las 15.00 horas, 10:00, 15.30 hrs
  {
    pattern: /\b(\d{1,2})[.:](\d{2})(?:\s?(?:horas|hrs|h))?\b/iu,
    read: (m) => [Number(m[1]), Number(m[2] ?? 0)],
  },
]

/** The first time of day written in `text`, as HH:MM, or undefined. */
export function findTime(text: string): string | undefined {
  let best: { at: number; value: string } | undefined
  for (const { pattern, read } of TIME_PATTERNS) {
    const match = pattern.exec(text)
    if (!match) continue
    const [hour, minute] = read(match)
    if (hour > 23 || minute > 59) continue
    const value = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`
    if (!best || match.index < best.at) best = { at: match.index, value }
  }
  return best?.value
}

/** Whether `text` is nothing but a date, optionally with a place or a "Date:" label before it. */
export function isDateLine(text: string): boolean {
  const dates = findDates(text)
  const first = dates[0]
  if (!first || dates.length > 1) return false
  const before = text.slice(0, first.from).trim()
  const after = text.slice(first.to).trim()
  return after.replace(/[.)]$/, '') === '' && /^(?:[\p{L} ]{0,30}[,:])?\s*(?:[\p{L}]+,?\s*)?$/u.test(before)
}
