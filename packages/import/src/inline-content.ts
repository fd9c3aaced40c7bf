/**
 * The inline content of one recognised block: its text with the speakers, document symbols and
 * links found in it as nodes and marks. The nodes print exactly the text they replace, so the
 * notice reads as the source did.
 */

import {
  contentBuilders,
  DEFAULT_ORGANISATION,
  findSymbols,
  MARK_NAMES,
  NODE_NAMES,
  type NoticeLanguage,
  type Organisation,
} from '@convene/schema'
import type { JSONContent } from './json-content'
import type { SourceLink } from './source-block'
import { findSpeakers } from './speaker-finder'

/** How inline content is recognised: the notice's language and organisation, names already met, and whether to look for speakers. */
export type InlineReading = {
  language: NoticeLanguage
  organisation: Organisation
  knownSpeakers: ReadonlySet<string>
  speakers: boolean
}

type Span = { from: number; to: number; node: JSONContent }

/** Inline nodes for `text`: speakers and symbols as nodes (never inside a link), links as marks, the rest as text. */
export function inlineContent(
  text: string,
  links: readonly SourceLink[] | undefined,
  reading: InlineReading,
  bold = false,
): JSONContent[] {
  let linkRanges = (links ?? []).filter(
    (link) => link.from >= 0 && link.to <= text.length && link.from < link.to,
  )
  const outsideLinks = (from: number, to: number) =>
    linkRanges.every((link) => to <= link.from || from >= link.to)
  const spans: Span[] = []
  const free = (from: number, to: number) => spans.every((span) => to <= span.from || from >= span.to)
  if (reading.speakers) {
    for (const speaker of findSpeakers(text, reading.language, reading.knownSpeakers)) {
      if (outsideLinks(speaker.from, speaker.to))
        spans.push({ from: speaker.from, to: speaker.to, node: contentBuilders.speaker(speaker.attrs) })
    }
  }
  const organisationAttr = reading.organisation === DEFAULT_ORGANISATION ? '' : reading.organisation
  // A link whose text is a symbol is the symbol (exporters link each symbol to its repository).
  const symbolLinks = new Set<SourceLink>()
  for (const found of findSymbols(text, reading.organisation)) {
    const covering = linkRanges.filter((link) => link.to > found.from && link.from < found.to)
    const isLinkText =
      covering.length > 0 && covering.every((link) => link.from >= found.from && link.to <= found.to)
    if ((!isLinkText && covering.length > 0) || !free(found.from, found.to)) continue
    for (const link of covering) symbolLinks.add(link)
    // The node prints its canonical spelling; a symbol written otherwise ("Rev. 1") stays text.
    if (text.slice(found.from, found.to) !== found.symbol) continue
    spans.push({
      from: found.from,
      to: found.to,
      node: { type: NODE_NAMES.symbol, attrs: { symbol: found.symbol, organisation: organisationAttr } },
    })
  }
  linkRanges = linkRanges.filter((link) => !symbolLinks.has(link))
  spans.sort((a, b) => a.from - b.from)
  const nodes: JSONContent[] = []
  const marksAt = (from: number): JSONContent['marks'] => {
    const marks: NonNullable<JSONContent['marks']> = []
    if (bold) marks.push({ type: MARK_NAMES.bold })
    const link = linkRanges.find((range) => range.from <= from && from < range.to)
    if (link) marks.push({ type: MARK_NAMES.link, attrs: { href: link.href } })
    return marks
  }
  const pushText = (from: number, to: number) => {
    const cuts = new Set([from, to])
    for (const link of linkRanges) {
      if (link.from > from && link.from < to) cuts.add(link.from)
      if (link.to > from && link.to < to) cuts.add(link.to)
    }
    const points = [...cuts].sort((a, b) => a - b)
    for (let i = 0; i < points.length - 1; i++) {
      const start = points[i] ?? 0
      const end = points[i + 1] ?? 0
      if (end > start) nodes.push(contentBuilders.text(text.slice(start, end), marksAt(start)))
    }
  }
  let at = 0
  for (const span of spans) {
    if (span.from > at) pushText(at, span.from)
    nodes.push(span.node)
    at = span.to
  }
  if (at < text.length) pushText(at, text.length)
  return nodes
}
