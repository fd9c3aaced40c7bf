/**
 * THE recogniser: a source read into blocks (by any reader) becomes a notice, metadata and content,
 * with a report. Page furniture is dropped and listed; the header becomes metadata; numbered
 * titles become agenda items at the depth their numbering gives; speakers and symbols become nodes;
 * everything else is kept, in order, as paragraphs, lists, headings and footnotes.
 */
import {
  blankNoticeMeta,
  createAgendaItemId,
  docFromJSON,
  MARK_NAMES,
  MetaError,
  NODE_NAMES,
  type NoticeLanguage,
  type NoticeMeta,
  type Organisation,
  parseNoticeMeta,
} from '@convene/schema'
import type { ImportFormat, ImportReport, ImportWarning } from './import-report'
import { type InlineReading, inlineContent } from './inline-content'
import type { JSONContent } from './json-content'
import { guessLanguage } from './language-guess'
import { type LogicalBlock, logicalBlocks } from './logical-blocks'
import { readHeader, readLogistics } from './notice-header'
import { guessOrganisation } from './organisation-guess'
import type { SourceBlock } from './source-block'
import { dropPageNoise } from './source-noise'
import { findSpeakers } from './speaker-finder'

/** What the caller knows: the format read, and the language and organisation when not to be guessed. */
export type RecogniseOptions = {
  format: ImportFormat
  language?: NoticeLanguage
  organisation?: Organisation
}

/** A recognised notice: metadata, Tiptap JSON content (normalised by the schema) and the report. */
export type ImportedNotice = { meta: NoticeMeta; content: JSONContent; report: ImportReport }

const at = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text)

type ListFrame = { type: string; depth: number; node: JSONContent }

/** Builds the body nodes of a run of non-title blocks: paragraphs, headings, footnotes and (nested) lists. */
function bodyNodes(blocks: readonly LogicalBlock[], reading: InlineReading): JSONContent[] {
  const out: JSONContent[] = []
  let lists: ListFrame[] = []
  const paragraph = (block: LogicalBlock, bold = false): JSONContent => {
    const content = inlineContent(
      block.text,
      block.links,
      { ...reading, speakers: reading.speakers && !bold },
      bold,
    )
    return content.length > 0 ? { type: NODE_NAMES.paragraph, content } : { type: NODE_NAMES.paragraph }
  }
  for (const block of blocks) {
    if (block.kind !== 'bullet' && block.kind !== 'ordered') {
      lists = []
      out.push(paragraph(block, block.kind === 'heading'))
      continue
    }
    const type = block.kind === 'bullet' ? NODE_NAMES.bulletList : NODE_NAMES.orderedList
    while (
      lists.length > 0 &&
      ((lists.at(-1)?.depth ?? 0) > block.depth ||
        ((lists.at(-1)?.depth ?? 0) === block.depth && lists.at(-1)?.type !== type))
    )
      lists.pop()
    const item: JSONContent = { type: NODE_NAMES.listItem, content: [paragraph(block)] }
    const top = lists.at(-1)
    if (top && top.depth === block.depth) {
      top.node.content?.push(item)
      continue
    }
    const list: JSONContent = { type, content: [item] }
    if (top) {
      const lastItem = top.node.content?.at(-1)
      lastItem?.content?.push(list)
    } else out.push(list)
    lists.push({ type, depth: block.depth, node: list })
  }
  return out
}

function countNodes(json: JSONContent, type: string): number {
  return (
    (json.type === type ? 1 : 0) +
    (json.content ?? []).reduce((sum, child) => sum + countNodes(child, type), 0)
  )
}

function countBold(json: JSONContent): number {
  if (json.type === NODE_NAMES.paragraph) {
    const texts = (json.content ?? []).filter((node) => node.type === NODE_NAMES.text)
    return texts.length > 0 &&
      texts.every((node) => node.marks?.some((mark) => mark.type === MARK_NAMES.bold))
      ? 1
      : 0
  }
  return (json.content ?? []).reduce((sum, child) => sum + countBold(child), 0)
}

/** Metadata made valid: each field the schema refuses is reset to blank with a warning naming it. */
function validMeta(meta: NoticeMeta, warnings: ImportWarning[]): NoticeMeta {
  const blank = blankNoticeMeta(meta.language)
  let current = { ...meta }
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      return parseNoticeMeta(current)
    } catch (error) {
      if (!(error instanceof MetaError)) throw error
      for (const issue of error.issues) {
        const field = issue.field as keyof NoticeMeta
        warnings.push({
          message: `header field ${issue.field} left blank: ${issue.message}`,
          at: at(String(current[field] ?? '')),
        })
        current = { ...current, [field]: blank[field] }
      }
    }
  }
  return blank
}

/** Recognises a notice in `source` (blocks in reading order, from any reader). */
export function recogniseNotice(source: readonly SourceBlock[], options: RecogniseOptions): ImportedNotice {
  const { kept, dropped } = dropPageNoise(source)
  const fullText = kept.map((block) => block.text).join('\n')
  const language = options.language ?? guessLanguage(fullText)
  const blocks = logicalBlocks(kept, language)
  const firstTitle = blocks.findIndex((block) => block.kind === 'title')
  const headerBlocks = blocks.slice(0, firstTitle < 0 ? Math.min(blocks.length, 12) : firstTitle)
  const headerText = headerBlocks
    .slice(0, 10)
    .map((block) => block.text)
    .join('\n')
  const organisation = options.organisation ?? guessOrganisation(fullText, headerText)
  const header = readHeader(headerBlocks, language, organisation, fullText)
  const warnings: ImportWarning[] = []

  const body = blocks.filter((_, index) => !header.consumed.has(index))
  const preambleEnd = body.findIndex((block) => block.kind === 'title')
  const preamble = body.slice(0, preambleEnd < 0 ? body.length : preambleEnd)
  const logistics = readLogistics(
    preamble.filter((block) => block.kind === 'text').map((block) => block.text),
  )

  const known = new Set<string>()
  for (const block of body) {
    if (block.kind === 'text' || block.kind === 'bullet' || block.kind === 'ordered') {
      for (const speaker of findSpeakers(block.text, language))
        if (speaker.attrs.role !== '' || speaker.attrs.honorific !== '') known.add(speaker.attrs.name)
    }
  }
  const reading: InlineReading = { language, organisation, knownSpeakers: known, speakers: true }

  // Items nest by the depth their numbering gives; a depth with no parent hangs on the nearest one.
  const top: JSONContent[] = []
  const stack: { depth: number; node: JSONContent }[] = []
  let run: LogicalBlock[] = []
  const flush = () => {
    const nodes = bodyNodes(run, reading)
    run = []
    const parent = stack.at(-1)?.node
    if (parent) parent.content?.push(...nodes)
    else top.push(...nodes)
  }
  for (const block of body) {
    if (block.kind !== 'title') {
      run.push(block)
      continue
    }
    flush()
    while (stack.length > 0 && (stack.at(-1)?.depth ?? 0) >= block.depth) stack.pop()
    if (stack.length < block.depth)
      warnings.push({
        message: `item ${block.label} has no parent item at depth ${block.depth}`,
        at: at(block.text),
      })
    const title = inlineContent(block.text, block.links, { ...reading, speakers: false })
    const item: JSONContent = {
      type: NODE_NAMES.agendaItem,
      attrs: { id: createAgendaItemId() },
      content: [
        title.length > 0
          ? { type: NODE_NAMES.agendaTitle, content: title }
          : { type: NODE_NAMES.agendaTitle },
      ],
    }
    const parent = stack.at(-1)?.node
    if (parent) parent.content?.push(item)
    else top.push(item)
    stack.push({ depth: block.depth, node: item })
  }
  flush()
  if (firstTitle < 0)
    warnings.push({
      message: 'no numbered agenda items were recognised: the text is imported as paragraphs',
      at: at(blocks[0]?.text ?? ''),
    })
  if (top.length === 0) top.push({ type: NODE_NAMES.paragraph })

  const content = docFromJSON({ type: NODE_NAMES.doc, content: top }).toJSON() as JSONContent
  const meta = validMeta(
    { ...blankNoticeMeta(language), ...logistics, ...header.meta, language, organisation },
    warnings,
  )
  const report: ImportReport = {
    format: options.format,
    language,
    organisation,
    items: countNodes(content, NODE_NAMES.agendaItem),
    headings: countBold(content),
    speakers: countNodes(content, NODE_NAMES.speaker),
    symbols: countNodes(content, NODE_NAMES.symbol),
    footnotes: body.filter((block) => block.kind === 'footnote').length,
    dropped,
    header: [...header.consumed.values()],
    warnings,
  }
  return { meta, content, report }
}
