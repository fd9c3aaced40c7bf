/**
 * The spaces and joins of official typography, applied once to every printed string: no-break
 * spaces after honorifics ("M. Ahmed Mzé"), before a number that follows a word such as annexe,
 * item or point ("(annexe 5)"), between a day and its month, and in French before `: ; ? !` and inside
 * guillemets; and the word joiners that keep a document symbol on one line in PDF and DOCX.
 * @module
 */
import { MONTH_NAMES, type NoticeLanguage } from '@convene/schema'

/** U+00A0, the no-break space. */
export const NO_BREAK_SPACE = '\u00a0'
/** U+202F, the narrow no-break space French sets before `; ? !` and inside guillemets. */
export const NARROW_NO_BREAK_SPACE = '\u202f'
/** U+2060, the word joiner: no line break on either side, no width, no glyph in the text layer. */
export const WORD_JOINER = '\u2060'

// Honorifics and forms of address of English, French and Spanish notices, followed by a name.
const HONORIFIC =
  /(?<![\p{L}\p{N}.])(M\.|MM\.|Mmes?|Mlle|Dr\.?|Pr\.?|Prof\.|Mr\.?|Mrs\.?|Ms\.?|Sr\.|Sres\.|Sra\.|Sras\.|Srta\.|Dra\.|Dña\.|D\.|S\.E\.|H\.E\.|S\.Exc\.) (?=\p{Lu})/gu

// Words that a number follows as a reference: "(annexe 5)", "item 3", "point 2", "page 4", "No. 7".
const NUMBERED_WORD =
  /(?<![\p{L}\p{N}])(annexes?|annex|anexos?|items?|points?|puntos?|paragraphs?|paragraphes?|párrafos?|pages?|páginas?|articles?|artículos?|sections?|secciones?|sección|chapters?|chapitres?|capítulos?|tables?|tableaux?|cuadros?|rooms?|salles?|salas?|sessions?|sesión|sesiones|Nos?\.|n[°º]s?) (?=\d)/giu

// Spanish also writes September "setiembre".
const MONTHS = [...MONTH_NAMES.en, ...MONTH_NAMES.fr, ...MONTH_NAMES.es, 'setiembre'].join('|')
// "19 mars", "19 de marzo", "March 19": a day stays with its month.
const DAY_MONTH = new RegExp(`(?<![\\p{N}])(\\d{1,2}(?:er)?) (?=(?:de )?(?:${MONTHS})(?![\\p{L}]))`, 'gu')
const MONTH_DAY = new RegExp(`(?<![\\p{L}])(${MONTH_NAMES.en.join('|')}) (?=\\d{1,2}(?!\\d))`, 'gu')
// "10 h 30", "15 heures", "25 %": a number stays with its unit.
const NUMBER_UNIT = /(?<=\d) (?=(?:h|heures?|horas?|hours?|%|a\.m\.|p\.m\.)(?![\p{L}]))/gu

/** `text` with the no-break spaces its language's typography wants in place of ordinary spaces. */
export function typographicSpaces(text: string, language: NoticeLanguage): string {
  let out = text
    .replace(HONORIFIC, `$1${NO_BREAK_SPACE}`)
    .replace(NUMBERED_WORD, `$1${NO_BREAK_SPACE}`)
    .replace(DAY_MONTH, `$1${NO_BREAK_SPACE}`)
    .replace(MONTH_DAY, `$1${NO_BREAK_SPACE}`)
    .replace(NUMBER_UNIT, NO_BREAK_SPACE)
  if (language === 'fr') {
    out = out
      .replace(/ (?=:)/g, NO_BREAK_SPACE)
      .replace(/ (?=[;?!»])/g, NARROW_NO_BREAK_SPACE)
      .replace(/« /g, `«${NARROW_NO_BREAK_SPACE}`)
  }
  return out
}

/** `text` with a word joiner between its characters, so that no line breaks inside it. */
export function unbreakable(text: string): string {
  return [...text].join(WORD_JOINER)
}
