/**
 * Agenda-item labels at the start of a line: "1", "1.", "3.1", "I.", "A.", "a)", "(a)", "(iv)",
 * "Point 2.", read into a numbering style and values. A label can mean two things ("I." is the
 * ninth letter or the first Roman numeral, "C." a letter or a hundred); every reading is returned
 * and the agenda levels pick the one that continues the numbering.
 */
import type { NoticeLanguage } from '@convene/schema'
import { ITEM_WORDS } from './language-words'

/** One reading of a label: its style ("1.", "a)", "(i)": the label with 1 in place of the value), values, and the title after it. */
export type LabelReading = {
  /** The numbering style: the label written for value 1 ("1.", "(a)", "I.", "Point 1."); "1.1" for dotted numbers. */
  style: string
  /** The values: [3, 1] for "3.1", [2] for "B.". */
  values: number[]
  /** The label as written, e.g. "3.1" or "(a)". */
  label: string
  /** The text after the label and its spacing. */
  rest: string
}

const ROMAN = /^(?=[MDCLXVI])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/
const ROMAN_VALUES: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 }

/** The value of a Roman numeral (upper or lower case), undefined for anything else. */
export function romanValue(text: string): number | undefined {
  const upper = text.toUpperCase()
  if (!ROMAN.test(upper)) return undefined
  let total = 0
  for (let i = 0; i < upper.length; i++) {
    const value = ROMAN_VALUES[upper[i] ?? ''] ?? 0
    const next = ROMAN_VALUES[upper[i + 1] ?? ''] ?? 0
    total += value < next ? -value : value
  }
  return total
}

/** The Roman numeral of `value` in upper case. */
export function romanNumeral(value: number): string {
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ]
  let rest = value
  let text = ''
  for (const [amount, numeral] of table) {
    while (rest >= amount) {
      text += numeral
      rest -= amount
    }
  }
  return text
}

// A title starts with a letter, a quotation mark or a bracket, never with a digit or a lone dash.
const TITLE_START = /^[\p{L}"'«“‘([¿¡]/u

function reading(style: string, values: number[], label: string, rest: string): LabelReading | undefined {
  const title = rest.trim()
  if (title === '' || !TITLE_START.test(title)) return undefined
  return { style, values, label, rest: title }
}

/** Readings of one "value + punctuation" label such as "B.", "iv)", "(c)". */
function valueReadings(value: string, open: string, close: string): { style: string; value: number }[] {
  const wrap = (one: string) => `${open}${one}${close}`
  const readings: { style: string; value: number }[] = []
  if (/^\d+$/.test(value)) readings.push({ style: wrap('1'), value: Number(value) })
  if (/^[A-Z]$/.test(value)) readings.push({ style: wrap('A'), value: value.charCodeAt(0) - 64 })
  if (/^[a-z]$/.test(value)) readings.push({ style: wrap('a'), value: value.charCodeAt(0) - 96 })
  const roman = romanValue(value)
  if (roman !== undefined)
    readings.push({ style: wrap(value === value.toUpperCase() ? 'I' : 'i'), value: roman })
  return readings
}

/**
 * Every reading of the label at the start of `line` (trimmed): dotted numbers, single values with
 * their punctuation, and the item words of `language` ("Point 2."). Empty when the line has no
 * label followed by a title.
 */
export function readLabel(line: string, language: NoticeLanguage): LabelReading[] {
  const text = line.trim()
  const found: LabelReading[] = []
  const push = (value: LabelReading | undefined) => {
    if (value) found.push(value)
  }
  const dotted = /^(\d{1,3}(?:\.\d{1,3})+)(\.?)(?=\s)(.*)$/su.exec(text)
  if (dotted) {
    const values = (dotted[1] ?? '').split('.').map(Number)
    push(reading('1.1', values, `${dotted[1]}${dotted[2]}`, dotted[3] ?? ''))
    return found
  }
  const word = ITEM_WORDS[language].find((itemWord) => text.toLowerCase().startsWith(`${itemWord} `))
  if (word) {
    const after = /^(\d{1,3}(?:\.\d{1,3})*)([.:]?)(?=\s)(.*)$/su.exec(text.slice(word.length + 1))
    if (after) {
      const values = (after[1] ?? '').split('.').map(Number)
      const style = `${word} ${values.length > 1 ? '1.1' : '1'}${after[2]}`
      push(
        reading(
          style,
          values,
          text.slice(0, word.length + 1 + (after[1] ?? '').length + (after[2] ?? '').length),
          after[3] ?? '',
        ),
      )
    }
    return found
  }
  const single = /^(\(?)(\d{1,3}|[A-Za-z]|[ivxlcdmIVXLCDM]{1,6})([.)]?)(?=\s)(.*)$/su.exec(text)
  if (!single) return found
  const [, open = '', value = '', close = '', rest = ''] = single
  // "(a" without its ")" or "a" without any punctuation is a word, not a label; bare digits are labels.
  if (open === '(' && close !== ')') return found
  if (close === '' && !/^\d+$/.test(value)) return found
  for (const option of valueReadings(value, open, close)) {
    push(reading(option.style, [option.value], `${open}${value}${close}`, rest))
  }
  return found
}
