import { contentBuilders as b, diffNotices, docFromJSON, type NoticeMeta } from '@convene/schema'
import type { JSONContent } from '@tiptap/core'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import type { Decoration } from '@tiptap/pm/view'
import { describe, expect, it } from 'vitest'
import { type DiffWords, diffDecorations } from './diff-decorations'

const words: DiffWords = {
  itemAdded: 'Added',
  movedFrom: (number) => `Moved from ${number}`,
  deleted: 'Deleted',
  speakerChanged: (fields) => `Changed: ${fields}`,
  symbolWas: (symbol) => `Was ${symbol}`,
}

const meta: Partial<NoticeMeta> = { language: 'en' }

const before = b.doc(
  b.paragraph('The meeting is convened by the secretariat.'),
  b.agendaItem('opening', 'Opening', b.paragraph('The chair opens the meeting.')),
  b.agendaItem(
    'trade',
    'Trade and MSMEs',
    b.paragraph(
      'Presentation by ',
      b.speaker({ name: 'Ana Ruiz', role: 'Economist' }),
      ' of INF/MSME/4/Rev.2.',
    ),
  ),
)

/** The decorations of comparing `before` with `after`, drawn on `after`. */
function decorate(after: JSONContent): { doc: ProseMirrorNode; found: Decoration[]; unmatched: number } {
  const doc = docFromJSON(after)
  const diff = diffNotices({ meta, content: before }, { meta, content: after })
  const { decorations, unmatched } = diffDecorations(doc, diff, words)
  return { doc, found: decorations.find(), unmatched }
}

/** What an inline decoration covers, as text; the class it gives. */
function inserted(doc: ProseMirrorNode, found: Decoration[]): string[] {
  return found
    .filter(
      (d) => (d as unknown as { type: { attrs?: { nodeName?: string } } }).type.attrs?.nodeName === 'ins',
    )
    .map((d) => doc.textBetween(d.from, d.to))
}

function widgets(found: Decoration[]): Decoration[] {
  return found.filter((d) => d.from === d.to)
}

describe('diffDecorations', () => {
  it('underlines a word inserted in an item body and nothing else', () => {
    const after = b.doc(
      b.paragraph('The meeting is convened by the secretariat.'),
      b.agendaItem('opening', 'Opening', b.paragraph('The chair formally opens the meeting.')),
      before.content?.[2] as JSONContent,
    )
    const { doc, found, unmatched } = decorate(after)
    expect(unmatched).toBe(0)
    expect(inserted(doc, found)).toEqual(['formally '])
    expect(widgets(found)).toEqual([])
  })

  it('puts a deleted word back as a widget where it was, before the word that replaced it', () => {
    const after = b.doc(
      b.paragraph('The meeting is called by the secretariat.'),
      before.content?.[1] as JSONContent,
      before.content?.[2] as JSONContent,
    )
    const { doc, found } = decorate(after)
    expect(inserted(doc, found)).toEqual(['called'])
    const [deleted] = widgets(found)
    expect(deleted?.spec.key).toBe(`delete:${deleted?.from}:convened`)
    // the widget sits where "called" starts
    const ins = found.find((d) => d.from !== d.to)
    expect(deleted?.from).toBe(ins?.from)
  })

  it('marks a retitled item in its title, an added item whole and a moved one with its old number', () => {
    const after = b.doc(
      b.paragraph('The meeting is convened by the secretariat.'),
      before.content?.[2] as JSONContent,
      b.agendaItem('opening', 'Formal Opening', b.paragraph('The chair opens the meeting.')),
      b.agendaItem('close', 'Closing'),
    )
    const { doc, found, unmatched } = decorate(after)
    expect(unmatched).toBe(0)
    expect(inserted(doc, found)).toContain('Formal ')
    const badges = found.filter((d) => String(d.spec.key ?? '').startsWith('badge:')).map((d) => d.spec.key)
    expect(badges.some((key) => String(key).includes('Added'))).toBe(true)
    expect(badges.some((key) => /Moved from [12]/.test(String(key)))).toBe(true)
  })

  it('outlines a speaker whose function changed, without a text change', () => {
    const after = b.doc(
      before.content?.[0] as JSONContent,
      before.content?.[1] as JSONContent,
      b.agendaItem(
        'trade',
        'Trade and MSMEs',
        b.paragraph(
          'Presentation by ',
          b.speaker({ name: 'Ana Ruiz', role: 'Chief Economist' }),
          ' of INF/MSME/4/Rev.3.',
        ),
      ),
    )
    const { doc, found } = decorate(after)
    const outlined = found.filter((d) => d.from !== d.to && doc.nodeAt(d.from)?.isAtom)
    expect(outlined.map((d) => doc.nodeAt(d.from)?.type.name).sort()).toEqual(['speaker', 'symbol'])
  })

  it('leaves a body undecorated, and counts it, when the document shown is not the one compared', () => {
    const after = b.doc(
      b.paragraph('The meeting is called by the secretariat.'),
      before.content?.[1] as JSONContent,
      before.content?.[2] as JSONContent,
    )
    const diff = diffNotices({ meta, content: before }, { meta, content: after })
    const shown = docFromJSON(
      b.doc(
        b.paragraph('Something else entirely.'),
        before.content?.[1] as JSONContent,
        before.content?.[2] as JSONContent,
      ),
    )
    const { decorations, unmatched } = diffDecorations(shown, diff, words)
    expect(unmatched).toBe(1)
    expect(decorations.find()).toEqual([])
  })
})
