/**
 * Reads a notice's header into its metadata: the issuing body, the document kind (its title), the
 * symbol, the issue date, a revision, the distribution line ("The following notice, dated …, is
 * circulated at the request of the Coordinator …, Ambassador …") and labelled logistics lines
 * ("Date:", "Lieu :", "Hora:"); then the meeting date, time, duration, mode, place and platform from
 * the first paragraphs when the notice says them in running text.
 */
import {
  isValidSymbol,
  type MeetingMode,
  type NoticeLanguage,
  type NoticeMetaPatch,
  ORGANISATIONS,
  type Organisation,
  parseSymbol,
} from '@convene/schema'
import type { HeaderLine } from './import-report'
import { BODY_WORDS, DOCUMENT_KINDS, MODE_PHRASES, PLATFORMS, REVISION_WORDS } from './language-words'
import type { LogicalBlock } from './logical-blocks'
import { findDates, findTime, isDateLine } from './meeting-dates'
import { regexSource } from './regex-source'

/** What the header gave: metadata fields and the blocks that became them (by index in the header blocks). */
export type HeaderReading = { meta: NoticeMetaPatch; consumed: Map<number, HeaderLine> }

const ORGANISATION_LINES: Record<Organisation, RegExp> = {
  WTO: /^(?:world trade organi[sz]ation|organisation mondiale du commerce|organización mundial del comercio)$/i,
  WIPO: /^(?:world intellectual property organi[sz]ation|organisation mondiale de la propriété intellectuelle|organización mundial de la propiedad intelectual)$/i,
  WHO: /^(?:world health organi[sz]ation|organisation mondiale de la santé|organización mundial de la salud)$/i,
  ITU: /^(?:international telecommunication union|union internationale des télécommunications|unión internacional de telecomunicaciones)$/i,
  UNECE:
    /^(?:(?:united nations )?economic commission for europe|commission économique pour l'europe|comisión económica para europa)$/i,
  UN: /^(?:united nations|nations unies|naciones unidas)$/i,
  UNIDO: /^(?:united nations industrial development organi[sz]ation|onudi|unido)$/i,
  OECD: /^(?:organi[sz]ation for economic co-?operation and development|organisation de coopération et de développement économiques)$/i,
}

const LABELLED: { field: keyof NoticeMetaPatch; pattern: RegExp }[] = [
  { field: 'meetingDate', pattern: /^(?:date|dates|fecha|fechas)\s*:\s*(.+)$/i },
  { field: 'meetingTime', pattern: /^(?:time|heure|horaire|hora|horario)\s*:\s*(.+)$/i },
  { field: 'place', pattern: /^(?:venue|place|location|lieu|salle|lugar|sede|sala|room)\s*:\s*(.+)$/i },
  { field: 'mode', pattern: /^(?:mode|format|modalidad|modalité)\s*:\s*(.+)$/i },
  { field: 'platform', pattern: /^(?:platform|plate-forme|plateforme|plataforma)\s*:\s*(.+)$/i },
  {
    field: 'coordinator',
    pattern:
      /^(?:coordinator|chair|chairperson|coordonnateur|coordonnatrice|président|présidente|coordinador|coordinadora|presidente|presidenta)\s*:\s*(.+)$/i,
  },
]

const DISTRIBUTION = [
  /\bdated\s+(.+?),\s+is\s+(?:being\s+)?(?:circulated|issued)\s+at\s+the\s+request\s+of\s+.+,\s+(.+?)\.?$/iu,
  /\bdatée?\s+du\s+(.+?),\s+est\s+distribuée?\s+à\s+la\s+demande\s+.+,\s+(.+?)\.?$/iu,
  /\bde\s+fecha\s+(.+?),\s+se\s+distribuye\s+a\s+(?:petición|solicitud)\s+.+,\s+(.+?)\.?$/iu,
]

// What stands before a header's symbol: a distribution mark, or the word for document ("Documento C24/1").
const SECURITY =
  /^(?:restricted|restreint|reservado|general|générale|limited|limitée|limitada|document|documento|doc\.)\s+/i

/** The organisation a header line names, or undefined. */
function organisationLine(text: string): Organisation | undefined {
  return ORGANISATIONS.find((organisation) => ORGANISATION_LINES[organisation].test(text.trim()))
}

/** The symbol a header line consists of (after a "RESTRICTED" and before nothing), in the organisation's grammar. */
function symbolLine(text: string, organisation: Organisation): string | undefined {
  const candidate = text.replace(SECURITY, '').trim()
  if (!/[/\d]/.test(candidate) || !/\d/.test(candidate) || candidate.split(' ').length > 3) return undefined
  return isValidSymbol(candidate, organisation) ? parseSymbol(candidate, organisation).text : undefined
}

/** The mixed-case spelling of `upper` where the notice also writes it in running text, else `upper` sentence-cased. */
export function restoreCase(upper: string, text: string): string {
  if (upper !== upper.toUpperCase()) return upper
  const escaped = regexSource(upper).replace(/\s+/g, '\\s+')
  for (const match of text.matchAll(new RegExp(escaped, 'giu'))) {
    if (match[0] !== match[0].toUpperCase()) {
      const found = match[0].replace(/\s+/g, ' ')
      return found.charAt(0).toUpperCase() + found.slice(1)
    }
  }
  const lower = upper.toLowerCase()
  return lower.charAt(0).toUpperCase() + lower.slice(1)
}

function revisionLine(text: string, language: NoticeLanguage): string | undefined {
  const lower = text.trim().toLowerCase()
  for (const word of REVISION_WORDS[language]) {
    const match = new RegExp(`^${word}(?:\\s+(\\d+))?$`, 'u').exec(lower)
    if (match) return `Rev.${match[1] ?? '1'}`
  }
  const suffix = /^(rev|add|corr)\.\s?(\d+)$/i.exec(text.trim())
  if (suffix)
    return `${(suffix[1] ?? '').charAt(0).toUpperCase()}${(suffix[1] ?? '').slice(1).toLowerCase()}.${suffix[2]}`
  if (/^(?:addendum|corrigendum)$/i.test(text.trim()))
    return text.trim().toLowerCase().startsWith('add') ? 'Add.1' : 'Corr.1'
  return undefined
}

function kindLine(text: string, language: NoticeLanguage): boolean {
  const lower = text.trim().toLowerCase().replace(/\s+/g, ' ')
  return DOCUMENT_KINDS[language].includes(lower)
}

function bodyLine(text: string): boolean {
  const lower = text.toLowerCase()
  return (
    text.length <= 160 &&
    !/[.;:]$/.test(text.trim()) &&
    BODY_WORDS.some((word) => new RegExp(`(?<![\\p{L}])${word}(?![\\p{L}])`, 'u').test(lower))
  )
}

/** The meeting mode a sentence names, if any. */
export function meetingMode(text: string): MeetingMode | undefined {
  const lower = text.toLowerCase()
  for (const mode of ['hybrid', 'virtual', 'in-person'] as const) {
    if (
      MODE_PHRASES[mode].some((phrase) => new RegExp(`(?<![\\p{L}])${phrase}(?![\\p{L}])`, 'u').test(lower))
    )
      return mode
  }
  return undefined
}

/**
 * Reads the header: `blocks` are the blocks before the first agenda item, `text` the whole notice
 * (for the mixed-case spelling of a body written in capitals). Reading stops at the first long
 * paragraph that is not a distribution line.
 */
export function readHeader(
  blocks: readonly LogicalBlock[],
  language: NoticeLanguage,
  organisation: Organisation,
  text: string,
): HeaderReading {
  const meta: NoticeMetaPatch = {}
  const consumed = new Map<number, HeaderLine>()
  const take = (index: number, field: string) =>
    consumed.set(index, { text: blocks[index]?.text ?? '', field })
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index] as LogicalBlock
    const line = block.text
    if (block.kind !== 'text' && block.kind !== 'heading') break
    const distribution = DISTRIBUTION.map((pattern) => pattern.exec(line)).find((match) => match)
    if (distribution) {
      const date = findDates(distribution[1] ?? '')[0]
      if (date && meta.issueDate === undefined) meta.issueDate = date.iso
      meta.coordinator = distribution[2] ?? ''
      take(index, 'coordinator')
      continue
    }
    if (line.length > 200) break
    const named = organisationLine(line)
    const symbol = symbolLine(line, organisation)
    const revision = revisionLine(line, language)
    const labelled = LABELLED.map(({ field, pattern }) => ({ field, match: pattern.exec(line) })).find(
      ({ match }) => match,
    )
    if (named) {
      take(index, 'organisation')
    } else if (symbol && meta.symbol === undefined) {
      meta.symbol = symbol
      take(index, 'symbol')
    } else if (isDateLine(line) && meta.issueDate === undefined) {
      meta.issueDate = findDates(line)[0]?.iso ?? ''
      take(index, 'issueDate')
    } else if (revision && meta.revisionLabel === undefined) {
      meta.revisionLabel = revision
      take(index, 'revisionLabel')
    } else if (kindLine(line, language) && meta.title === undefined) {
      meta.title = restoreCase(line, text)
      take(index, 'title')
    } else if (labelled?.match) {
      const value = (labelled.match[1] ?? '').trim()
      if (labelled.field === 'meetingDate') {
        const date = findDates(value)[0]
        if (!date) continue
        meta.meetingDate = date.iso
        const time = findTime(value.slice(date.to))
        if (time) meta.meetingTime = time
      } else if (labelled.field === 'meetingTime') {
        const time = findTime(value)
        if (!time) continue
        meta.meetingTime = time
      } else if (labelled.field === 'mode') {
        const mode = meetingMode(value)
        if (!mode) continue
        meta.mode = mode
      } else {
        meta[labelled.field as 'place' | 'platform' | 'coordinator'] = value
      }
      meta.logistics = 'shown'
      take(index, labelled.field)
    } else if (bodyLine(line) && meta.issuingBody === undefined && index < 8) {
      meta.issuingBody = restoreCase(line, text)
      take(index, 'issuingBody')
    } else if (line.length > 160) {
      break
    }
  }
  // A header symbol written with its revision ("INF/MSME/N/27/Rev.1") is the notice's symbol and its revision label.
  const revised = meta.symbol ? /(?:\/| |\()(Rev\.\d+)\)?$/.exec(meta.symbol) : null
  if (meta.symbol && revised && (meta.revisionLabel === undefined || meta.revisionLabel === revised[1])) {
    meta.symbol = meta.symbol.slice(0, revised.index)
    meta.revisionLabel = revised[1] ?? ''
  }
  return { meta, consumed }
}

const CONVENING =
  /\b(?:will (?:hold|meet)|will take place|is convened|shall meet|tiendra|se réunira|aura lieu|est convoquée?|celebrará|se reunirá|tendrá lugar|se celebrará)\b/iu

/**
 * The meeting details said in running text by the first convening sentence of the preamble ("will
 * hold its next meeting in hybrid mode on Tuesday 19 March 2024 at 3 p.m."), and the platform named
 * in the paragraphs after it. The notice then does not print a separate details block.
 */
export function readLogistics(paragraphs: readonly string[]): NoticeMetaPatch {
  const at = paragraphs.findIndex((paragraph) => CONVENING.test(paragraph))
  if (at < 0) return {}
  const sentence = paragraphs[at] ?? ''
  const meta: NoticeMetaPatch = { logistics: 'hidden' }
  const date = findDates(sentence)[0]
  if (date) {
    meta.meetingDate = date.iso
    const time = findTime(sentence.slice(date.to))
    if (time) meta.meetingTime = time
  }
  const duration = /\(([^()]*(?:journée|day|día|jornada|heures|hours|horas)[^()]*)\)/iu.exec(sentence)
  if (duration) meta.duration = duration[1] ?? ''
  const mode = meetingMode(sentence)
  if (mode) meta.mode = mode
  const room =
    /\b(?:in|en|dans)\s+(?:the\s+|la\s+)?((?:Room|Salle|Sala|Council Room|salle)\s+[^,.;()]+)/u.exec(sentence)
  if (room) meta.place = (room[1] ?? '').trim()
  for (const paragraph of paragraphs.slice(at, at + 3)) {
    const platform = PLATFORMS.find((name) => paragraph.includes(name))
    if (platform) {
      meta.platform = platform
      break
    }
  }
  return meta
}
