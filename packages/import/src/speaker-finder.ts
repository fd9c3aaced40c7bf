/**
 * Finds the speakers a notice names in running text and splits each into the speaker node's fields,
 * as the notice writes them: "Mme Ralyana Horta Ribeiro, Première Secrétaire de la Mission
 * permanente du Timor-Leste", "Kate Kallot, fondatrice et PDG d'Amini", "H.E. Ambassador Matthew
 * Wilson (Barbados)". A found speaker's printed text is exactly the source text it replaces.
 */
import { type NoticeLanguage, type SpeakerAttrs, speakerText } from '@convene/schema'
import { HONORIFICS, ORGANISATION_PREPOSITIONS, PLACING_PREPOSITIONS } from './language-words'
import { regexSource } from './regex-source'

/** A speaker found in text: `text.slice(from, to)` is what `attrs` print. */
export type FoundSpeaker = { from: number; to: number; attrs: SpeakerAttrs }

const NAME_WORD = "\\p{Lu}[\\p{Ll}\\p{Lu}'’-]*\\p{Ll}[\\p{Ll}'’-]*|\\p{Lu}\\."
const PARTICLE = '(?:van|von|de|da|del|della|di|du|le|la|dos|das|bin|al|el|ter|den|der|y)'
const NAME = `(?:${NAME_WORD})(?:\\s(?:${PARTICLE}\\s)?(?:${NAME_WORD})){0,4}`

const HONORIFIC = `(?:${HONORIFICS.map(regexSource).join('|')})`

// Words that begin a sentence or a noun phrase, not a name ("Les Membres", "The Chair").
const NOT_A_FIRST_NAME = new Set(
  (
    'The A An This These Those In On At For Of And Les Le La Un Une Des Dans Sur Pour Par Au Aux Et El Los Las ' +
    'Una Unos En Con Del Al Y Comme Ce Cette Ces Il Elle Ils Members Membres Miembros Chair Président Presidente ' +
    'Secretariat Secrétariat Secretaría Delegations Délégations Delegaciones Room Salle Sala Ambassador ' +
    'Participants Participantes Monday Tuesday Wednesday Thursday Friday Lundi Mardi Mercredi Jeudi Vendredi ' +
    'Lunes Martes Miércoles Jueves Viernes'
  ).split(' '),
)

// The first words of a function: a speaker without an honorific counts only when one follows the name.
const ROLE_STEMS = (
  'chair vice direct deputy head minister ambassador secretar counsel counsellor adviser advisor officer expert ' +
  'professor coordinat manager economist specialist founder ceo chief representative president senior lead ' +
  'executive partner analyst researcher owner editor member delegate commissioner governor permanent first ' +
  'second third principal programme program policy trade legal consultant ' +
  'président présidente directeur directrice ministre ambassadeur ambassadrice secrétaire conseill chef ' +
  'fondat spécialiste expert coordonnat responsable chargé chargée administrat économiste propriét créat ' +
  'représentant représentante délégué déléguée professeur première premier deuxième haut haute ' +
  'presidente director directora ministro ministra embajador embajadora secretari consejer jefe jefa ' +
  'fundador fundadora especialista experto experta coordinador coordinadora representante delegado delegada ' +
  'profesor profesora primer primera segundo segunda asesor asesora economista'
).split(' ')

// The first word of an organisation written after a comma ("Counsellor, Permanent Mission of Brazil").
const ORGANISATION_HEADS =
  /^(?:Permanent|Mission|Ministry|Department|Office|Secretariat|University|Institute|Centre|Center|Bank|Agency|Council|Commission|Chamber|Association|Federation|Embassy|Mission permanente|Ministère|Université|Institut|Banque|Agence|Chambre|Fédération|Ambassade|Misión|Ministerio|Universidad|Instituto|Banco|Agencia|Cámara|Federación|Embajada|World|International|United|Organi[sz]ation|Organisation|Organización)\b/u

const ARTICLE = /^(?:the|a|an|le|la|les|l'|un|une|el|los|las|un|una)\b/iu

function isRole(text: string): boolean {
  const first = text.trim().toLowerCase()
  return ROLE_STEMS.some((stem) => first.startsWith(stem))
}

/** Splits a function into role, preposition and organisation, as the language places them. */
function splitRole(
  role: string,
  language: NoticeLanguage,
): Pick<SpeakerAttrs, 'role' | 'preposition' | 'organisation'> {
  const prepositions = ORGANISATION_PREPOSITIONS[language]
  const placing = PLACING_PREPOSITIONS[language]
  const found: { at: number; preposition: string; placing: boolean }[] = []
  for (const preposition of prepositions) {
    const glued = /['’]$/.test(preposition)
    const pattern = new RegExp(
      `(?<=\\s)${regexSource(preposition)}${glued ? '' : '\\s'}(?=["“«]?\\p{Lu})`,
      'gu',
    )
    for (const match of role.matchAll(pattern)) {
      if (
        found.some(
          (other) => other.at <= match.index && match.index < other.at + other.preposition.length + 1,
        )
      )
        continue
      found.push({ at: match.index, preposition, placing: placing.includes(preposition) })
    }
  }
  found.sort((a, b) => a.at - b.at)
  const chosen = found.filter((one) => one.placing).at(-1) ?? found[0]
  if (!chosen) return { role, preposition: '', organisation: '' }
  const glued = /['’]$/.test(chosen.preposition)
  const organisation = role.slice(chosen.at + chosen.preposition.length + (glued ? 0 : 1))
  return { role: role.slice(0, chosen.at).trim(), preposition: chosen.preposition, organisation }
}

/** The function after a name: up to the next ", ", "; ", ". " or the end, and a comma-written organisation. */
function readFunction(
  text: string,
  at: number,
): { end: number; role: string; organisation: string } | undefined {
  if (!text.startsWith(', ', at)) return undefined
  const start = at + 2
  const stop = /,\s|;\s|\.\s|\.$|;$|:\s|$/g
  stop.lastIndex = start
  const end = stop.exec(text)?.index ?? text.length
  const role = text.slice(start, end)
  if (role === '' || role.split(/\s+/).length > 25) return undefined
  if (text.startsWith(', ', end)) {
    const next = /,\s|;\s|\.\s|\.$|;$|$/g
    next.lastIndex = end + 2
    const orgEnd = next.exec(text)?.index ?? text.length
    const organisation = text.slice(end + 2, orgEnd)
    if (ORGANISATION_HEADS.test(organisation)) return { end: orgEnd, role, organisation }
  }
  return { end, role, organisation: '' }
}

function build(
  text: string,
  from: number,
  honorific: string,
  name: string,
  language: NoticeLanguage,
  requireRole: boolean,
): FoundSpeaker | undefined {
  let end = from + (honorific === '' ? 0 : honorific.length + 1) + name.length
  const attrs: SpeakerAttrs = { honorific, name, delegation: '', role: '', preposition: '', organisation: '' }
  const delegation = /^ \(([^()]{2,60})\)/.exec(text.slice(end))
  if (delegation && /^\p{Lu}/u.test(delegation[1] ?? '')) {
    attrs.delegation = delegation[1] ?? ''
    end += delegation[0].length
  }
  const fn = readFunction(text, end)
  if (fn) {
    const split = splitRole(fn.role, language)
    // Without an honorific only a function word makes the words before the comma a name.
    const hasRole = isRole(fn.role) || (!requireRole && split.organisation !== '' && !ARTICLE.test(fn.role))
    if (hasRole) {
      if (fn.organisation !== '' && split.organisation === '') {
        Object.assign(attrs, { role: fn.role, preposition: '', organisation: fn.organisation })
      } else Object.assign(attrs, split)
      end = fn.end
    }
  }
  if (requireRole && attrs.role === '') return undefined
  if (speakerText(attrs) !== text.slice(from, end)) {
    const plain = { ...attrs, role: '', preposition: '', organisation: '' }
    const plainEnd = from + speakerText(plain).length
    if (speakerText(plain) !== text.slice(from, plainEnd) || requireRole) return undefined
    return { from, to: plainEnd, attrs: plain }
  }
  return { from, to: end, attrs }
}

const WITH_HONORIFIC = new RegExp(`(?<![\\p{L}\\p{N}])(${HONORIFIC})\\s(${NAME})`, 'gu')
const WITHOUT_HONORIFIC = new RegExp(`(?<![\\p{L}\\p{N}.'’-])(${NAME})(?=,\\s)`, 'gu')

/**
 * The speakers in `text`: a name after an honorific (with its delegation and function when they
 * follow), a name without one when a function follows it, and every later mention of a name in
 * `known` (names found earlier in the notice, such as "Bob Gokani" after his introduction).
 */
export function findSpeakers(
  text: string,
  language: NoticeLanguage,
  known: ReadonlySet<string> = new Set(),
): FoundSpeaker[] {
  const found: FoundSpeaker[] = []
  const free = (from: number, to: number) => found.every((other) => to <= other.from || from >= other.to)
  for (const match of text.matchAll(WITH_HONORIFIC)) {
    const speaker = build(text, match.index, match[1] ?? '', match[2] ?? '', language, false)
    if (speaker && free(speaker.from, speaker.to)) found.push(speaker)
  }
  for (const match of text.matchAll(WITHOUT_HONORIFIC)) {
    const name = match[1] ?? ''
    const words = name.split(/\s+/)
    if (words.length < 2 || NOT_A_FIRST_NAME.has(words[0] ?? '')) continue
    const speaker = build(text, match.index, '', name, language, true)
    if (speaker && free(speaker.from, speaker.to)) found.push(speaker)
  }
  const names = new Set([...known, ...found.map((speaker) => speaker.attrs.name)])
  for (const name of names) {
    if (!name.includes(' ')) continue
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${regexSource(name)}(?![\\p{L}\\p{N}])`, 'gu')
    for (const match of text.matchAll(pattern)) {
      const to = match.index + name.length
      if (!free(match.index, to)) continue
      found.push({
        from: match.index,
        to,
        attrs: { honorific: '', name, delegation: '', role: '', preposition: '', organisation: '' },
      })
    }
  }
  return found.sort((a, b) => a.from - b.from)
}
