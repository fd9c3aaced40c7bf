/**
 * Guesses the organisation that issued a notice from the names it gives itself (in any of the three
 * languages) and the series of the document symbols it cites, so that symbols are read with that
 * organisation's grammar. The caller may always override the guess.
 */
import { DEFAULT_ORGANISATION, findSymbols, ORGANISATIONS, type Organisation } from '@convene/schema'

// Full names weigh more than acronyms: a WTO notice may list WIPO or ITU among invited observers.
const NAMES: Record<Organisation, { full: RegExp; short: RegExp; series: RegExp }> = {
  WTO: {
    full: /world trade organi[sz]ation|organisation mondiale du commerce|organización mundial del comercio/giu,
    short: /\b(?:WTO|OMC)\b/gu,
    series: /^(?:WT|INF|G|TN|JOB|S|IP|RD|TF|WT\/MIN\(\d+\))\//u,
  },
  WIPO: {
    full: /world intellectual property organi[sz]ation|organisation mondiale de la propriété intellectuelle|organización mundial de la propiedad intelectual/giu,
    short: /\b(?:WIPO|OMPI)\b/gu,
    series: /^(?:WO|A|PCT|SCT|SCP|CDIP|SCCR|IGC|WIPO|MM|LI|H|PBC|CWS|STLT)\//u,
  },
  WHO: {
    full: /world health organi[sz]ation|organisation mondiale de la santé|organización mundial de la salud|world health assembly|assemblée mondiale de la santé|asamblea mundial de la salud/giu,
    short: /\b(?:WHO|OMS)\b/gu,
    series: /^(?:EB\d+|WHA\d+|A\d+|EBPBAC\d+)\//u,
  },
  ITU: {
    full: /international telecommunication union|union internationale des télécommunications|unión internacional de telecomunicaciones/giu,
    short: /\b(?:ITU|UIT)(?:-[TRD])?\b/gu,
    series: /^(?:C\d{2}|CWG|DT|PP\d{2}|TDAG|RAG|TSAG|WTSA)\//u,
  },
  UNECE: {
    full: /economic commission for europe|commission économique pour l'europe|comisión económica para europa/giu,
    short: /\b(?:UNECE|ECE|CEE-ONU|CEPE)\b/gu,
    series: /^ECE\//u,
  },
  UN: {
    full: /\bunited nations general assembly|assemblée générale des nations unies|asamblea general de las naciones unidas/giu,
    short: /\b(?:UN|ONU)\b/gu,
    series: /^(?:A|S|E)\/(?:RES|C\.\d|\d+)/u,
  },
  UNIDO: {
    full: /united nations industrial development organi[sz]ation|organisation des nations unies pour le développement industriel|organización de las naciones unidas para el desarrollo industrial/giu,
    short: /\b(?:UNIDO|ONUDI)\b/gu,
    series: /^(?:IDB|PBC|GC)\.\d+\//u,
  },
  OECD: {
    full: /organi[sz]ation for economic co-?operation and development|organisation de coopération et de développement économiques|organización para la cooperación y el desarrollo económicos/giu,
    short: /\b(?:OECD|OCDE)\b/gu,
    series: /^(?:TAD|ECO|ENV|DAF|COM|C)\//u,
  },
}

const count = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].length

/**
 * The organisation of the notice whose text is `text` (its header weighs more: pass it as `header`):
 * full names count 5 in the header and 2 elsewhere, acronyms 1, each cited symbol of its series 2.
 * The default organisation when nothing points anywhere.
 */
export function guessOrganisation(text: string, header = ''): Organisation {
  let best: Organisation = DEFAULT_ORGANISATION
  let bestScore = 0
  for (const organisation of ORGANISATIONS) {
    const names = NAMES[organisation]
    const symbols = findSymbols(text, organisation).filter((found) => names.series.test(found.symbol)).length
    const score =
      5 * count(header, names.full) +
      2 * count(text, names.full) +
      count(text, names.short) +
      2 * symbols +
      (findSymbols(header, organisation).some((found) => names.series.test(found.symbol)) ? 6 : 0)
    if (score > bestScore) {
      best = organisation
      bestScore = score
    }
  }
  return best
}
