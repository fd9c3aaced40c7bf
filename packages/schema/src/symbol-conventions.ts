/**
 * How each organisation writes its document symbols, as data: what a segment may hold, which
 * suffixes a part may end with and how they attach (`WT/L/1/Rev.1`, `EB147/1 Add.1`, `DT/4(Rev.1)`,
 * `ECO/WKP(2020)1/REV1`), and whether parts may be joined. The grammar in `symbol-grammar.ts` reads
 * these records; a new organisation is a new record, not a new branch in the parser.
 */
import type { Organisation } from './organisations'

/** The suffix kinds symbols end with: revision, addendum, corrigendum, supplement, provisional, final. */
export const SYMBOL_SUFFIX_KINDS = ['Rev', 'Add', 'Corr', 'Suppl', 'Prov', 'Final'] as const

/** A suffix kind, in its canonical (WTO and UN) spelling. */
export type SymbolSuffixKind = (typeof SYMBOL_SUFFIX_KINDS)[number]

/** Whether a suffix carries a number: `Rev.1` always, WIPO's `Rev.` may not, OECD's `FINAL` never. */
export type SuffixNumber = 'required' | 'optional' | 'none'

/** One suffix an organisation uses and whether it takes a number. */
export type SuffixRule = { kind: SymbolSuffixKind; number: SuffixNumber }

/** The rules of one organisation's symbols. */
export type SymbolConvention = {
  /** A segment between two "/": the whole segment must match. */
  segment: RegExp
  /** What a segment may hold, in words, for errors ("upper-case letters and digits"). */
  segmentHolds: string
  /** Where a year in "()" may stand in a segment: at its end (`MIN(24)`), inside (`TC(2001)4`), nowhere. */
  year: 'end' | 'inside' | 'none'
  /** How many segments a part needs at least: two (`WT/L/1`), one where a year stands in it (OECD's `C(2023)100`). */
  minSegments: 1 | 2
  /** Whether the first segment (the series) must start with a letter. */
  seriesStartsWithLetter: boolean
  /** The suffixes a part may end with. */
  suffixes: readonly SuffixRule[]
  /** How a suffix attaches: as one more "/" segment, after a space, or in parentheses. */
  suffixJoin: '/' | ' ' | '()'
  /** How a suffix is spelled: `Rev.1` (dotted) or `REV1` (OECD). */
  suffixSpelling: 'dotted' | 'upper'
  /** Whether several symbols may be joined by "-" into one (WTO joint documents). */
  joint: boolean
  /** Whether the organisation issues circular notes numbered as `C.N. 3989` (WIPO). */
  circularNotes: boolean
  /** A well-formed example, quoted by errors. */
  example: string
}

const DOTTED_SUFFIXES: readonly SuffixRule[] = [
  { kind: 'Rev', number: 'required' },
  { kind: 'Add', number: 'required' },
  { kind: 'Corr', number: 'required' },
  { kind: 'Suppl', number: 'required' },
]

const LETTERS_AND_DIGITS = /^[A-Z0-9]+$/
// UN-style segments may hold dots between letters and digits: `CN.4`, `WP.29`, `IDB.49`, `L.1`.
const DOTTED_SEGMENT = /^[A-Z0-9]+(?:\.[A-Z0-9]+)*$/
const UN_SYSTEM: Omit<SymbolConvention, 'example'> = {
  segment: DOTTED_SEGMENT,
  segmentHolds: 'upper-case letters and digits, with "." between them',
  year: 'none',
  minSegments: 2,
  seriesStartsWithLetter: true,
  suffixes: DOTTED_SUFFIXES,
  suffixJoin: '/',
  suffixSpelling: 'dotted',
  joint: false,
  circularNotes: false,
}

/** The symbol rules of every organisation Convene knows. */
export const SYMBOL_CONVENTIONS: Record<Organisation, SymbolConvention> = {
  WTO: {
    segment: /^[A-Z0-9]+(?:\((?:\d{2}|\d{4})\))?$/,
    segmentHolds: 'upper-case letters and digits',
    year: 'end',
    minSegments: 2,
    seriesStartsWithLetter: true,
    suffixes: DOTTED_SUFFIXES,
    suffixJoin: '/',
    suffixSpelling: 'dotted',
    joint: true,
    circularNotes: false,
    example: 'WT/MIN(24)/9/Rev.1',
  },
  UN: { ...UN_SYSTEM, example: 'A/C.1/66/L.1/Rev.1' },
  UNECE: { ...UN_SYSTEM, example: 'ECE/TRANS/WP.29/2024/1/Rev.1' },
  UNIDO: { ...UN_SYSTEM, example: 'IDB.49/1/Add.1' },
  WHO: {
    // WHO information documents carry a dot of their own: `A77/INF./1`.
    segment: /^[A-Z0-9]+(?:\.[A-Z0-9]+)*\.?$/,
    segmentHolds: 'upper-case letters and digits, with "." between or after them',
    year: 'none',
    minSegments: 2,
    seriesStartsWithLetter: true,
    suffixes: DOTTED_SUFFIXES,
    suffixJoin: ' ',
    suffixSpelling: 'dotted',
    joint: false,
    circularNotes: false,
    example: 'EB147/1 Add.1',
  },
  WIPO: {
    segment: LETTERS_AND_DIGITS,
    segmentHolds: 'upper-case letters and digits',
    year: 'none',
    minSegments: 2,
    seriesStartsWithLetter: true,
    suffixes: [
      { kind: 'Prov', number: 'optional' },
      { kind: 'Rev', number: 'optional' },
      { kind: 'Add', number: 'optional' },
      { kind: 'Corr', number: 'optional' },
    ],
    suffixJoin: ' ',
    suffixSpelling: 'dotted',
    joint: false,
    circularNotes: true,
    example: 'A/66/1 Prov.1',
  },
  ITU: {
    segment: LETTERS_AND_DIGITS,
    segmentHolds: 'upper-case letters and digits',
    year: 'none',
    minSegments: 2,
    // ITU-R study groups lead with a digit: `5A/123`.
    seriesStartsWithLetter: false,
    suffixes: DOTTED_SUFFIXES,
    suffixJoin: '()',
    suffixSpelling: 'dotted',
    joint: false,
    circularNotes: false,
    example: 'DT/4(Rev.1)',
  },
  OECD: {
    segment: /^[A-Z0-9]+(?:\((?:\d{4})\)[A-Z0-9]*)?$|^\((?:\d{4})\)[A-Z0-9]*$/,
    segmentHolds: 'upper-case letters and digits',
    year: 'inside',
    minSegments: 1,
    seriesStartsWithLetter: true,
    suffixes: [
      { kind: 'Rev', number: 'required' },
      { kind: 'Add', number: 'required' },
      { kind: 'Corr', number: 'required' },
      { kind: 'Final', number: 'none' },
    ],
    suffixJoin: '/',
    suffixSpelling: 'upper',
    joint: false,
    circularNotes: false,
    example: 'TAD/TC/WP(2022)1/REV1',
  },
}
