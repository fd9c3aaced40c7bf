/**
 * The one grammar for document symbols of every organisation (`INF/MSME/4/Rev.2`, `WT/MIN(24)/9`,
 * `A/66/1 Prov.1`, `EB147/1 Add.1`, `IDB.49/1/Add.1`, `TD/TC(2001)4`, `DT/4(Rev.1)`, `C.N. 3989`):
 * parsing into parts, segments and suffixes, normalisation (`REV.1`, `Rev. 1` -> `Rev.1`), errors
 * that name the bad part, and discovery of symbols inside free text. The organisation's rules are
 * data (`symbol-conventions.ts`); every other module validates symbols through here.
 *
 * Grammar, for an organisation's convention C:
 *   symbol  := part ('-' part)*              joint symbols only where C.joint (WTO)
 *   part    := segment ('/' segment)+ suffixes   or one segment holding a year where C.minSegments is 1
 *   suffixes:= ('/' suffix)* | (' ' suffix)* | ('(' suffix ')')*   as C.suffixJoin says
 *   segment := what C.segment accepts        the first (the series) starts with a letter
 *   suffix  := one of C.suffixes, spelled `Rev.1` (dotted) or `REV1` (upper)
 */
import { DEFAULT_ORGANISATION, type Organisation } from './organisations'
import {
  type SuffixRule,
  SYMBOL_CONVENTIONS,
  SYMBOL_SUFFIX_KINDS,
  type SymbolConvention,
  type SymbolSuffixKind,
} from './symbol-conventions'

export { SYMBOL_SUFFIX_KINDS, type SymbolSuffixKind }

/** One suffix of a symbol part: `Rev.2` is `{ kind: 'Rev', number: 2 }`, WIPO's bare `Rev.` has number null. */
export type SymbolSuffix = { kind: SymbolSuffixKind; number: number | null }

/** One part of a (possibly joint) symbol: `INF/MSME/W/46/Rev.1` has segments INF, MSME, W, 46 and suffix Rev.1. */
export type SymbolPart = { text: string; segments: string[]; suffixes: SymbolSuffix[] }

/** A parsed symbol: its canonical text and its parts (one part, or several for a joint symbol). */
export type ParsedSymbol = { text: string; parts: SymbolPart[] }

/**
 * A symbol found inside free text: `text.slice(from, to)` is where it stands, `symbol` its canonical
 * spelling (the same text unless it was written `Rev. 1` or `REV.1`).
 */
export type FoundSymbol = { from: number; to: number; symbol: string }

/** Thrown for a malformed symbol; the message quotes the whole symbol and names the bad part. */
export class SymbolError extends Error {
  /** The offending part of the symbol (a segment, suffix or joint part), '' when the input is empty. */
  readonly part: string
  /** The whole input that failed to parse. */
  readonly symbol: string

  constructor(symbol: string, part: string, problem: string) {
    super(`Invalid document symbol ${JSON.stringify(symbol)}: ${problem}`)
    this.name = 'SymbolError'
    this.symbol = symbol
    this.part = part
  }
}

/** The rules in force while one symbol is parsed, and the input for errors. */
type Reading = { symbol: string; organisation: Organisation; convention: SymbolConvention }

// WIPO circular notes: `C.N. 3989`, also typed `C. N. 3989` or `C.N.3989`.
const CIRCULAR_NOTE = /^C\.\s?N\.\s?(\d+)$/

/** A suffix kind followed by its dot and a space before the number: `Rev. 1`, closed up to `Rev.1`. */
const SPACED_SUFFIX_NUMBER = new RegExp(`\\b(${SYMBOL_SUFFIX_KINDS.join('|')})\\.\\s+(?=\\d)`, 'gi')

function fail(reading: Reading, part: string, problem: string): never {
  throw new SymbolError(reading.symbol, part, problem)
}

function allowedCharacter(char: string, convention: SymbolConvention): boolean {
  if (/^[A-Za-z0-9/().]$/.test(char)) return true
  if (char === '-') return convention.joint
  return char === ' ' && convention.suffixJoin === ' '
}

/** The canonical spelling of a suffix in `convention`. */
function spellSuffix(suffix: SymbolSuffix, convention: SymbolConvention): string {
  const number = suffix.number === null ? '' : String(suffix.number)
  if (convention.suffixSpelling === 'upper') return `${suffix.kind.toUpperCase()}${number}`
  return suffix.kind === 'Final' ? 'Final' : `${suffix.kind}.${number}`
}

/**
 * Reads `piece` as one of the convention's suffixes: the suffix, undefined when the piece is no
 * suffix at all (a segment such as `REVIEW` or `ADD`), or an error for a suffix spelled wrong.
 */
function readSuffix(reading: Reading, piece: string): SymbolSuffix | undefined {
  const { convention } = reading
  for (const rule of convention.suffixes) {
    const match = new RegExp(`^(${rule.kind})(\\.?)(.*)$`, 'i').exec(piece)
    if (!match) continue
    const [, , dot, rest = ''] = match
    if (dot === '' && rest === '') {
      if (rule.number === 'none' || (rule.number === 'optional' && convention.suffixSpelling === 'upper')) {
        return { kind: rule.kind, number: null }
      }
      continue
    }
    if (dot === '' && !/^\d+$/.test(rest)) continue
    return suffixNumber(reading, piece, rule, dot, rest)
  }
  return undefined
}

function suffixNumber(
  reading: Reading,
  piece: string,
  rule: SuffixRule,
  dot: string | undefined,
  rest: string,
): SymbolSuffix {
  const example = `"${spellSuffix({ kind: rule.kind, number: 1 }, reading.convention)}"`
  if (rule.number === 'none') {
    fail(reading, piece, `suffix ${JSON.stringify(piece)} takes no number in ${reading.organisation} symbols`)
  }
  if (dot === '' && reading.convention.suffixSpelling === 'dotted') {
    fail(reading, piece, `suffix ${JSON.stringify(piece)} needs a "." before its number, as in ${example}`)
  }
  if (rest === '' && rule.number === 'optional') return { kind: rule.kind, number: null }
  if (!/^\d+$/.test(rest))
    fail(reading, piece, `suffix ${JSON.stringify(piece)} needs a number, as in ${example}`)
  return { kind: rule.kind, number: Number(rest) }
}

function checkSegment(reading: Reading, segment: string, isSeries: boolean): void {
  const { convention } = reading
  const named = JSON.stringify(segment)
  if (convention.segment.test(segment)) {
    if (isSeries && convention.seriesStartsWithLetter && !/^[A-Z]/.test(segment)) {
      fail(reading, segment, `series ${named} must start with a letter`)
    }
    return
  }
  if (/[a-z]/.test(segment) && convention.segment.test(segment.toUpperCase())) {
    fail(reading, segment, `segment ${named} must be upper case`)
  }
  const open = segment.indexOf('(')
  const close = segment.indexOf(')')
  if (open >= 0 && close < 0) fail(reading, segment, `unclosed "(" in segment ${named}`)
  if (close >= 0 && (open < 0 || close < open)) fail(reading, segment, `unopened ")" in segment ${named}`)
  if (open >= 0) {
    const problem = {
      end: `segment ${named} must end with a year of two or four digits in "()"`,
      inside: `segment ${named} may hold only a year of four digits in "()"`,
      none: `segment ${named} may not hold "()" in ${reading.organisation} symbols`,
    }[convention.year]
    fail(reading, segment, problem)
  }
  fail(reading, segment, `segment ${named} may only hold ${convention.segmentHolds}`)
}

/** Splits the suffixes written after spaces or in parentheses off the part; '/' suffixes stay in the base. */
function splitTrailingSuffixes(reading: Reading, text: string): { base: string; suffixes: SymbolSuffix[] } {
  const { convention } = reading
  if (convention.suffixJoin === ' ') {
    const [base = '', ...pieces] = text.split(' ')
    const suffixes = pieces.map((piece) => {
      const suffix = piece === '' ? undefined : readSuffix(reading, piece)
      if (!suffix) {
        const kinds = convention.suffixes.map((rule) => spellSuffix({ ...rule, number: null }, convention))
        fail(reading, piece, `${JSON.stringify(piece)} after a space is not a suffix (${kinds.join(', ')})`)
      }
      return suffix
    })
    return { base, suffixes }
  }
  const suffixes: SymbolSuffix[] = []
  let base = text
  if (convention.suffixJoin === '()') {
    for (let match = /\(([^()]*)\)$/.exec(base); match; match = /\(([^()]*)\)$/.exec(base)) {
      const suffix = readSuffix(reading, match[1] ?? '')
      if (!suffix) break
      suffixes.unshift(suffix)
      base = base.slice(0, match.index)
    }
  }
  return { base, suffixes }
}

function parsePart(reading: Reading, text: string, before: string | undefined): SymbolPart {
  const { convention } = reading
  if (text === '') {
    fail(
      reading,
      text,
      before === undefined ? 'empty part before "-"' : `empty part after ${JSON.stringify(before)}`,
    )
  }
  const { base, suffixes: trailing } = splitTrailingSuffixes(reading, text)
  const pieces = base.split('/')
  const segments: string[] = []
  const suffixes: SymbolSuffix[] = []
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] ?? ''
    if (piece === '') {
      const problem =
        i === 0
          ? `empty segment before "/" in ${JSON.stringify(text)}`
          : `empty segment after ${JSON.stringify(pieces[i - 1])}`
      fail(reading, piece, problem)
    }
    const suffix = readSuffix(reading, piece)
    if (suffix) {
      if (convention.suffixJoin !== '/') {
        const where = convention.suffixJoin === ' ' ? 'after a space' : 'in "()"'
        fail(
          reading,
          piece,
          `suffix ${JSON.stringify(piece)} is written ${where} in ${reading.organisation} symbols, as in "${convention.example}"`,
        )
      }
      if (segments.length < 2) {
        fail(reading, piece, `suffix ${JSON.stringify(piece)} follows fewer than two segments`)
      }
      suffixes.push(suffix)
      continue
    }
    if (suffixes.length > 0) {
      fail(
        reading,
        piece,
        `segment ${JSON.stringify(piece)} after suffix ${JSON.stringify(pieces[i - 1] ?? '')}`,
      )
    }
    checkSegment(reading, piece, i === 0)
    segments.push(piece)
  }
  if (segments.length < convention.minSegments) {
    fail(reading, base, `${JSON.stringify(base)} needs at least two segments separated by "/"`)
  }
  if (segments.length < 2 && !segments[0]?.includes('(')) {
    fail(
      reading,
      base,
      `${JSON.stringify(base)} needs a year in "()" or at least two segments separated by "/"`,
    )
  }
  suffixes.push(...trailing)
  return { text: spellPart(segments, suffixes, convention), segments, suffixes }
}

function spellPart(segments: string[], suffixes: SymbolSuffix[], convention: SymbolConvention): string {
  const spelled = suffixes.map((suffix) => spellSuffix(suffix, convention))
  if (convention.suffixJoin === '/') return [...segments, ...spelled].join('/')
  if (convention.suffixJoin === ' ') return [segments.join('/'), ...spelled].join(' ')
  return segments.join('/') + spelled.map((suffix) => `(${suffix})`).join('')
}

/**
 * Parses a document symbol of `organisation` (WTO unless named) into its parts, segments and
 * suffixes, with its canonical text. Throws a {@link SymbolError} naming the first bad part.
 */
export function parseSymbol(text: string, organisation: Organisation = DEFAULT_ORGANISATION): ParsedSymbol {
  const convention = SYMBOL_CONVENTIONS[organisation]
  const reading: Reading = { symbol: text, organisation, convention }
  if (text === '') fail(reading, '', 'empty symbol')
  const note = convention.circularNotes ? CIRCULAR_NOTE.exec(text.trim()) : null
  if (note) {
    const spelled = `C.N. ${note[1]}`
    return { text: spelled, parts: [{ text: spelled, segments: ['C.N.', note[1] ?? ''], suffixes: [] }] }
  }
  let closed = text.replace(SPACED_SUFFIX_NUMBER, '$1.')
  if (convention.suffixJoin === ' ') closed = closed.trim().replace(/\s+/g, ' ')
  for (const char of closed) {
    if (!allowedCharacter(char, convention))
      fail(reading, char, `unexpected character ${JSON.stringify(char)}`)
  }
  const texts = convention.joint ? closed.split('-') : [closed]
  const parts: SymbolPart[] = []
  for (let i = 0; i < texts.length; i++) {
    parts.push(parsePart(reading, texts[i] ?? '', i === 0 ? undefined : texts[i - 1]))
  }
  return { text: parts.map((part) => part.text).join('-'), parts }
}

/** Whether `text` is a well-formed document symbol of `organisation` (what {@link parseSymbol} accepts). */
export function isValidSymbol(text: string, organisation: Organisation = DEFAULT_ORGANISATION): boolean {
  try {
    parseSymbol(text, organisation)
    return true
  } catch (error) {
    if (error instanceof SymbolError) return false
    throw error
  }
}

// A candidate starts with an upper-case letter that does not continue a word, a path, a URL or a number.
const CANDIDATE = /(?<![\p{L}\p{N}_/.\-@%=&?#~+:])[A-Z][A-Za-z0-9/().-]*/gu
const CIRCULAR_NOTE_IN_TEXT = /(?<![\p{L}\p{N}_/.])C\.\s?N\.\s?\d+/gu
const TRAILING_PUNCTUATION = /[.)-]$/
// Any organisation's suffix after a space: a symbol followed by one is cut short if read without it.
const SPACED_SUFFIX_AFTER = new RegExp(`^ (?:${SYMBOL_SUFFIX_KINDS.join('|')})\\.`)
// A candidate ending in a suffix kind and its dot (`…/Rev.`), whose number may follow after a space.
const ENDS_WITH_SUFFIX_DOT = new RegExp(`(?:^|[/(])(?:${SYMBOL_SUFFIX_KINDS.join('|')})\\.$`, 'i')

function trimCandidate(candidate: string): string {
  let text = candidate
  while (TRAILING_PUNCTUATION.test(text)) {
    const last = text.at(-1)
    if (last === ')' && count(text, '(') >= count(text, ')')) break
    text = text.slice(0, -1)
  }
  return text
}

function count(text: string, char: string): number {
  return text.split(char).length - 1
}

/** The suffixes written after spaces that follow a candidate, in a convention that writes them so. */
function spacedSuffixes(convention: SymbolConvention): RegExp | undefined {
  if (convention.suffixJoin !== ' ') return undefined
  const kinds = convention.suffixes.map((rule) => {
    if (rule.number === 'none') return rule.kind
    return rule.number === 'optional' ? `${rule.kind}\\.(?: ?\\d+)?` : `${rule.kind}\\. ?\\d+`
  })
  return new RegExp(`^(?: (?:${kinds.join('|')}))+`)
}

/**
 * Finds the document symbols of `organisation` inside free text (for input and paste rules and the
 * sample builder). Only well-formed symbols whose every part carries a digit are reported, so that
 * "CEFACT-ONU", "Timor-Leste", "trade4msmes.org" or "and/or" stay text; symbols inside URLs are
 * skipped; a symbol is taken whole or not at all (`A/66/1 Prov.1` is never found as `A/66/1`).
 */
export function findSymbols(text: string, organisation: Organisation = DEFAULT_ORGANISATION): FoundSymbol[] {
  const convention = SYMBOL_CONVENTIONS[organisation]
  const after = spacedSuffixes(convention)
  const found: FoundSymbol[] = []
  for (const match of text.matchAll(CANDIDATE)) {
    const from = match.index
    let raw = match[0]
    // `Rev. 1` in running text: the number after the space belongs to the symbol.
    const spacedNumber = /^ \d+/.exec(text.slice(from + raw.length))
    if (spacedNumber && ENDS_WITH_SUFFIX_DOT.test(raw)) {
      raw += spacedNumber[0]
    }
    let candidate = trimCandidate(raw)
    // A candidate glued to a letter we do not scan (accented, underscore) is part of a word.
    if (candidate === raw && /^[\p{L}\p{N}_]/u.test(text.slice(from + raw.length))) continue
    const suffixes = after?.exec(text.slice(from + candidate.length))
    if (suffixes) candidate += suffixes[0]
    const to = from + candidate.length
    const shaped = candidate.includes('/') || (convention.minSegments === 1 && candidate.includes('('))
    if (!shaped || !isValidSymbol(candidate, organisation)) continue
    if (SPACED_SUFFIX_AFTER.test(text.slice(to))) continue
    const parsed = parseSymbol(candidate, organisation)
    if (!parsed.parts.every((part) => /\d/.test(part.text))) continue
    found.push({ from, to, symbol: parsed.text })
  }
  if (convention.circularNotes) {
    for (const match of text.matchAll(CIRCULAR_NOTE_IN_TEXT)) {
      found.push({
        from: match.index,
        to: match.index + match[0].length,
        symbol: parseSymbol(match[0], organisation).text,
      })
    }
    found.sort((a, b) => a.from - b.from)
  }
  return found
}
