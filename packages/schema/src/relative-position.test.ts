import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { parseRelativePosition, RelativePositionError, relativePositionProblem } from './relative-position'
import { CONTENT_FIELD, META_MAP } from './ydoc'

/** A doc whose content holds one paragraph with `text`, and a meta map with a title. */
function noticeDoc(text: string): { doc: Y.Doc; paragraph: Y.XmlElement; words: Y.XmlText } {
  const doc = new Y.Doc()
  const paragraph = new Y.XmlElement('paragraph')
  const words = new Y.XmlText(text)
  paragraph.insert(0, [words])
  doc.getXmlFragment(CONTENT_FIELD).insert(0, [paragraph])
  doc.getMap(META_MAP).set('title', 'Ordre du jour')
  return { doc, paragraph, words }
}

const json = (position: Y.RelativePosition) => Y.relativePositionToJSON(position)
const problem = (doc: Y.Doc, value: unknown) =>
  relativePositionProblem(doc, parseRelativePosition(value), CONTENT_FIELD)

describe('parseRelativePosition', () => {
  it('refuses a position naming nothing, which Yjs cannot resolve ("Unexpected case")', () => {
    const { doc } = noticeDoc('x')
    expect(() =>
      Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON({}), doc),
    ).toThrow()
    expect(() => parseRelativePosition({})).toThrow(/names an "item", a "type" or a "tname"/)
    expect(() => parseRelativePosition({ type: null, tname: null, item: null, assoc: 0 })).toThrow(
      RelativePositionError,
    )
  })

  it('refuses non-objects, unknown fields, ids that are not ids and two names at once', () => {
    for (const value of [null, 'x', 3, [], { item: { client: 1, clock: 0 }, extra: 1 }]) {
      expect(() => parseRelativePosition(value)).toThrow(RelativePositionError)
    }
    expect(() => parseRelativePosition({ item: { client: -1, clock: 0 } })).toThrow(/32-bit client id/)
    expect(() => parseRelativePosition({ item: { client: 1, clock: 0.5 } })).toThrow(/clock/)
    expect(() => parseRelativePosition({ item: { client: 1, clock: 0, x: 1 } })).toThrow(/client, clock/)
    expect(() => parseRelativePosition({ tname: 'content', type: { client: 1, clock: 0 } })).toThrow(
      /not both/,
    )
    expect(() => parseRelativePosition({ tname: 'x'.repeat(65) })).toThrow(/1 to 64 characters/)
    expect(() => parseRelativePosition({ tname: 'content', assoc: 'left' })).toThrow(/"assoc"/)
  })

  it('reads what Y.relativePositionToJSON and JSON.stringify of a Y.RelativePosition write', () => {
    const { words } = noticeDoc('Ordre')
    const position = Y.createRelativePositionFromTypeIndex(words, 2)
    expect(parseRelativePosition(json(position))).toEqual(json(position))
    expect(parseRelativePosition(JSON.parse(JSON.stringify(position)))).toEqual(json(position))
  })
})

describe('relativePositionProblem', () => {
  it('accepts positions in the content fragment: in text, at the end of an element, at the end of the root', () => {
    const { doc, paragraph, words } = noticeDoc('Ordre')
    expect(problem(doc, json(Y.createRelativePositionFromTypeIndex(words, 3)))).toBeNull()
    expect(problem(doc, json(Y.createRelativePositionFromTypeIndex(paragraph, 1)))).toBeNull()
    expect(
      problem(doc, json(Y.createRelativePositionFromTypeIndex(doc.getXmlFragment(CONTENT_FIELD), 1))),
    ).toBeNull()
    // Deleted text still resolves (Yjs places the position where the text was).
    const position = json(Y.createRelativePositionFromTypeIndex(words, 3))
    words.delete(0, 5)
    expect(problem(doc, position)).toBeNull()
  })

  it('accepts an id the document has not received yet (a comment overtaking its text)', () => {
    const { doc } = noticeDoc('x')
    expect(problem(doc, { item: { client: 77, clock: 0 }, assoc: 0 })).toBeNull()
    expect(problem(doc, { item: { client: doc.clientID, clock: 10_000 } })).toBeNull()
  })

  it('refuses a position outside the content fragment: another root, the meta map, a map entry', () => {
    const { doc, paragraph } = noticeDoc('Ordre')
    expect(problem(doc, { tname: META_MAP })).toBe('it names the type "meta", not "content"')
    const meta = doc.getMap(META_MAP)
    const metaItem = meta._map.get('title') as Y.Item
    expect(problem(doc, { item: { client: metaItem.id.client, clock: metaItem.id.clock } })).toMatch(
      /is a map entry, not text/,
    )
    paragraph.setAttribute('data-id', 'a1')
    const attribute = paragraph._map.get('data-id') as Y.Item
    expect(problem(doc, { item: { client: attribute.id.client, clock: attribute.id.clock } })).toMatch(
      /is a map entry/,
    )
    const other = doc.getArray<Y.Text>('elsewhere')
    other.insert(0, [new Y.Text('hidden')])
    const hidden = other.get(0)
    const inside = json(Y.createRelativePositionFromTypeIndex(hidden, 2))
    expect(problem(doc, inside)).toMatch(/is not in "content"/)
    expect(problem(doc, json(Y.createRelativePositionFromTypeIndex(hidden, hidden.length)))).toMatch(
      /is not in "content"/,
    )
  })

  it('refuses a "type" that names an item holding no type', () => {
    const { doc, words } = noticeDoc('Ordre')
    const item = words._start as Y.Item
    expect(problem(doc, { type: { client: item.id.client, clock: item.id.clock } })).toMatch(/is not a type/)
  })

  it('costs the nesting depth, not the size of the document', () => {
    const { doc, words } = noticeDoc('x')
    const fragment = doc.getXmlFragment(CONTENT_FIELD)
    for (let index = 0; index < 20_000; index += 1) fragment.insert(1, [new Y.XmlElement('paragraph')])
    const position = json(Y.createRelativePositionFromTypeIndex(words, 1))
    const started = performance.now()
    for (let round = 0; round < 10_000; round += 1) problem(doc, position)
    expect(performance.now() - started).toBeLessThan(500)
  })
})
