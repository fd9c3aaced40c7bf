/**
 * Links from document symbols to their own organisation's document repository, in the notice's
 * language, one link per part of a joint symbol. Only organisations that publish a stable URL built
 * from the symbol get links; the others' symbols print as plain text, never as a link to another
 * organisation's repository.
 */
import type { NoticeLanguage } from './notice-language'
import { DEFAULT_ORGANISATION, type Organisation } from './organisations'
import { parseSymbol, SymbolError, type SymbolPart } from './symbol-grammar'

/** The `Language=` value WTO Documents Online expects for each notice language. */
export const DOCUMENTS_ONLINE_LANGUAGES = {
  en: 'English',
  fr: 'French',
  es: 'Spanish',
} as const satisfies Record<NoticeLanguage, string>

/** One part of a symbol as printed: its text and its URL, undefined where the part has no stable URL. */
export type SymbolLink = { text: string; href: string | undefined }

/** Builds the URL of one symbol part, or undefined when this part has no stable URL. */
type LinkForm = (part: SymbolPart, language: NoticeLanguage) => string | undefined

/**
 * The WTO Documents Online search URL for one (non-joint) symbol part, finding the document and its
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

// The UN Official Document System resolves every UN symbol (UNECE's included) by this short form.
const undocs: LinkForm = (part, language) => `https://undocs.org/${language}/${part.text}`

// WHO governing-body papers: EB147/1 Add.1 is pdf_files/EB147/B147_1Add1-en.pdf, A77/1 is WHA77/A77_1-en.pdf.
const WHO_LANGUAGES = { en: 'en', fr: 'fr', es: 'sp' } as const satisfies Record<NoticeLanguage, string>
const whoGoverningBodies: LinkForm = (part, language) => {
  const [series = '', number = '', ...more] = part.segments
  const body = /^(EB|A)(\d+)$/.exec(series)
  if (!body || !/^\d+$/.test(number) || more.length > 0) return undefined
  const folder = body[1] === 'EB' ? `EB${body[2]}` : `WHA${body[2]}`
  const file = `${body[1] === 'EB' ? 'B' : 'A'}${body[2]}_${number}`
  const suffixes = part.suffixes.map((suffix) => `${suffix.kind}${suffix.number ?? ''}`).join('')
  return `https://apps.who.int/gb/ebwha/pdf_files/${folder}/${file}${suffixes}-${WHO_LANGUAGES[language]}.pdf`
}

// OECD publishes in English and French; a Spanish notice links the English text.
const oecdDocuments: LinkForm = (part, language) =>
  `https://one.oecd.org/document/${part.text}/${language === 'fr' ? 'fr' : 'en'}/pdf`

/**
 * Each organisation's link form. WIPO, ITU and UNIDO address documents by internal ids or by
 * meeting folders that the symbol does not give, so their symbols are not linked.
 */
const LINK_FORMS: Record<Organisation, LinkForm | undefined> = {
  WTO: (part, language) => symbolSearchUrl(part.text, language),
  UN: undocs,
  UNECE: undocs,
  WHO: whoGoverningBodies,
  OECD: oecdDocuments,
  WIPO: undefined,
  ITU: undefined,
  UNIDO: undefined,
}

/**
 * Each part of `symbol` with its link (a joint symbol links each of its documents separately) in its
 * organisation's repository; href is undefined for an organisation or part without a stable URL form.
 */
export function symbolLinks(
  symbol: string,
  language: NoticeLanguage,
  organisation: Organisation = DEFAULT_ORGANISATION,
): SymbolLink[] {
  const form = LINK_FORMS[organisation]
  return parseSymbol(symbol, organisation).parts.map((part) => ({
    text: part.text,
    href: form?.(part, language),
  }))
}
