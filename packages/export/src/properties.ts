/**
 * The document properties that carry a frozen revision's identity inside DOCX and PDF files
 * (title, subject, keywords, description, custom properties), built once for both formats.
 * @module
 */
import type { NoticeView } from './notice-walk'

/** The identity of an exported revision as document properties. */
export type DocumentProperties = {
  /** "INF/MSME/N/27/Rev.1 – Avis de convocation" */
  title: string
  /** The symbol with the revision label: "INF/MSME/N/27/Rev.1", or "INF/MSME/N/27 – draft 3". */
  subject: string
  /** Symbol, revision label and revision hash, separated by "; ". */
  keywords: string
  /** One sentence naming the symbol, the revision and its hash. */
  description: string
  author: string
  /** Machine-readable copies: ConveneSymbol, ConveneRevision, ConveneRevisionHash, ConveneFrozen. */
  custom: { name: string; value: string }[]
}

/** The document properties of `view`'s revision. */
export function documentProperties(view: NoticeView): DocumentProperties {
  const { identity, header, strings } = view
  const label = identity.revisionLabel ?? ''
  const labelInSymbol = label !== '' && identity.symbol.endsWith(`/${label.replace(/\s+/g, '')}`)
  const subject = [identity.symbol, labelInSymbol ? '' : label].filter((part) => part !== '').join(' – ')
  const hash = `${strings.revisionHash} ${identity.hash}`
  return {
    title: [identity.symbol, header.title].filter((part) => part !== '').join(' – '),
    subject,
    keywords: [identity.symbol, label, hash].filter((part) => part !== '').join('; '),
    description: [subject, label, hash].filter((part) => part !== '').join(', '),
    author: header.issuingBody,
    custom: [
      { name: 'ConveneSymbol', value: identity.symbol },
      { name: 'ConveneRevision', value: label },
      { name: 'ConveneRevisionHash', value: identity.hash },
      { name: 'ConveneFrozen', value: String(identity.frozen) },
    ],
  }
}
