import { getSchema } from '@tiptap/core'
import type { Node as ProseMirrorNode, Schema } from '@tiptap/pm/model'
import { describe, expect, it } from 'vitest'
import { doc, paragraph } from './content-builders'
import { docFromJSON } from './doc-from-json'
import { noticeExtensions, noticeSchema } from './notice-extensions'
import { symbolSearchUrl } from './symbol-links'
import { fakeElement, parseAttrs } from './test/dom-double'

const symbolNode = (symbol: string, schema: Schema = noticeSchema): ProseMirrorNode =>
  schema.nodes.symbol?.create({ symbol }) ?? (undefined as never)

const render = (node: ProseMirrorNode) => node.type.spec.toDOM?.(node)

describe('the symbol node', () => {
  it('is an inline atom that the sample builder makes from text', () => {
    const node = docFromJSON(doc(paragraph('voir WT/MIN(24)/9.'))).firstChild?.child(1)
    expect(node?.type.name).toBe('symbol')
    expect(node?.attrs.symbol).toBe('WT/MIN(24)/9')
    expect(node?.isInline && node.isAtom).toBe(true)
  })

  it('renders a span marked data-type="document-symbol" holding a link to its search', () => {
    expect(render(symbolNode('WT/MIN(24)/9'))).toEqual([
      'span',
      { 'data-type': 'document-symbol', 'data-symbol': 'WT/MIN(24)/9' },
      ['a', { href: symbolSearchUrl('WT/MIN(24)/9', 'en') }, 'WT/MIN(24)/9'],
    ])
  })

  it('renders one link per part of a joint symbol, joined by "-"', () => {
    const joint = 'INF/MSME/W/46/Rev.1-INF/TGE/W/7/Rev.1'
    expect(render(symbolNode(joint))).toEqual([
      'span',
      { 'data-type': 'document-symbol', 'data-symbol': joint },
      ['a', { href: symbolSearchUrl('INF/MSME/W/46/Rev.1', 'en') }, 'INF/MSME/W/46/Rev.1'],
      '-',
      ['a', { href: symbolSearchUrl('INF/TGE/W/7/Rev.1', 'en') }, 'INF/TGE/W/7/Rev.1'],
    ])
  })

  it('links in the language the extensions are configured with', () => {
    const french = getSchema(noticeExtensions({ language: 'fr' }))
    const spec = render(symbolNode('INF/MSME/4/Rev.2', french)) as unknown[]
    expect(spec[2]).toEqual(['a', { href: symbolSearchUrl('INF/MSME/4/Rev.2', 'fr') }, 'INF/MSME/4/Rev.2'])
  })

  it('renders a malformed symbol as marked plain text instead of a link', () => {
    expect(render(symbolNode('INF//4'))).toEqual([
      'span',
      { 'data-type': 'document-symbol', 'data-symbol': 'INF//4', 'data-invalid': 'true' },
      'INF//4',
    ])
  })

  it('reads its symbol back from data-symbol, or from its text', () => {
    const type = noticeSchema.nodes.symbol
    expect(type?.spec.parseDOM?.[0]?.tag).toBe('span[data-type="document-symbol"]')
    expect(parseAttrs(type, fakeElement({ 'data-symbol': 'WT/MIN(24)/9' }))).toEqual({
      symbol: 'WT/MIN(24)/9',
      organisation: '',
    })
    expect(parseAttrs(type, fakeElement({}, 'INF/MSME/4/Rev.2'))).toEqual({
      symbol: 'INF/MSME/4/Rev.2',
      organisation: '',
    })
  })

  it('reads the organisation of a cited symbol by its acronym, in any case, and drops one it does not know', () => {
    const type = noticeSchema.nodes.symbol
    expect(parseAttrs(type, fakeElement({ 'data-symbol': 'A/RES/70/1', 'data-organisation': 'un' }))).toEqual(
      {
        symbol: 'A/RES/70/1',
        organisation: 'UN',
      },
    )
    expect(
      parseAttrs(type, fakeElement({ 'data-symbol': 'A/RES/70/1', 'data-organisation': 'ACME' })),
    ).toEqual({ symbol: 'A/RES/70/1', organisation: '' })
  })

  it('gives its symbol as plain text', () => {
    const node = symbolNode('WT/MIN(24)/9')
    expect(node.type.spec.toText?.({ node })).toBe('WT/MIN(24)/9')
  })
})
