/**
 * The words a notice uses in each of its languages that the recogniser looks for: months,
 * honorifics, document kinds, revision words, meeting modes, agenda-item words ("Point 2."), and the
 * stop words that tell the languages apart. Data only; the rules that read it live elsewhere.
 */
import { MONTH_NAMES, type NoticeLanguage } from '@convene/schema'

/** Month names in lower case, in calendar order, per language. */
export const MONTHS: Record<NoticeLanguage, readonly string[]> = {
  en: MONTH_NAMES.en.map((month) => month.toLowerCase()),
  fr: MONTH_NAMES.fr,
  es: MONTH_NAMES.es,
}

/**
 * Honorifics written before a name, longest first so that "H.E. Mr" wins over "H.E.". Title-first
 * forms ("M. l'Ambassadeur", "Ambassador", "la Embajadora") are honorifics too: the notice prints
 * them before the name.
 */
export const HONORIFICS: readonly string[] = [
  "S.E. M. l'Ambassadeur",
  "S.E. Mme l'Ambassadrice",
  "M. l'Ambassadeur",
  "Mme l'Ambassadrice",
  'S.E. el Embajador',
  'S.E. la Embajadora',
  'S.E. Sr.',
  'S.E. Sra.',
  'Excmo. Sr.',
  'Excma. Sra.',
  'H.E. Ambassador',
  'H.E. Mr',
  'H.E. Ms',
  'H.E. Mrs',
  'H.E. Dr',
  'H.E.',
  'S.E. M.',
  'S.E. Mme',
  'S.E.',
  'Ambassador',
  'Ambassadeur',
  'Ambassadrice',
  'el Embajador',
  'la Embajadora',
  'Embajador',
  'Embajadora',
  'Professor',
  'Professeur',
  'Profesor',
  'Profesora',
  'Prof.',
  'Dr.',
  'Dr',
  'Dra.',
  'Mrs',
  'Mr.',
  'Mr',
  'Ms.',
  'Ms',
  'Mme',
  'Mlle',
  'M.',
  'Sr.',
  'Sra.',
  'Srta.',
  'Don',
  'Doña',
]

/** Prepositions that join a speaker's role to the organisation they speak for, per language, longest first. */
export const ORGANISATION_PREPOSITIONS: Record<NoticeLanguage, readonly string[]> = {
  en: ['of the', 'at the', 'for the', 'of', 'at', 'for', 'from the', 'from'],
  fr: [
    'auprès de la',
    'auprès du',
    "auprès de l'",
    'à la',
    "à l'",
    'au',
    'aux',
    'de la',
    "de l'",
    'du',
    'des',
    "d'",
    'de',
  ],
  es: ['de la', 'del', 'en la', 'en el', 'de los', 'de las', 'de'],
}

/**
 * Prepositions that place a speaker in an organisation rather than name a field of work: when a
 * role holds several, the organisation follows the last of these ("spécialiste du commerce des PME
 * à l'Union postale"), else the first of the others ("Première Secrétaire de la Mission permanente").
 */
export const PLACING_PREPOSITIONS: Record<NoticeLanguage, readonly string[]> = {
  en: ['at the', 'at', 'from the', 'from'],
  fr: ['auprès de la', 'auprès du', "auprès de l'", 'à la', "à l'", 'au', 'aux'],
  es: ['en la', 'en el'],
}

/** Titles of the document kind a header names, lower case, per language (matched whole). */
export const DOCUMENT_KINDS: Record<NoticeLanguage, readonly string[]> = {
  en: [
    'notice of meeting',
    'convening notice',
    'notice',
    'provisional agenda',
    'draft agenda',
    'agenda',
    'annotated provisional agenda',
    'draft annotated agenda',
    'invitation',
    'convocation',
  ],
  fr: [
    'avis de convocation',
    'avis de réunion',
    'convocation',
    'ordre du jour provisoire',
    'projet d’ordre du jour',
    "projet d'ordre du jour",
    'ordre du jour provisoire annoté',
    'ordre du jour',
  ],
  es: [
    'aviso de convocación',
    'aviso de reunión',
    'convocatoria',
    'orden del día provisional',
    'proyecto de orden del día',
    'orden del día provisional anotado',
    'orden del día',
  ],
}

/** The words that mark a revision line ("Revision", "Révision", "Revisión"), per language. */
export const REVISION_WORDS: Record<NoticeLanguage, readonly string[]> = {
  en: ['revision'],
  fr: ['révision'],
  es: ['revisión'],
}

/** Words introducing an agenda item in running form ("Item 2.", "Point 2.", "Punto 2."), per language. */
export const ITEM_WORDS: Record<NoticeLanguage, readonly string[]> = {
  en: ['agenda item', 'item', 'point'],
  fr: ["point de l'ordre du jour", 'point', 'question'],
  es: ['punto del orden del día', 'punto', 'tema'],
}

/** Words naming a meeting body in a header line ("Committee on ...", "Groupe de travail ..."). */
export const BODY_WORDS: readonly string[] = [
  'committee',
  'council',
  'group',
  'working party',
  'assembly',
  'board',
  'conference',
  'commission',
  'session',
  'forum',
  'meeting',
  'panel',
  'workshop',
  'body',
  'programme',
  'comité',
  'conseil',
  'groupe',
  'assemblée',
  'conférence',
  'organe',
  'réunion',
  'atelier',
  'comisión',
  'consejo',
  'grupo',
  'asamblea',
  'conferencia',
  'junta',
  'órgano',
  'reunión',
  'taller',
]

/** Phrases saying how a meeting is held, per mode. */
export const MODE_PHRASES: Record<'hybrid' | 'virtual' | 'in-person', readonly string[]> = {
  hybrid: ['hybrid', 'hybride', 'híbrido', 'híbrida', 'mixte'],
  virtual: ['virtual', 'virtuel', 'virtuelle', 'online', 'en ligne', 'à distance', 'remote', 'distancia'],
  'in-person': ['in person', 'in-person', 'en présentiel', 'presencial'],
}

/** Video platforms a notice names. */
export const PLATFORMS: readonly string[] = [
  'Interprefy',
  'Zoom',
  'Webex',
  'Microsoft Teams',
  'Teams',
  'KUDO',
]

/** Frequent short words of each language: the language whose words a text uses most is its language. */
export const STOP_WORDS: Record<NoticeLanguage, readonly string[]> = {
  en: ['the', 'of', 'and', 'to', 'in', 'on', 'will', 'be', 'for', 'with', 'by', 'is', 'at', 'meeting'],
  fr: ['le', 'la', 'les', 'des', 'du', 'et', 'sur', 'pour', 'dans', 'une', 'sera', 'réunion', 'au', 'aux'],
  es: ['el', 'los', 'las', 'del', 'y', 'en', 'para', 'por', 'una', 'será', 'reunión', 'con', 'sobre'],
}
