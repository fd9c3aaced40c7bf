import { renderExport } from '@convene/export'
import { agendaOutline, docFromJSON, sampleNotice } from '@convene/schema'
import { describe, expect, it } from 'vitest'
import { importFile } from './import-file'
import type { JSONContent } from './json-content'

const REVISION = { label: 'Rev.1', hash: 'sample', createdAt: '2024-03-08T00:00:00Z', frozen: true }
const TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
} as const

/** The content as an import can know it: no item ids, no link marks, adjacent texts joined. */
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
      if (last?.type === 'text' && child.type === 'text' && !last.marks && !child.marks)
        last.text = `${last.text}${child.text}`
      else children.push(child)
    }
    kept.content = children
  }
  return kept
}

describe.each(Object.keys(TYPES) as (keyof typeof TYPES)[])(
  'the sample notice exported as %s and imported back',
  (format) => {
    it('gives the sample outline, speakers and symbols, and its header metadata', async () => {
      const bytes = await renderExport({ ...sampleNotice, revision: REVISION }, format)
      const imported = await importFile(bytes, TYPES[format])
      const outline = (json: JSONContent) =>
        agendaOutline(docFromJSON(json)).map((entry) => `${entry.number} ${entry.title}`)
      expect(outline(imported.content)).toEqual(outline(sampleNotice.content))
      const nodes = (json: JSONContent, type: string): JSONContent[] => [
        ...(json.type === type ? [json] : []),
        ...(json.content ?? []).flatMap((child) => nodes(child, type)),
      ]
      expect(nodes(imported.content, 'speaker').map((node) => node.attrs)).toEqual(
        nodes(sampleNotice.content, 'speaker').map((node) => node.attrs),
      )
      expect(nodes(imported.content, 'symbol').map((node) => node.attrs)).toEqual(
        nodes(sampleNotice.content, 'symbol').map((node) => node.attrs),
      )
      expect(imported.meta).toEqual(sampleNotice.meta)
      expect(imported.report).toMatchObject({ format, items: 13, speakers: 10, symbols: 7 })
    }, 30_000)
  },
)

describe('the sample notice exported as HTML and DOCX', () => {
  it.each(['html', 'docx'] as const)(
    'imports from %s to exactly the sample content, links included',
    async (format) => {
      const bytes = await renderExport({ ...sampleNotice, revision: REVISION }, format)
      const imported = await importFile(bytes, TYPES[format])
      const withLinks = (json: JSONContent): JSONContent => {
        const { attrs, content, ...rest } = json
        return {
          ...rest,
          ...(attrs && json.type !== 'agendaItem' ? { attrs } : {}),
          ...(content ? { content: content.map(withLinks) } : {}),
        }
      }
      expect(withLinks(imported.content)).toEqual(withLinks(sampleNotice.content))
      void structure
    },
    30_000,
  )
})
