import type { JSONContent } from '@tiptap/core'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { describe, expect, it } from 'vitest'
import { agendaItem, paragraph, speaker } from './content-builders'
import { docFromJSON } from './doc-from-json'
import { nodeText } from './node-text'
import type { Notice } from './notice'
import { diffNotices, type NoticeDiff } from './notice-diff'
import { sampleNotice } from './sample-notice'

const EMPTY: NoticeDiff = { meta: [], preamble: [], items: [], summary: [] }

/** A deep copy of the sample notice, edited in place by `edit`. */
function edited(edit: (notice: Notice) => void): Notice {
  const copy = structuredClone(sampleNotice)
  edit(copy)
  return copy
}

/** Every node of `root` in document order. */
function nodes(root: JSONContent): JSONContent[] {
  return [root, ...(root.content ?? []).flatMap(nodes)]
}

/** The agenda item `id` of `root`, with its parent and its index among the parent's children. */
function findItem(root: JSONContent, id: string): { item: JSONContent; parent: JSONContent; index: number } {
  for (const parent of nodes(root)) {
    const index = (parent.content ?? []).findIndex(
      (child) => child.type === 'agendaItem' && child.attrs?.id === id,
    )
    const item = parent.content?.[index]
    if (item) return { item, parent, index }
  }
  throw new Error(`no agenda item ${JSON.stringify(id)} in the notice`)
}

/** Moves item `id` to be child number `index` (0 is the title) of `parentId` (null: the document). */
function moveItem(content: JSONContent, id: string, parentId: string | null, index: number): void {
  const { item, parent, index: from } = findItem(content, id)
  parent.content?.splice(from, 1)
  const target = parentId === null ? content : findItem(content, parentId).item
  target.content?.splice(index, 0, item)
}

/** Replaces `before` by `after` in the one text node of `root` that contains it. */
function replaceText(root: JSONContent, before: string, after: string): void {
  const found = nodes(root).filter((node) => node.type === 'text' && node.text?.includes(before))
  if (found.length !== 1) throw new Error(`${found.length} text nodes contain ${JSON.stringify(before)}`)
  const [node] = found
  if (node?.text !== undefined) node.text = node.text.replace(before, after)
}

/** The body text of item `id` as the diff reads it: its own blocks' text, blocks separated by "\n\n". */
function bodyText(content: JSONContent, id: string): string {
  const doc = docFromJSON(content)
  let item: ProseMirrorNode | null = null
  doc.descendants((node) => {
    if (node.type.name === 'agendaItem' && node.attrs.id === id) item = node
    return item === null
  })
  const blocks: string[] = []
  ;(item as ProseMirrorNode | null)?.forEach((child) => {
    if (child.type.name === 'paragraph') blocks.push(nodeText(child))
  })
  return blocks.join('\n\n')
}

describe('diffNotices', () => {
  it('reports nothing for identical notices', () => {
    expect(diffNotices(sampleNotice, structuredClone(sampleNotice))).toEqual(EMPTY)
  })

  it('reports 3.2 moved to 4.1 once, and the items it pushed down as renumbered', () => {
    const to = edited(({ content }) => moveItem(content, 'msme-investment', 'private-sector-dialogue', 1))
    expect(diffNotices(sampleNotice, to)).toEqual({
      ...EMPTY,
      items: [
        {
          kind: 'moved',
          id: 'msme-investment',
          fromNumber: '3.2',
          toNumber: '4.1',
          title: 'Investissement des MPME',
        },
        { kind: 'renumbered', id: 'upu-presentation', fromNumber: '4.1', toNumber: '4.2' },
        { kind: 'renumbered', id: 'wtca-presentation', fromNumber: '4.2', toNumber: '4.3' },
        { kind: 'renumbered', id: 'msme-spotlight', fromNumber: '4.3', toNumber: '4.4' },
      ],
      summary: [
        { code: 'item.moved', id: 'msme-investment', number: '4.1', params: { from: '3.2', to: '4.1' } },
      ],
    })
  })

  it('reports item 4 moved above item 3 as 4 moved to 3, and item 3 and every sub-item as renumbered', () => {
    const to = edited(({ content }) => moveItem(content, 'private-sector-dialogue', null, 5))
    expect(findItem(to.content, 'private-sector-dialogue').index).toBe(5) // 3 preamble paragraphs, items 1, 2
    expect(diffNotices(sampleNotice, to).items).toEqual([
      {
        kind: 'moved',
        id: 'private-sector-dialogue',
        fromNumber: '4',
        toNumber: '3',
        title: 'RENFORCER LE DIALOGUE AVEC LE SECTEUR PRIVÉ ET LES AUTRES PARTIES PRENANTES',
      },
      { kind: 'renumbered', id: 'upu-presentation', fromNumber: '4.1', toNumber: '3.1' },
      { kind: 'renumbered', id: 'wtca-presentation', fromNumber: '4.2', toNumber: '3.2' },
      { kind: 'renumbered', id: 'msme-spotlight', fromNumber: '4.3', toNumber: '3.3' },
      { kind: 'renumbered', id: 'thematic-discussions', fromNumber: '3', toNumber: '4' },
      { kind: 'renumbered', id: 'sustainability-reporting', fromNumber: '3.1', toNumber: '4.1' },
      { kind: 'renumbered', id: 'msme-investment', fromNumber: '3.2', toNumber: '4.2' },
    ])
  })

  it('reports a retitled item with the word changes of its title', () => {
    const to = edited(({ content }) =>
      replaceText(
        findItem(content, 'msme-investment').item,
        'Investissement des',
        'Investissement international des',
      ),
    )
    expect(diffNotices(sampleNotice, to)).toEqual({
      ...EMPTY,
      items: [
        {
          kind: 'retitled',
          id: 'msme-investment',
          number: '3.2',
          from: 'Investissement des MPME',
          to: 'Investissement international des MPME',
          ops: [
            { op: 'equal', text: 'Investissement ' },
            { op: 'insert', text: 'international ' },
            { op: 'equal', text: 'des MPME' },
          ],
        },
      ],
      summary: [
        {
          code: 'item.retitled',
          id: 'msme-investment',
          number: '3.2',
          params: { from: 'Investissement des MPME', to: 'Investissement international des MPME' },
        },
      ],
    })
  })

  it('reports a sub-item inserted as 3.3 as added, and nothing else', () => {
    const to = edited(({ content }) => {
      const item3 = findItem(content, 'thematic-discussions').item
      item3.content?.push(
        agendaItem('msme-digital', 'Les MPME et le commerce numérique', paragraph('À préciser.')),
      )
    })
    expect(diffNotices(sampleNotice, to)).toEqual({
      ...EMPTY,
      items: [
        { kind: 'added', id: 'msme-digital', number: '3.3', title: 'Les MPME et le commerce numérique' },
      ],
      summary: [
        {
          code: 'item.added',
          id: 'msme-digital',
          number: '3.3',
          params: { title: 'Les MPME et le commerce numérique' },
        },
      ],
    })
  })

  it('reports a sub-item inserted as 3.1 as added, and its later siblings as renumbered, not moved', () => {
    const to = edited(({ content }) => {
      const item3 = findItem(content, 'thematic-discussions').item
      item3.content?.splice(2, 0, agendaItem('msme-digital', 'Les MPME et le commerce numérique'))
    })
    expect(diffNotices(sampleNotice, to).items).toEqual([
      { kind: 'added', id: 'msme-digital', number: '3.1', title: 'Les MPME et le commerce numérique' },
      { kind: 'renumbered', id: 'sustainability-reporting', fromNumber: '3.1', toNumber: '3.2' },
      { kind: 'renumbered', id: 'msme-investment', fromNumber: '3.2', toNumber: '3.3' },
    ])
  })

  it('reports a removed item with its old number and title', () => {
    const to = edited(({ content }) => {
      const { parent, index } = findItem(content, 'other-matters')
      parent.content?.splice(index, 1)
    })
    expect(diffNotices(sampleNotice, to)).toEqual({
      ...EMPTY,
      items: [{ kind: 'removed', id: 'other-matters', number: '6.2', title: 'Autres questions' }],
      summary: [
        { code: 'item.removed', id: 'other-matters', number: '6.2', params: { title: 'Autres questions' } },
      ],
    })
  })

  it("reports a speaker's changed function in 3.1 as a speaker change, not a text change", () => {
    const to = edited(({ content }) => {
      const kallot = nodes(content).find(
        (node) => node.type === 'speaker' && node.attrs?.name === 'Kate Kallot',
      )
      if (kallot?.attrs) kallot.attrs.role = 'fondatrice et directrice générale'
    })
    expect(diffNotices(sampleNotice, to)).toEqual({
      ...EMPTY,
      items: [
        {
          kind: 'speakers',
          id: 'sustainability-reporting',
          number: '3.1',
          changes: [
            {
              kind: 'changed',
              name: 'Kate Kallot',
              fields: [{ field: 'role', from: 'fondatrice et PDG', to: 'fondatrice et directrice générale' }],
            },
          ],
        },
      ],
      summary: [
        {
          code: 'speaker.changed',
          id: 'sustainability-reporting',
          number: '3.1',
          params: { name: 'Kate Kallot', fields: 'role' },
        },
      ],
    })
  })

  it('reports a speaker added in 4.3 as a speaker change and the inserted running text', () => {
    const lead = "L'Institute of Export and International Trade (IOE&IT)"
    const to = edited(({ content }) => {
      const spotlight = findItem(content, 'msme-spotlight').item.content?.[1]
      const added = speaker({
        honorific: 'Mme',
        name: 'Ana Silva',
        role: 'Directrice',
        preposition: 'de l’',
        organisation: 'IOE&IT',
      })
      spotlight?.content?.splice(0, 0, added, { type: 'text', text: ' et ' })
    })
    const before = bodyText(sampleNotice.content, 'msme-spotlight')
    expect(before.startsWith(lead)).toBe(true)
    expect(diffNotices(sampleNotice, to)).toEqual({
      ...EMPTY,
      items: [
        {
          kind: 'textChanged',
          id: 'msme-spotlight',
          number: '4.3',
          ops: [
            { op: 'insert', text: 'Mme Ana Silva, Directrice de l’IOE&IT et ' },
            { op: 'equal', text: before },
          ],
        },
        {
          kind: 'speakers',
          id: 'msme-spotlight',
          number: '4.3',
          changes: [
            {
              kind: 'added',
              name: 'Ana Silva',
              speaker: {
                honorific: 'Mme',
                name: 'Ana Silva',
                delegation: '',
                role: 'Directrice',
                preposition: 'de l’',
                organisation: 'IOE&IT',
              },
            },
          ],
        },
      ],
      summary: [
        { code: 'item.textChanged', id: 'msme-spotlight', number: '4.3', params: {} },
        { code: 'speaker.added', id: 'msme-spotlight', number: '4.3', params: { name: 'Ana Silva' } },
      ],
    })
  })

  it('reports INF/MSME/4/Rev.2 -> Rev.3 in item 2 as one changed symbol, leaving item 5 that cites Rev.2 alone', () => {
    const to = edited(({ content }) => {
      for (const node of nodes(findItem(content, 'msme-package-2020').item)) {
        if (node.type === 'symbol' && node.attrs?.symbol === 'INF/MSME/4/Rev.2')
          node.attrs.symbol = 'INF/MSME/4/Rev.3'
      }
    })
    const cited = nodes(findItem(to.content, 'msme-package-2020').item).filter(
      (node) => node.type === 'symbol',
    )
    expect(cited.map((node) => node.attrs?.symbol)).toEqual(['INF/MSME/4/Rev.3', 'INF/MSME/4/Rev.3'])
    expect(diffNotices(sampleNotice, to)).toEqual({
      ...EMPTY,
      items: [
        {
          kind: 'symbols',
          id: 'msme-package-2020',
          number: '2',
          changes: [
            { kind: 'changed', base: 'INF/MSME/4', from: 'INF/MSME/4/Rev.2', to: 'INF/MSME/4/Rev.3' },
          ],
        },
      ],
      summary: [
        {
          code: 'symbol.changed',
          id: 'msme-package-2020',
          number: '2',
          params: { from: 'INF/MSME/4/Rev.2', to: 'INF/MSME/4/Rev.3' },
        },
      ],
    })
  })

  it('reports a word changed inside item 5 as one delete and one insert within its body text', () => {
    const to = edited(({ content }) =>
      replaceText(findItem(content, 'work-programme-planning').item, 'trois éditions', 'quatre éditions'),
    )
    const before = bodyText(sampleNotice.content, 'work-programme-planning')
    const at = before.indexOf('trois éditions')
    expect(at).toBeGreaterThan(0)
    expect(diffNotices(sampleNotice, to)).toEqual({
      ...EMPTY,
      items: [
        {
          kind: 'textChanged',
          id: 'work-programme-planning',
          number: '5',
          ops: [
            { op: 'equal', text: before.slice(0, at) },
            { op: 'delete', text: 'trois' },
            { op: 'insert', text: 'quatre' },
            { op: 'equal', text: before.slice(at + 'trois'.length) },
          ],
        },
      ],
      summary: [{ code: 'item.textChanged', id: 'work-programme-planning', number: '5', params: {} }],
    })
  })

  it('reports a changed metadata field with its old and new value', () => {
    const to = edited(({ meta }) => {
      meta.meetingDate = '2024-03-21'
    })
    expect(diffNotices(sampleNotice, to)).toEqual({
      ...EMPTY,
      meta: [{ field: 'meetingDate', from: '2024-03-19', to: '2024-03-21' }],
      summary: [{ code: 'meta.changed', id: null, number: null, params: { field: 'meetingDate' } }],
    })
  })

  it('reads a metadata field absent on one side as empty, so a live notice with partial metadata compares', () => {
    const { place: _place, ...partial } = sampleNotice.meta
    expect(sampleNotice.meta.place).toBe('')
    expect(diffNotices(sampleNotice, { meta: partial, content: sampleNotice.content })).toEqual(EMPTY)
  })

  it('reports a text change in the preamble as a preamble change', () => {
    const to = edited(({ content }) => replaceText(content, 'le mardi 19 mars', 'le jeudi 21 mars'))
    const diff = diffNotices(sampleNotice, to)
    expect(diff.items).toEqual([])
    expect(diff.preamble.map((change) => change.kind)).toEqual(['textChanged'])
    expect(
      diff.preamble
        .flatMap((change) => (change.kind === 'textChanged' ? change.ops : []))
        .filter((op) => op.op !== 'equal'),
    ).toEqual([
      { op: 'delete', text: 'mardi 19' },
      { op: 'insert', text: 'jeudi 21' },
    ])
    expect(diff.summary).toEqual([{ code: 'preamble.changed', id: null, number: null, params: {} }])
  })

  it('matches a pasted copy that repeats an id as a new item, leaving the original unchanged', () => {
    const to = edited(({ content }) => {
      const { item, parent } = findItem(content, 'other-matters')
      parent.content?.push(structuredClone(item))
    })
    expect(diffNotices(sampleNotice, to).items).toEqual([
      { kind: 'added', id: 'other-matters', number: '6.3', title: 'Autres questions' },
    ])
  })

  it('gives a result that survives a JSON round trip unchanged', () => {
    const to = edited(({ content, meta }) => {
      meta.revisionLabel = 'Rev.2'
      moveItem(content, 'msme-investment', 'private-sector-dialogue', 1)
      replaceText(content, 'trois éditions', 'quatre éditions')
    })
    const diff = diffNotices(sampleNotice, to)
    expect(diff.items.length).toBeGreaterThan(0)
    expect(JSON.parse(JSON.stringify(diff))).toEqual(diff)
  })
})
