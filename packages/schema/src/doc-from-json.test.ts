import type { JSONContent } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import { agendaItem, doc, link, paragraph, speaker, text } from './content-builders'
import { docFromJSON, NoticeContentError } from './doc-from-json'
import { sampleNotice } from './sample-notice'

function contentError(json: unknown, strict = true): NoticeContentError {
  try {
    docFromJSON(json as JSONContent, { strict })
  } catch (error) {
    if (error instanceof NoticeContentError) return error
    throw error
  }
  throw new Error('expected a NoticeContentError')
}

const item = (id: string, ...children: JSONContent[]) => agendaItem(id, 'Titre', ...children)

describe('docFromJSON', () => {
  it('builds the sample notice and gives back the same JSON', () => {
    expect(docFromJSON(sampleNotice.content).toJSON()).toEqual(sampleNotice.content)
  })

  it('accepts an empty notice', () => {
    expect(docFromJSON({ type: 'doc' }).childCount).toBe(0)
  })

  it('fills default attributes', () => {
    const built = docFromJSON(doc(paragraph(link('guide', 'https://example.org/'))))
    expect(built.firstChild?.firstChild?.marks[0]?.attrs).toEqual({
      href: 'https://example.org/',
      target: '_blank',
      rel: 'noopener noreferrer nofollow',
      class: null,
      title: null,
    })
  })

  it.each<[string, unknown, string, string]>([
    ['a non-object', 'doc', 'doc', 'expected a document object, got "doc"'],
    [
      'another top node',
      { type: 'paragraph' },
      'doc',
      'expected a node of type "doc" at the top, got "paragraph"',
    ],
    [
      'an unknown node type',
      doc(paragraph('a'), { type: 'heading' }),
      'doc.content[1]',
      'unknown node type "heading"',
    ],
    [
      'an unknown mark type',
      doc(paragraph(text('a', [{ type: 'underline' }]))),
      'doc.content[0].content[0].marks[0]',
      'unknown mark type "underline"',
    ],
    [
      'an unknown attribute',
      doc({ type: 'agendaItem', attrs: { id: 'x', number: '3.1' }, content: [{ type: 'agendaTitle' }] }),
      'doc.content[0]',
      'unknown attribute "number" on agendaItem',
    ],
    [
      'a title outside an agenda item',
      doc({ type: 'agendaTitle' }),
      'doc.content[0]',
      'agendaTitle is not allowed here (doc expects "(block | agendaItem)*")',
    ],
    [
      'a second title in an agenda item',
      doc(item('a', { type: 'agendaTitle' })),
      'doc.content[0].content[1]',
      'agendaTitle is not allowed here (agendaItem expects "agendaTitle (block | agendaItem)*")',
    ],
    [
      'an agenda item without title',
      doc({ type: 'agendaItem', attrs: { id: 'a' }, content: [paragraph('x')] }),
      'doc.content[0].content[0]',
      'paragraph is not allowed here (agendaItem expects "agendaTitle (block | agendaItem)*")',
    ],
    [
      'an empty agenda item',
      doc({ type: 'agendaItem', attrs: { id: 'a' } }),
      'doc.content[0]',
      'agendaItem is incomplete: "agendaTitle (block | agendaItem)*" needs an agendaTitle here',
    ],
    [
      'an agenda item inside a list',
      doc({ type: 'bulletList', content: [{ type: 'listItem', content: [paragraph('x'), item('a')] }] }),
      'doc.content[0].content[0].content[1]',
      'agendaItem is not allowed here (listItem expects "paragraph block*")',
    ],
    [
      'an empty text node',
      doc(paragraph(text(''))),
      'doc.content[0].content[0]',
      'a text node needs a non-empty "text", got ""',
    ],
    [
      'a non-string speaker field',
      doc(paragraph({ type: 'speaker', attrs: { name: 7 } })),
      'doc.content[0].content[0]',
      'attribute "name" of speaker must be a string, got number',
    ],
    [
      'content that is not an array',
      doc({ type: 'paragraph', content: 'texte' } as unknown as JSONContent),
      'doc.content[0]',
      '"content" of paragraph must be an array, got "texte"',
    ],
    [
      'an unknown key',
      doc({ type: 'paragraph', style: 'x' } as JSONContent),
      'doc.content[0]',
      'unknown key "style" on paragraph',
    ],
  ])('rejects %s, naming the node', (_, json, path, problem) => {
    const error = contentError(json)
    expect(error.message).toBe(`Invalid notice content at ${path}: ${problem}`)
    expect(error.path).toBe(path)
  })

  it('accepts body blocks after sub-items and preamble blocks after agenda items, as concurrent inserts leave them', () => {
    const merged = doc(
      paragraph('préambule'),
      item('a', item('b'), paragraph('corps de a')),
      paragraph('préambule'),
    )
    expect(docFromJSON(merged).toJSON()).toEqual(docFromJSON(merged, { strict: false }).toJSON())
  })

  it('rejects a malformed symbol, naming it', () => {
    const error = contentError(doc(paragraph({ type: 'symbol', attrs: { symbol: 'INF//4' } })))
    expect(error.message).toBe(
      'Invalid notice content at doc.content[0].content[0]: Invalid document symbol "INF//4": empty segment after "INF"',
    )
  })

  it.each(['javascript:alert(1)', '/relative', ''])('rejects a link to %j, naming it', (href) => {
    expect(contentError(doc(paragraph(link('ici', href)))).message).toBe(
      `Invalid notice content at doc.content[0].content[0].marks[0]: a link needs an http(s) or mailto href, got ${JSON.stringify(href)}`,
    )
  })

  it('rejects a speaker without a name', () => {
    expect(contentError(doc(paragraph({ type: 'speaker', attrs: { role: 'PDG' } }))).message).toBe(
      'Invalid notice content at doc.content[0].content[0]: a speaker needs a name',
    )
  })

  it('rejects two agenda items with the same id, naming both places', () => {
    const error = contentError(doc(item('a', item('b')), item('b')))
    expect(error.message).toBe(
      'Invalid notice content at doc.content[1]: agenda item id "b" is also used at doc.content[0].content[1]',
    )
  })

  it('lets a reader of a live document through duplicates and unparsed symbols when not strict', () => {
    const live = doc(item('a'), item('a', paragraph({ type: 'symbol', attrs: { symbol: 'INF//4' } })))
    expect(docFromJSON(live, { strict: false }).childCount).toBe(2)
    expect(contentError(doc(paragraph('a'), { type: 'heading' }), false).path).toBe('doc.content[1]')
  })

  it('rejects a mark that the parent does not allow', () => {
    const error = contentError(
      doc(paragraph(speaker({ name: 'A' })), { type: 'paragraph', marks: [{ type: 'bold' }] }),
    )
    expect(error.message).toBe(
      'Invalid notice content at doc.content[1]: mark bold is not allowed inside doc',
    )
  })
})
