/**
 * The one grammar for WTO document symbols (`INF/MSME/4/Rev.2`, `WT/MIN(24)/9`,
 * `INF/MSME/W/46/Rev.1-INF/TGE/W/7/Rev.1`): parsing, validation with errors that name the bad part,
 * and discovery of symbols inside free text. Every other module validates symbols through here.
 *
 * Grammar (a joint symbol is several parts joined by `-`):
 *   symbol  := part ('-' part)*
 *   part    := segment ('/' segment)+ ('/' suffix)*
 *   segment := [A-Z0-9]+ ('(' year ')')?     the first segment of a part starts with a letter (the series)
 *   year    := two or four digits            as in `WT/MIN(24)/9`
 *   suffix  := ('Rev' | 'Add' | 'Corr' | 'Suppl') '.' [0-9]+
 */

/** The suffix kinds a symbol part may end with, in the spelling used on WTO documents. */
export const SYMBOL_SUFFIX_KINDS = ['Rev', 'Add', 'Corr', 'Suppl'] as const

/** A suffix kind: revision, addendum, corrigendum or supplement. */
export type SymbolSuffixKind = (typeof SYMBOL_SUFFIX_KINDS)[number]

/** One suffix of a symbol part, such as `Rev.2` (`{ kind: 'Rev', number: 2 }`). */
export type SymbolSuffix = { kind: SymbolSuffixKind; number: number }

/** One part of a (possibly joint) symbol: `INF/MSME/W/46/Rev.1` has segments INF, MSME, W, 46 and suffix Rev.1. */
export type SymbolPart = { text: string; segments: string[]; suffixes: SymbolSuffix[] }

/** A parsed symbol: its canonical text and its parts (one part, or several for a joint symbol). */
export type ParsedSymbol = { text: string; parts: SymbolPart[] }

/** A symbol found inside free text: `text.slice(from, to) === symbol`. */
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

const SEGMENT = /^[A-Z0-9]+(?:\((?:\d{2}|\d{4})\))?$/
const SUFFIX = /^(Rev|Add|Corr|Suppl)\.(\d+)$/
const SUFFIX_PREFIX = /^(Rev|Add|Corr|Suppl)\./
const SUFFIX_WITHOUT_DOT = /^(Rev|Add|Corr|Suppl)\d+$/
const ALLOWED_CHARS = /^[A-Za-z0-9/().-]$/

function parsePart(symbol: string, text: string, before: string | undefined): SymbolPart {
  if (text === '') {
    const problem =
      before === undefined ? 'empty part before "-"' : `empty part after ${JSON.stringify(before)}`
    throw new SymbolError(symbol, text, problem)
  }
  const pieces = text.split('/')
  const segments: string[] = []
  const suffixes: SymbolSuffix[] = []
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] ?? ''
    if (piece === '') {
      const problem =
        i === 0
          ? `empty segment before "/" in ${JSON.stringify(text)}`
          : `empty segment after ${JSON.stringify(pieces[i - 1])}`
      throw new SymbolError(symbol, piece, problem)
    }
    if (SUFFIX_WITHOUT_DOT.test(piece)) {
      throw new SymbolError(
        symbol,
        piece,
        `suffix ${JSON.stringify(piece)} needs a "." before its number, as in "Rev.1"`,
      )
    }
    if (SUFFIX_PREFIX.test(piece)) {
      const match = SUFFIX.exec(piece)
      if (!match)
        throw new SymbolError(symbol, piece, `suffix ${JSON.stringify(piece)} needs a number, as in "Rev.1"`)
      if (segments.length < 2) {
        throw new SymbolError(
          symbol,
          piece,
          `suffix ${JSON.stringify(piece)} follows fewer than two segments`,
        )
      }
      suffixes.push({ kind: match[1] as SymbolSuffixKind, number: Number(match[2]) })
      continue
    }
    if (suffixes.length > 0) {
      const last = pieces[i - 1] ?? ''
      throw new SymbolError(
        symbol,
        piece,
        `segment ${JSON.stringify(piece)} after suffix ${JSON.stringify(last)}`,
      )
    }
    checkSegment(symbol, piece, i === 0)
    segments.push(piece)
  }
  if (segments.length < 2) {
    throw new SymbolError(
      symbol,
      text,
      `${JSON.stringify(text)} needs at least two segments separated by "/"`,
    )
  }
  return { text, segments, suffixes }
}

function checkSegment(symbol: string, segment: string, isSeries: boolean): void {
  if (SEGMENT.test(segment)) {
    if (isSeries && !/^[A-Z]/.test(segment)) {
      throw new SymbolError(symbol, segment, `series ${JSON.stringify(segment)} must start with a letter`)
    }
    return
  }
  const named = JSON.stringify(segment)
  if (/[a-z]/.test(segment) && SEGMENT.test(segment.toUpperCase())) {
    throw new SymbolError(symbol, segment, `segment ${named} must be upper case`)
  }
  const open = segment.indexOf('(')
  const close = segment.indexOf(')')
  if (open >= 0 && close < 0) throw new SymbolError(symbol, segment, `unclosed "(" in segment ${named}`)
  if (close >= 0 && (open < 0 || close < open)) {
    throw new SymbolError(symbol, segment, `unopened ")" in segment ${named}`)
  }
  if (open >= 0) {
    throw new SymbolError(
      symbol,
      segment,
      `segment ${named} must end with a year of two or four digits in "()"`,
    )
  }
  throw new SymbolError(symbol, segment, `segment ${named} may only hold upper-case letters and digits`)
}

/**
 * Parses a document symbol (possibly joint) into its parts, segments and suffixes.
 * Throws a {@link SymbolError} naming the first bad part.
 */
export function parseSymbol(text: string): ParsedSymbol {
  if (text === '') throw new SymbolError(text, '', 'empty symbol')
  for (const char of text) {
    if (!ALLOWED_CHARS.test(char)) {
      throw new SymbolError(text, char, `unexpected character ${JSON.stringify(char)}`)
    }
  }
  const texts = text.split('-')
  const parts: SymbolPart[] = []
  for (let i = 0; i < texts.length; i++) {
    parts.push(parsePart(text, texts[i] ?? '', i === 0 ? undefined : texts[i - 1]))
  }
  return { text, parts }
}

/** Whether `text` is a well-formed document symbol (what {@link parseSymbol} accepts). */
export function isValidSymbol(text: string): boolean {
  try {
    parseSymbol(text)
    return true
  } catch (error) {
    if (error instanceof SymbolError) return false
    throw error
  }
}

// A candidate starts with an upper-case letter that does not continue a word, a path, a URL or a number.
const CANDIDATE = /(?<![\p{L}\p{N}_/.\-@%=&?#~+:])[A-Z][A-Za-z0-9/().-]*/gu
const TRAILING_PUNCTUATION = /[.)-]$/

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

/**
 * Finds the document symbols inside free text (for input and paste rules and the sample builder).
 * Only well-formed symbols whose every part carries a digit are reported, so that "CEFACT-ONU",
 * "Timor-Leste", "trade4msmes.org" or "and/or" stay text; symbols inside URLs are skipped.
 */
export function findSymbols(text: string): FoundSymbol[] {
  const found: FoundSymbol[] = []
  for (const match of text.matchAll(CANDIDATE)) {
    const from = match.index
    const symbol = trimCandidate(match[0])
    const to = from + symbol.length
    // A candidate glued to a letter we do not scan (accented, underscore) is part of a word.
    if (to === from + match[0].length && /^[\p{L}\p{N}_]/u.test(text.slice(to))) continue
    if (!symbol.includes('/') || !isValidSymbol(symbol)) continue
    if (!parseSymbol(symbol).parts.every((part) => /\d/.test(part.text))) continue
    found.push({ from, to, symbol })
  }
  return found
}
