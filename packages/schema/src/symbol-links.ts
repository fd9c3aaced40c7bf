/**
 * Links from document symbols to the WTO Documents Online search, in the URL form the WTO uses in
 * its own notices (see the links at the end of the sample), one link per part of a joint symbol.
 */
import type { NoticeLanguage } from './notice-language'
import { parseSymbol, SymbolError } from './symbol-grammar'

/** The `Language=` value Documents Online expects for each notice language. */
export const DOCUMENTS_ONLINE_LANGUAGES = {
  en: 'English',
  fr: 'French',
  es: 'Spanish',
} as const satisfies Record<NoticeLanguage, string>

/** One link of a symbol: the part's text and its Documents Online search URL. */
export type SymbolLink = { text: string; href: string }

/**
 * The Documents Online search URL for one (non-joint) symbol part, finding the document and its
 * sub-documents (`/*`) in `language`. Throws {@link SymbolError} for a malformed or joint symbol.
 */
export function symbolSearchUrl(part: string, language: NoticeLanguage): string {
  const parsed = parseSymbol(part)
  if (parsed.parts.length !== 1) {
    throw new SymbolError(part, part, 'a search URL takes one part of a joint symbol, not the whole symbol')
  }
  // Symbols hold only [A-Za-z0-9/().], all legal in a query string, so they go in unescaped as in the WTO's own links.
  return (
    'https://docs.wto.org/dol2fe/Pages/FE_Search/FE_S_S006.aspx?DataSource=Cat' +
    `&query=@Symbol=%22${part}%22%20OR%20@Symbol=%22${part}/*%22` +
    `&Language=${DOCUMENTS_ONLINE_LANGUAGES[language]}&Context=ScriptedSearches&languageUIChanged=true`
  )
}

/** One link per part of `symbol` (a joint symbol links each of its documents separately). */
export function symbolLinks(symbol: string, language: NoticeLanguage): SymbolLink[] {
  return parseSymbol(symbol).parts.map((part) => ({
    text: part.text,
    href: symbolSearchUrl(part.text, language),
  }))
}
