import { agendaOutline, contentBuilders, docFromJSON, sampleNotice } from '@convene/schema'
import { describe, expect, it } from 'vitest'
import { displaySymbol, flattenAgenda, walkNotice } from './notice-walk'
import { HOSTILE, hostileInput, sampleInput } from './test/fixtures'
import { CONTROL_CHARACTERS } from './test/tools'

const { agendaItem, doc, link, paragraph } = contentBuilders

describe('walkNotice', () => {
  it('prints the meeting details block only where the notice asks for it', () => {
    expect(walkNotice(sampleInput()).header.logistics).toEqual([])
    const shown = walkNotice(sampleInput({ meta: { ...sampleNotice.meta, logistics: 'shown' } })).header
      .logistics
    expect(shown.map((row) => row.label)).toEqual(['Date', 'Heure', 'Durée', 'Mode', 'Plate-forme'])
  })

  it('numbers agenda items exactly as the schema outline does', () => {
    const view = walkNotice(sampleInput())
    const outline = agendaOutline(docFromJSON(sampleNotice.content))
    expect(flattenAgenda(view.agenda).map((item) => [item.id, item.number, item.level])).toEqual(
      outline.map((entry) => [entry.id, entry.number, entry.level]),
    )
    expect(view.toc.map((line) => line.number)).toEqual(outline.map((entry) => entry.number))
  })

  it('links each table of contents line to its item anchor', () => {
    const view = walkNotice(sampleInput())
    const anchors = new Map(flattenAgenda(view.agenda).map((item) => [item.id, item.anchor]))
    for (const line of view.toc) expect(line.anchor).toBe(anchors.get(line.id))
    expect(new Set(anchors.values()).size).toBe(anchors.size)
  })

  it('sets top-level titles in capitals and keeps sub-item titles as written', () => {
    const view = walkNotice(sampleInput())
    const third = view.agenda[2]
    expect(third?.displayTitle).toEqual([expect.objectContaining({ text: 'DISCUSSIONS THÉMATIQUES' })])
    expect(third?.children[1]?.displayTitle).toEqual([
      expect.objectContaining({ text: 'Investissement des MPME' }),
    ])
  })

  it('prints the symbol with its revision and a revision line for Rev.n', () => {
    const view = walkNotice(sampleInput())
    expect(view.header.symbol).toBe('INF/MSME/N/27/Rev.1')
    expect(view.header.revisionLine).toBe('Révision')
    const named = walkNotice(
      sampleInput({
        revision: { label: 'before the meeting', hash: 'h', createdAt: '2024-03-11T00:00:00Z', frozen: true },
      }),
    )
    expect(named.header.symbol).toBe('INF/MSME/N/27')
    expect(named.header.revisionLine).toBeNull()
  })

  it('does not add a revision the symbol already carries', () => {
    expect(displaySymbol('INF/MSME/N/27/Rev.1', 'Rev.1')).toBe('INF/MSME/N/27/Rev.1')
    expect(displaySymbol('INF/MSME/N/27', 'Rev. 2')).toBe('INF/MSME/N/27/Rev.2')
  })

  it('links every symbol to Documents Online in the notice language, one link per joint part', () => {
    const view = walkNotice(sampleInput())
    const joint = flattenAgenda(view.agenda)
      .flatMap((item) => item.body)
      .flatMap((block) => (block.kind === 'paragraph' ? block.runs : []))
      .find((run) => run.kind === 'symbol' && run.text.includes('-'))
    expect(joint).toMatchObject({ kind: 'symbol', text: 'INF/MSME/W/46/Rev.1-INF/TGE/W/7/Rev.1' })
    if (joint?.kind !== 'symbol') throw new Error('no joint symbol')
    expect(joint.links.map((l) => l.text)).toEqual(['INF/MSME/W/46/Rev.1', 'INF/TGE/W/7/Rev.1'])
    for (const l of joint.links) expect(l.href).toContain('&Language=French&')
  })

  it('removes control characters from every string it hands to a renderer', () => {
    const view = walkNotice(hostileInput())
    const json = JSON.stringify(view)
    expect(json).not.toMatch(CONTROL_CHARACTERS)
    // JSON writes the controls below U+0020 as escapes.
    expect(json).not.toMatch(/\\u00[01][0-9a-f]/i)
    expect(view.header.title).toBe(HOSTILE.script)
  })

  it('refuses content whose links are not web or mail addresses, naming the place', () => {
    const content = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'evil', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
          ],
        },
      ],
    }
    expect(() => walkNotice({ ...sampleInput(), content })).toThrow('doc.content[0].content[0].marks[0]')
  })

  it('keeps web links on text', () => {
    const content = docFromJSON(
      doc(paragraph('see ', link('the guide', 'https://www.wto.org/guide.pdf'))),
    ).toJSON()
    const view = walkNotice({ ...sampleInput(), content })
    expect(view.body[0]).toEqual({
      kind: 'paragraph',
      runs: [
        { kind: 'text', text: 'see ', bold: false, italic: false, href: null },
        {
          kind: 'text',
          text: 'the guide',
          bold: false,
          italic: false,
          href: 'https://www.wto.org/guide.pdf',
        },
      ],
    })
  })

  it('prints a symbol the grammar refuses, in a draft, as text without a link', () => {
    const content = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'symbol', attrs: { symbol: 'NOT A/SYMBOL' } }] }],
    }
    const view = walkNotice({ ...sampleInput(), content, draft: true })
    expect(view.body[0]).toEqual({
      kind: 'paragraph',
      runs: [{ kind: 'symbol', text: 'NOT A/SYMBOL', links: [] }],
    })
  })

  it('gives items that share an id (possible in a live draft) distinct anchors', () => {
    const content = docFromJSON(doc(agendaItem('same', 'One'), agendaItem('same', 'Two')), {
      strict: false,
    }).toJSON()
    const view = walkNotice({ ...sampleInput(), content, draft: true })
    expect(view.agenda.map((item) => item.anchor)).toEqual(['item-same', 'item-same-2'])
    expect(view.toc.map((line) => line.anchor)).toEqual(['item-same', 'item-same-2'])
  })

  it('refuses a revision date that is not a date, naming it', () => {
    expect(() =>
      walkNotice(
        sampleInput({ revision: { label: 'Rev.1', hash: 'h', createdAt: 'yesterday', frozen: true } }),
      ),
    ).toThrow('Revision createdAt "yesterday" is not an ISO date')
  })
})
