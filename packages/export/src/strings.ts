/**
 * The fixed words of an exported notice in each notice language (en, fr, es), and the date and
 * time formats official notices use. Hand-written rather than taken from `Intl`, so an ICU update
 * can never change the bytes of a frozen revision's export.
 * @module
 */
import { type MeetingMode, MONTH_NAMES, type NoticeLanguage, WEEKDAY_NAMES } from '@convene/schema'

/** Every fixed string an exporter prints, for one language. */
export type NoticeStrings = {
  /** The line under the title of a revised notice ("Révision"). */
  revision: string
  /** The heading of the table of contents. */
  contents: string
  /** "Page", before "n/N" in headers and footers. */
  page: string
  /** The diagonal watermark word of a draft preview. */
  draftWatermark: string
  /** The banner sentence of a draft preview. */
  draftBanner: string
  /** Labels of the logistics block, in the order it is printed. */
  logistics: { date: string; time: string; duration: string; mode: string; place: string; platform: string }
  /** How each meeting mode reads after its label. */
  modes: Record<MeetingMode, string>
  /** The document property keyword naming the revision hash. */
  revisionHash: string
  /** The accessible name of the table of contents navigation. */
  contentsNav: string
  /** "Agenda", the accessible name of the agenda section. */
  agenda: string
}

/** The fixed strings of every notice language. */
export const NOTICE_STRINGS = {
  en: {
    revision: 'Revision',
    contents: 'Contents',
    page: 'Page',
    draftWatermark: 'DRAFT',
    draftBanner: 'Draft preview: not for circulation',
    logistics: {
      date: 'Date',
      time: 'Time',
      duration: 'Duration',
      mode: 'Format',
      place: 'Venue',
      platform: 'Platform',
    },
    modes: { 'in-person': 'in person', virtual: 'virtual', hybrid: 'hybrid' },
    revisionHash: 'revision hash',
    contentsNav: 'Table of contents',
    agenda: 'Agenda',
  },
  fr: {
    revision: 'Révision',
    contents: 'Table des matières',
    page: 'Page',
    draftWatermark: 'PROJET',
    draftBanner: 'Projet (aperçu): ne pas distribuer',
    logistics: {
      date: 'Date',
      time: 'Heure',
      duration: 'Durée',
      mode: 'Mode',
      place: 'Lieu',
      platform: 'Plate-forme',
    },
    modes: { 'in-person': 'en présentiel', virtual: 'virtuel', hybrid: 'hybride' },
    revisionHash: 'empreinte de la révision',
    contentsNav: 'Table des matières',
    agenda: 'Ordre du jour',
  },
  es: {
    revision: 'Revisión',
    contents: 'Índice',
    page: 'Página',
    draftWatermark: 'BORRADOR',
    draftBanner: 'Borrador (vista previa): no distribuir',
    logistics: {
      date: 'Fecha',
      time: 'Hora',
      duration: 'Duración',
      mode: 'Modalidad',
      place: 'Lugar',
      platform: 'Plataforma',
    },
    modes: { 'in-person': 'presencial', virtual: 'virtual', hybrid: 'híbrida' },
    revisionHash: 'huella de la revisión',
    contentsNav: 'Índice',
    agenda: 'Orden del día',
  },
} as const satisfies Record<NoticeLanguage, NoticeStrings>

/**
 * A `YYYY-MM-DD` date as official notices write it ("8 mars 2024", "8 March 2024",
 * "8 de marzo de 2024"), optionally with the weekday ("mardi 19 mars 2024"). A value that is not
 * such a date is returned as it is, so a half-filled draft still renders.
 */
export function formatNoticeDate(iso: string, language: NoticeLanguage, withWeekday = false): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  const month = match ? MONTH_NAMES[language][Number(match[2]) - 1] : undefined
  if (!match || month === undefined) return iso
  const year = Number(match[1])
  const day = Number(match[3])
  const weekday = WEEKDAY_NAMES[language][new Date(Date.UTC(year, Number(match[2]) - 1, day)).getUTCDay()]
  const date = language === 'es' ? `${day} de ${month} de ${year}` : `${day} ${month} ${year}`
  if (!withWeekday || weekday === undefined) return date
  return language === 'en' ? `${weekday}, ${date}` : `${weekday} ${date}`
}

/**
 * An `HH:MM` time as official notices write it: "15 heures" / "15 h 30", "3 p.m." / "10.30 a.m.",
 * "15.00 horas". Anything else is returned as it is.
 */
export function formatNoticeTime(hhmm: string, language: NoticeLanguage): string {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm)
  if (!match) return hhmm
  const hours = Number(match[1])
  const minutes = match[2] ?? '00'
  if (language === 'fr') return minutes === '00' ? `${hours} heures` : `${hours} h ${minutes}`
  if (language === 'es') return `${hours}.${minutes} horas`
  const h12 = hours % 12 === 0 ? 12 : hours % 12
  const suffix = hours < 12 ? 'a.m.' : 'p.m.'
  if (hours === 12 && minutes === '00') return 'noon'
  return minutes === '00' ? `${h12} ${suffix}` : `${h12}.${minutes} ${suffix}`
}

const FR_FEMININE = /^(commission|conférence|réunion|session|division|section|table)\b/i
const ES_FEMININE = /^(comisión|conferencia|reunión|sesión|división|sección|mesa)\b/i

/** "du Groupe", "de l'Organe", "de la Commission": the French "of the" before a body's name. */
function frOf(body: string): string {
  if (/^[aeiouyéèêàâîïôûœh]/i.test(body)) return `de l'${body}`
  return FR_FEMININE.test(body) ? `de la ${body}` : `du ${body}`
}

/** "del Comité", "de la Comisión": the Spanish "of the" before a body's name. */
function esOf(body: string): string {
  return ES_FEMININE.test(body) ? `de la ${body}` : `del ${body}`
}

/**
 * The circulation sentence under the title: "L'avis de convocation ci-après, daté du 8 mars 2024,
 * est distribué à la demande du coordonnateur du Groupe ..., M. l'Ambassadeur ... (Barbade)."
 * Parts whose value is empty are left out rather than printed blank.
 */
export function circulationSentence(
  language: NoticeLanguage,
  parts: { issueDate: string; issuingBody: string; coordinator: string },
): string {
  const date = parts.issueDate === '' ? '' : formatNoticeDate(parts.issueDate, language)
  const coordinator = parts.coordinator === '' ? '' : `, ${parts.coordinator}`
  const body = parts.issuingBody
  if (language === 'fr') {
    const dated = date === '' ? '' : `, daté du ${date},`
    const of = body === '' ? '' : ` ${frOf(body)}`
    return `L'avis de convocation ci-après${dated} est distribué à la demande du coordonnateur${of}${coordinator}.`
  }
  if (language === 'es') {
    const dated = date === '' ? '' : `, de fecha ${date},`
    const of = body === '' ? '' : ` ${esOf(body)}`
    return `La siguiente convocatoria${dated} se distribuye a petición del coordinador${of}${coordinator}.`
  }
  const dated = date === '' ? '' : `, dated ${date},`
  const of = body === '' ? '' : ` of the ${body}`
  return `The following notice${dated} is being circulated at the request of the coordinator${of}${coordinator}.`
}

/** True when a revision label names a numbered revision ("Rev.1", "Rev. 2"). */
export function isRevLabel(label: string | null | undefined): label is string {
  return label != null && /^Rev\.\s?\d+$/.test(label.trim())
}
