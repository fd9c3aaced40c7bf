/**
 * The next document of a series: a notice symbol such as `INF/MSME/N/27` numbers one meeting's
 * notice in a series, so the next meeting's notice is `INF/MSME/N/28`. Read with the organisation's
 * own symbol rules (symbol-grammar.ts), so a revision suffix or a year in "()" is never taken for
 * the number.
 */
import { DEFAULT_ORGANISATION, type Organisation } from './organisations'
import { parseSymbol, SymbolError } from './symbol-grammar'

/**
 * The symbol that follows `symbol` in its series under `organisation`'s rules: its last all-digit
 * segment plus one, keeping any leading zeros' width (`WT/L/099` -> `WT/L/100`), without the
 * suffixes (`INF/MSME/N/27/Rev.1` -> `INF/MSME/N/28`). Null when there is no such number (a joint
 * symbol, a symbol without a numbered segment) or `symbol` is not a valid symbol.
 */
export function nextSymbolInSeries(
  symbol: string,
  organisation: Organisation = DEFAULT_ORGANISATION,
): string | null {
  let parsed: ReturnType<typeof parseSymbol>
  try {
    parsed = parseSymbol(symbol, organisation)
  } catch (error) {
    if (error instanceof SymbolError) return null
    throw error
  }
  const [part, ...others] = parsed.parts
  if (!part || others.length > 0 || parsed.text.startsWith('C.N. ')) return null
  const segments = [...part.segments]
  let index = segments.length - 1
  while (index > 0 && !/^\d+$/.test(segments[index] ?? '')) index--
  const number = segments[index] ?? ''
  if (index === 0 || !/^\d+$/.test(number)) return null
  segments[index] = String(Number(number) + 1).padStart(number.length, '0')
  // Only a number grew by a digit at most: still a symbol of the same convention.
  return parseSymbol(segments.join('/'), organisation).text
}
