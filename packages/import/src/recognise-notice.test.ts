// Tests read fixtures with Node; the package itself compiles without Node globals.
/// <reference types="node" />
import { readFileSync } from 'node:fs'
import { agendaOutline, docFromJSON, sampleNotice } from '@convene/schema'
import { describe, expect, it } from 'vitest'
import type { JSONContent } from './json-content'
import { plainTextBlocks } from './plain-text'
import { recogniseNotice } from './recognise-notice'

const SAMPLE_TEXT = readFileSync(
  new URL('../../schema/fixtures/wto-msme-notice-2024-03-fr.txt', import.meta.url),
  'utf8',
)

/** The content without what an import cannot know: item ids (fresh) and link marks (a text file has no links). */
function structure(json: JSONContent): JSONContent {
  const { attrs, marks, content, ...rest } = json
  const kept: JSONContent = { ...rest }
  if (attrs && json.type !== 'agendaItem') kept.attrs = attrs
  const linkless = (marks ?? []).filter((mark) => mark.type !== 'link')
  if (linkless.length > 0) kept.marks = linkless
  if (content) {
    const children: JSONContent[] = []
    for (const child of content.map(structure)) {
      const last = children.at(-1)
      // Adjacent text nodes that differed only by a link are one text node.
      if (last?.type === 'text' && child.type === 'text' && !last.marks && !child.marks)
        last.text = `${last.text}${child.text}`
      else children.push(child)
    }
    kept.content = children
  }
  return kept
}

describe('recogniseNotice on the sample notice as plain text', () => {
  const imported = recogniseNotice(plainTextBlocks(SAMPLE_TEXT), { format: 'text' })

  it('gives exactly the sample notice: 6 items, 3.1-3.2, 4.1-4.3, 6.1-6.2, every speaker and symbol, every paragraph', () => {
    expect(structure(imported.content)).toEqual(structure(sampleNotice.content))
    const outline = agendaOutline(docFromJSON(imported.content)).map(
      (entry) => `${entry.number} ${entry.title}`,
    )
    expect(outline).toEqual(
      agendaOutline(docFromJSON(sampleNotice.content)).map((entry) => `${entry.number} ${entry.title}`),
    )
    expect(outline.filter((entry) => !entry.includes('.')).length).toBe(6)
  })

  it('reads the header into the sample metadata (the sample symbol is illustrative: the text has none)', () => {
    expect(imported.meta).toEqual({ ...sampleNotice.meta, symbol: '' })
  })

  it('reports the counts, the header lines, and drops only rules, page-foot link targets and the table of contents', () => {
    const { report } = imported
    expect(report).toMatchObject({
      format: 'text',
      language: 'fr',
      organisation: 'WTO',
      items: 13,
      speakers: 10,
      symbols: 7,
      footnotes: 0,
    })
    expect(report.header.map((line) => line.field)).toEqual([
      'issuingBody',
      'title',
      'revisionLabel',
      'coordinator',
    ])
    const whys = new Set(report.dropped.map((line) => line.why))
    expect(whys).toEqual(
      new Set([
        'a horizontal rule',
        'a link target listed at the foot of the page',
        'the table of contents, which repeats the agenda',
      ]),
    )
    expect(report.dropped.filter((line) => line.why.startsWith('the table')).length).toBe(13)
    expect(report.warnings).toEqual([])
  })
})
