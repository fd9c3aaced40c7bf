/**
 * Turns an export input (metadata + Tiptap JSON + revision identity) into one format-neutral view
 * that every renderer prints: the header lines, logistics, preamble, the agenda tree with the
 * numbers of the schema's `agendaOutline` (never renumbered here), and the table of contents from
 * the schema's `tableOfContents`. All user text is cleaned here, once, for every format.
 * @module
 */
import {
  agendaOutline,
  docFromJSON,
  isNoticeLanguage,
  MARK_NAMES,
  NODE_NAMES,
  type NoticeLanguage,
  type NoticeMeta,
  SymbolError,
  type SymbolLink,
  speakerText,
  symbolLinks,
  symbolOrganisation,
  tableOfContents,
  toSpeakerAttrs,
} from '@convene/schema'
import { cleanText } from './clean-text'
import { safeUrl } from './safe-url'
import {
  circulationSentence,
  formatNoticeDate,
  formatNoticeTime,
  isRevLabel,
  NOTICE_STRINGS,
  type NoticeStrings,
} from './strings'
import { typographicSpaces } from './typography'

/** Tiptap JSON of a notice document, as the schema's `docFromJSON` takes it. */
export type JSONContent = Parameters<typeof docFromJSON>[0]
type PMNode = ReturnType<typeof docFromJSON>

/** The revision an export is made from: its label, content hash, creation time and whether it is frozen. */
export type ExportRevision = {
  label: string | null
  hash: string
  /** ISO 8601 timestamp; becomes the file's creation and modification dates. */
  createdAt: string
  frozen: boolean
}

/** What every renderer takes: a notice and the revision it comes from; `draft` marks a live preview. */
export type ExportInput = {
  meta: NoticeMeta
  content: JSONContent
  revision: ExportRevision
  /** A live preview rather than a circulated revision: watermarked DRAFT / PROJET / BORRADOR. */
  draft?: boolean
}

/** One piece of inline content. */
export type InlineRun =
  | { kind: 'text'; text: string; bold: boolean; italic: boolean; href: string | null }
  | { kind: 'speaker'; text: string }
  | { kind: 'symbol'; text: string; links: SymbolLink[] }
  | { kind: 'break' }

/** A block of body text: a paragraph, or a list whose items are blocks. */
export type Block =
  | { kind: 'paragraph'; runs: InlineRun[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][] }

/** One agenda item with the number the editor shows. */
export type AgendaEntry = {
  id: string
  /** Position of the agendaItem node in the document (the outline's `pos`). */
  pos: number
  /** A fragment identifier safe in HTML, DOCX bookmarks and PDF destinations. */
  anchor: string
  number: string
  level: number
  title: InlineRun[]
  /** The title as plain text (for outlines, bookmarks and the table of contents). */
  titleText: string
  /** The title runs as printed: capitals for a top-level item (symbols keep their case). */
  displayTitle: InlineRun[]
  body: Block[]
  children: AgendaEntry[]
}

/** One line of the table of contents. */
export type TocLine = {
  id: string
  anchor: string
  number: string
  level: number
  title: string
  /** The title as printed: capitals for a top-level item, as in the agenda. */
  displayTitle: string
}

/** Everything a renderer prints, in reading order. */
/** One top-level part of the body: an agenda item (with its sub-items) or a block between items. */
export type BodyPart = Block | { kind: 'item'; item: AgendaEntry }

export type NoticeView = {
  language: NoticeLanguage
  strings: NoticeStrings
  header: {
    issuingBody: string
    title: string
    /** The document symbol as printed: the notice symbol, with "/Rev.n" for a numbered revision. */
    symbol: string
    issueDate: string
    /** "Révision" for a Rev.n revision, else null. */
    revisionLine: string | null
    circulation: string
    logistics: { label: string; value: string }[]
  }
  /**
   * The body in document order: the blocks that stand before, between and after the agenda items
   * (an unnumbered heading such as "Opening of the session", a note) print where they stand.
   */
  body: BodyPart[]
  /** The agenda items alone, for outlines and bookmarks. */
  agenda: AgendaEntry[]
  toc: TocLine[]
  identity: {
    symbol: string
    revisionLabel: string | null
    hash: string
    createdAt: Date
    frozen: boolean
  }
  draft: boolean
}

/** Upper-cases text the way the notice's language does (top-level agenda titles are set in capitals). */
export function upper(text: string, language: NoticeLanguage): string {
  return text.toLocaleUpperCase(language)
}

/** The symbol printed on a notice: `INF/MSME/N/27` + revision label `Rev.1` gives `INF/MSME/N/27/Rev.1`. */
export function displaySymbol(symbol: string, revisionLabel: string | null): string {
  if (!isRevLabel(revisionLabel)) return symbol
  const rev = revisionLabel.trim().replace(/\s+/g, '')
  if (symbol === '' || symbol.endsWith(`/${rev}`)) return symbol
  return `${symbol}/${rev}`
}

/** The revision label an export shows: the frozen revision's, else the one in the notice metadata. */
export function effectiveRevisionLabel(meta: NoticeMeta, revision: ExportRevision): string | null {
  const label = revision.label ?? meta.revisionLabel
  return label == null || label.trim() === '' ? null : cleanText(label.trim())
}

/** Builds the view of `input`; throws naming the value when the content or revision date is malformed. */
export function walkNotice(input: ExportInput): NoticeView {
  const language: NoticeLanguage = isNoticeLanguage(input.meta.language) ? input.meta.language : 'en'
  const strings = NOTICE_STRINGS[language]
  const createdAt = new Date(input.revision.createdAt)
  if (Number.isNaN(createdAt.getTime())) {
    throw new RangeError(`Revision createdAt "${input.revision.createdAt}" is not an ISO date`)
  }
  const meta = cleanMeta(input.meta, language)
  const label = effectiveRevisionLabel(input.meta, input.revision)
  const symbol = displaySymbol(meta.symbol, label)

  // A draft preview reads the live document, where a peer may hold a duplicate id for a moment;
  // a circulated revision must mean exactly one thing, so it is checked strictly.
  const doc = docFromJSON(input.content, { strict: input.draft !== true })
  const anchors = new AnchorMaker()
  const outline = new Map(agendaOutline(doc).map((entry) => [entry.pos, entry]))
  const ctx: WalkContext = { language, outline, anchors, print: (text) => printed(text, language) }

  const body: BodyPart[] = []
  const agenda: AgendaEntry[] = []
  doc.forEach((child, offset) => {
    if (child.type.name !== NODE_NAMES.agendaItem) {
      body.push(walkBlock(child, ctx))
      return
    }
    const item = walkItem(child, offset, ctx)
    agenda.push(item)
    body.push({ kind: 'item', item })
  })

  const byPos = new Map(flattenAgenda(agenda).map((item) => [item.pos, item]))
  const toc = tableOfContents(doc).map((entry): TocLine => {
    const item = byPos.get(entry.pos)
    const title = printed(entry.title, language)
    return {
      id: entry.id,
      anchor: item?.anchor ?? anchors.fresh(entry.id),
      number: entry.number,
      level: entry.level,
      title,
      displayTitle: item === undefined ? title : runsText(item.displayTitle),
    }
  })

  return {
    language,
    strings,
    header: {
      issuingBody: meta.issuingBody,
      title: meta.title,
      symbol,
      issueDate: printed(formatNoticeDate(meta.issueDate, language), language),
      revisionLine: isRevLabel(label) ? strings.revision : null,
      circulation: printed(circulationSentence(language, meta), language),
      logistics: logistics(meta, language, strings),
    },
    body,
    agenda,
    toc,
    identity: {
      symbol,
      revisionLabel: label,
      hash: cleanText(input.revision.hash),
      createdAt,
      frozen: input.revision.frozen,
    },
    draft: input.draft === true,
  }
}

type WalkContext = {
  language: NoticeLanguage
  /** Cleans a string of the document and sets its no-break spaces, as every format prints it. */
  print: (text: string) => string
  outline: Map<number, { id: string; number: string; level: number }>
  anchors: AnchorMaker
}

/** Makes fragment identifiers from agenda item ids: safe characters only, unique in the document. */
class AnchorMaker {
  private readonly used = new Set<string>()

  fresh(id: string): string {
    const base = `item-${id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64)}`
    let anchor = base
    for (let n = 2; this.used.has(anchor); n++) anchor = `${base}-${n}`
    this.used.add(anchor)
    return anchor
  }
}

/** Metadata fields printed as prose, which take the language's no-break spaces (codes and symbols do not). */
const PROSE_FIELDS: readonly (keyof NoticeMeta)[] = ['title', 'issuingBody', 'place', 'duration', 'platform']

function cleanMeta(meta: NoticeMeta, language: NoticeLanguage): NoticeMeta {
  const cleaned = { ...meta }
  for (const key of Object.keys(cleaned) as (keyof NoticeMeta)[]) {
    const value = cleaned[key]
    if (typeof value !== 'string') continue
    const text = cleanText(value).trim()
    ;(cleaned as Record<string, string>)[key] = PROSE_FIELDS.includes(key)
      ? typographicSpaces(text, language)
      : text
  }
  return cleaned
}

/** A string of the notice as every format prints it: cleaned, with its language's no-break spaces. */
function printed(text: string, language: NoticeLanguage): string {
  return typographicSpaces(cleanText(text), language)
}

function logistics(
  meta: NoticeMeta,
  language: NoticeLanguage,
  strings: NoticeStrings,
): NoticeView['header']['logistics'] {
  if (meta.logistics === 'hidden') return []
  const labels = strings.logistics
  const modes: Record<string, string> = strings.modes
  const rows = [
    {
      label: labels.date,
      value:
        meta.meetingDate === '' ? '' : printed(formatNoticeDate(meta.meetingDate, language, true), language),
    },
    {
      label: labels.time,
      value: meta.meetingTime === '' ? '' : formatNoticeTime(meta.meetingTime, language),
    },
    { label: labels.duration, value: meta.duration },
    { label: labels.mode, value: modes[meta.mode] ?? meta.mode },
    { label: labels.place, value: meta.place },
    { label: labels.platform, value: meta.platform },
  ]
  return rows.filter((row) => row.value !== '')
}

function walkItem(node: PMNode, pos: number, ctx: WalkContext): AgendaEntry {
  const entry = ctx.outline.get(pos)
  if (entry === undefined) throw new Error(`Agenda item at position ${pos} is missing from agendaOutline`)
  let title: InlineRun[] = []
  const body: Block[] = []
  const children: AgendaEntry[] = []
  node.forEach((child, offset) => {
    const name = child.type.name
    if (name === NODE_NAMES.agendaTitle) title = walkInline(child, ctx)
    else if (name === NODE_NAMES.agendaItem) children.push(walkItem(child, pos + 1 + offset, ctx))
    else body.push(walkBlock(child, ctx))
  })
  return {
    id: entry.id,
    pos,
    anchor: ctx.anchors.fresh(entry.id),
    number: entry.number,
    level: entry.level,
    title,
    titleText: runsText(title),
    displayTitle: entry.level === 1 ? upperRuns(title, ctx.language) : title,
    body,
    children,
  }
}

function walkBlock(node: PMNode, ctx: WalkContext): Block {
  const name = node.type.name
  if (name === NODE_NAMES.paragraph) return { kind: 'paragraph', runs: walkInline(node, ctx) }
  if (name === NODE_NAMES.bulletList || name === NODE_NAMES.orderedList) {
    const items: Block[][] = []
    node.forEach((item) => {
      const blocks: Block[] = []
      item.forEach((child) => {
        blocks.push(walkBlock(child, ctx))
      })
      items.push(blocks)
    })
    const start = Number(node.attrs.start ?? 1)
    return {
      kind: 'list',
      ordered: name === NODE_NAMES.orderedList,
      start: Number.isFinite(start) ? start : 1,
      items,
    }
  }
  throw new Error(`There is no export for block node ${name}`)
}

function walkInline(node: PMNode, ctx: WalkContext): InlineRun[] {
  const runs: InlineRun[] = []
  node.forEach((child) => {
    const name = child.type.name
    if (child.isText) {
      const marks = child.marks.map((mark) => mark.type.name)
      const link = child.marks.find((mark) => mark.type.name === MARK_NAMES.link)
      const run: InlineRun = {
        kind: 'text',
        text: ctx.print(child.text ?? ''),
        bold: marks.includes(MARK_NAMES.bold),
        italic: marks.includes(MARK_NAMES.italic),
        href: link === undefined ? null : safeUrl(link.attrs.href),
      }
      const last = runs[runs.length - 1]
      if (
        last?.kind === 'text' &&
        last.bold === run.bold &&
        last.italic === run.italic &&
        last.href === run.href
      ) {
        last.text += run.text
      } else if (run.text !== '') {
        runs.push(run)
      }
    } else if (name === NODE_NAMES.speaker) {
      runs.push({ kind: 'speaker', text: ctx.print(speakerText(toSpeakerAttrs(child.attrs))) })
    } else if (name === NODE_NAMES.symbol) {
      runs.push(symbolRun(child.attrs, ctx.language))
    } else if (name === NODE_NAMES.hardBreak) {
      runs.push({ kind: 'break' })
    } else {
      throw new Error(`There is no export for inline node ${name}`)
    }
  })
  return runs
}

function symbolRun(attrs: Record<string, unknown>, language: NoticeLanguage): InlineRun {
  const text = cleanText(String(attrs.symbol ?? ''))
  try {
    return { kind: 'symbol', text, links: symbolLinks(text, language, symbolOrganisation(attrs)) }
  } catch (error) {
    // A symbol the grammar refuses is still printed, as text without a link: nothing is lost.
    if (error instanceof SymbolError) return { kind: 'symbol', text, links: [] }
    throw error
  }
}

/** Runs in capitals, as top-level agenda titles are set; document symbols keep their own case. */
export function upperRuns(runs: readonly InlineRun[], language: NoticeLanguage): InlineRun[] {
  return runs.map((run) =>
    run.kind === 'text' || run.kind === 'speaker' ? { ...run, text: upper(run.text, language) } : run,
  )
}

/** The plain text of inline runs (speakers as running text, symbols as written). */
export function runsText(runs: readonly InlineRun[]): string {
  return runs.map((run) => (run.kind === 'break' ? ' ' : run.text)).join('')
}

/** Every agenda entry in document order, depth first. */
export function flattenAgenda(entries: readonly AgendaEntry[]): AgendaEntry[] {
  return entries.flatMap((entry) => [entry, ...flattenAgenda(entry.children)])
}

/**
 * The pieces of a symbol run: the text of each linked part and the joining hyphens between them.
 * A symbol without links is one unlinked piece.
 */
export function symbolPieces(
  run: Extract<InlineRun, { kind: 'symbol' }>,
): { text: string; href: string | null }[] {
  if (run.links.length === 0) return [{ text: run.text, href: null }]
  return run.links.flatMap((link, i) => [
    ...(i === 0 ? [] : [{ text: '-', href: null }]),
    { text: link.text, href: link.href ?? null },
  ])
}
