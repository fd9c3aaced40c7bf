import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { Transform } from '@tiptap/pm/transform'
import { describe, expect, it } from 'vitest'
import { agendaItem, doc, paragraph, speaker } from './content-builders'
import { docFromJSON } from './doc-from-json'
import { agendaOutline, formatAgendaNumber } from './numbering'
import { sampleNotice } from './sample-notice'

const numbered = (node: ProseMirrorNode) => agendaOutline(node).map((entry) => `${entry.number} ${entry.id}`)

const entryOf = (node: ProseMirrorNode, id: string) => {
  const entry = agendaOutline(node).find((candidate) => candidate.id === id)
  if (!entry) throw new Error(`no agenda item ${id}`)
  return entry
}

/** Deletes the agenda item `id` from `node`. */
function deleteItem(node: ProseMirrorNode, id: string): ProseMirrorNode {
  const { pos } = entryOf(node, id)
  const size = node.nodeAt(pos)?.nodeSize ?? 0
  return new Transform(node).delete(pos, pos + size).doc
}

/** Moves the agenda item `id` to just before the agenda item `beforeId`. */
function moveItemBefore(node: ProseMirrorNode, id: string, beforeId: string): ProseMirrorNode {
  const from = entryOf(node, id).pos
  const moved = node.nodeAt(from)
  if (!moved) throw new Error(`nothing at ${from}`)
  const tr = new Transform(node).delete(from, from + moved.nodeSize)
  return tr.insert(tr.mapping.map(entryOf(node, beforeId).pos), moved).doc
}

describe('formatAgendaNumber', () => {
  it('joins a position path with dots', () => {
    expect(formatAgendaNumber([3])).toBe('3')
    expect(formatAgendaNumber([3, 1])).toBe('3.1')
    expect(formatAgendaNumber([1, 2, 3, 4])).toBe('1.2.3.4')
  })
})

describe('agendaOutline', () => {
  const sample = docFromJSON(sampleNotice.content)

  it('numbers the sample agenda 1 to 6 with its sub-items, in document order', () => {
    expect(numbered(sample)).toEqual([
      '1 msme-accession',
      '2 msme-package-2020',
      '3 thematic-discussions',
      '3.1 sustainability-reporting',
      '3.2 msme-investment',
      '4 private-sector-dialogue',
      '4.1 upu-presentation',
      '4.2 wtca-presentation',
      '4.3 msme-spotlight',
      '5 work-programme-planning',
      '6 other-business',
      '6.1 international-organisations',
      '6.2 other-matters',
    ])
  })

  it('gives each entry its level, path, title and the position of its node', () => {
    const outline = agendaOutline(sample)
    expect(outline[4]).toMatchObject({
      id: 'msme-investment',
      number: '3.2',
      level: 2,
      path: [3, 2],
      title: 'Investissement des MPME',
    })
    for (const entry of outline) {
      const node = sample.nodeAt(entry.pos)
      expect(node?.type.name).toBe('agendaItem')
      expect(node?.attrs.id).toBe(entry.id)
    }
  })

  it('renumbers 3.2 to 3.1 when 3.1 is deleted', () => {
    const after = deleteItem(sample, 'sustainability-reporting')
    expect(entryOf(after, 'msme-investment')).toMatchObject({ number: '3.1', path: [3, 1] })
    expect(numbered(after).slice(2, 5)).toEqual([
      '3 thematic-discussions',
      '3.1 msme-investment',
      '4 private-sector-dialogue',
    ])
  })

  it('renumbers every later item and its sub-items when a top-level item is deleted', () => {
    const after = deleteItem(sample, 'msme-package-2020')
    expect(numbered(after)).toEqual([
      '1 msme-accession',
      '2 thematic-discussions',
      '2.1 sustainability-reporting',
      '2.2 msme-investment',
      '3 private-sector-dialogue',
      '3.1 upu-presentation',
      '3.2 wtca-presentation',
      '3.3 msme-spotlight',
      '4 work-programme-planning',
      '5 other-business',
      '5.1 international-organisations',
      '5.2 other-matters',
    ])
  })

  it('keeps ids and renumbers when an item is moved', () => {
    const after = moveItemBefore(sample, 'other-business', 'msme-accession')
    expect(numbered(after).slice(0, 4)).toEqual([
      '1 other-business',
      '1.1 international-organisations',
      '1.2 other-matters',
      '2 msme-accession',
    ])
    expect(entryOf(after, 'work-programme-planning').number).toBe('6')
  })

  it('renumbers sub-items swapped within their parent', () => {
    const after = moveItemBefore(sample, 'msme-spotlight', 'upu-presentation')
    expect(numbered(after).slice(5, 9)).toEqual([
      '4 private-sector-dialogue',
      '4.1 msme-spotlight',
      '4.2 upu-presentation',
      '4.3 wtca-presentation',
    ])
  })

  it('numbers deep nesting to any depth', () => {
    const deep = docFromJSON(
      doc(
        agendaItem(
          'a',
          'A',
          agendaItem(
            'a1',
            'A1',
            agendaItem('a11', 'A11', agendaItem('a111', 'A111', agendaItem('a1111', 'A1111'))),
          ),
        ),
        agendaItem(
          'b',
          'B',
          agendaItem('b1', 'B1'),
          agendaItem('b2', 'B2', agendaItem('b21', 'B21'), agendaItem('b22', 'B22')),
        ),
      ),
    )
    expect(agendaOutline(deep).map((entry) => [entry.number, entry.id, entry.level])).toEqual([
      ['1', 'a', 1],
      ['1.1', 'a1', 2],
      ['1.1.1', 'a11', 3],
      ['1.1.1.1', 'a111', 4],
      ['1.1.1.1.1', 'a1111', 5],
      ['2', 'b', 1],
      ['2.1', 'b1', 2],
      ['2.2', 'b2', 2],
      ['2.2.1', 'b21', 3],
      ['2.2.2', 'b22', 3],
    ])
  })

  it('does not count preamble paragraphs or body blocks', () => {
    const mixed = docFromJSON(
      doc(
        paragraph('Préambule.'),
        paragraph('Encore.'),
        agendaItem('x', 'X', paragraph('Corps.'), agendaItem('y', 'Y')),
      ),
    )
    expect(numbered(mixed)).toEqual(['1 x', '1.1 y'])
    expect(entryOf(mixed, 'x').pos).toBe(mixed.child(0).nodeSize + mixed.child(1).nodeSize)
  })

  it('spells out speakers and symbols in titles', () => {
    const titled = docFromJSON(
      doc(agendaItem('t', ['Exposé de ', speaker({ name: 'Kate Kallot' }), ' sur WT/MIN(24)/9'])),
    )
    expect(agendaOutline(titled)[0]?.title).toBe('Exposé de Kate Kallot sur WT/MIN(24)/9')
  })

  it('gives an empty id for an item that has none yet', () => {
    const fresh = docFromJSON({
      type: 'doc',
      content: [{ type: 'agendaItem', content: [{ type: 'agendaTitle' }] }],
    })
    expect(agendaOutline(fresh)).toEqual([
      { id: '', number: '1', level: 1, title: '', path: [1], pos: 0, recurring: false },
    ])
  })

  it('gives an empty outline for a document without agenda', () => {
    expect(agendaOutline(docFromJSON(doc(paragraph('Rien.'))))).toEqual([])
  })
})
