import { describe, expect, it } from 'vitest'
import * as schema from './index'

describe('the public door of @convene/schema', () => {
  it('exports every runtime name of CONTRACT.md', () => {
    const names = [
      'CONTENT_FIELD',
      'META_MAP',
      'NoticeDocument',
      'AgendaItem',
      'AgendaTitle',
      'Speaker',
      'DocumentSymbol',
      'noticeExtensions',
      'noticeSchema',
      'speakerText',
      'parseSymbol',
      'SymbolError',
      'isValidSymbol',
      'findSymbols',
      'symbolSearchUrl',
      'symbolLinks',
      'agendaOutline',
      'formatAgendaNumber',
      'tableOfContents',
      'docFromJSON',
      'NOTICE_LANGUAGES',
      'MEETING_MODES',
      'noticeMetaSchema',
      'noticeMetaPatchSchema',
      'parseNoticeMeta',
      'MetaError',
      'blankNoticeMeta',
      'sampleNotice',
      'blankNotice',
      'writeNoticeToYDoc',
      'readNoticeFromYDoc',
      'readMeta',
      'writeMeta',
    ]
    expect(names.filter((name) => !(name in schema))).toEqual([])
  })

  it('does not export a bare Symbol', () => {
    expect('Symbol' in schema).toBe(false)
  })

  it('lays out the Yjs document as the contract says', () => {
    expect([schema.CONTENT_FIELD, schema.META_MAP]).toEqual(['content', 'meta'])
  })

  it('builds the schema from the one extension list, in its order', () => {
    expect(schema.noticeExtensions().map((extension) => extension.name)).toEqual([
      'doc',
      'paragraph',
      'text',
      'bold',
      'italic',
      'link',
      'hardBreak',
      'bulletList',
      'orderedList',
      'listItem',
      'agendaItem',
      'agendaTitle',
      'speaker',
      'symbol',
    ])
    expect(Object.keys(schema.noticeSchema.nodes).sort()).toEqual([
      'agendaItem',
      'agendaTitle',
      'bulletList',
      'doc',
      'hardBreak',
      'listItem',
      'orderedList',
      'paragraph',
      'speaker',
      'symbol',
      'text',
    ])
    expect(Object.keys(schema.noticeSchema.marks).sort()).toEqual(['bold', 'italic', 'link'])
  })

  it('names nodes in camelCase and marks their DOM in kebab case', () => {
    expect(schema.noticeSchema.nodes.agendaItem?.spec.parseDOM?.[0]?.tag).toBe(
      'section[data-type="agenda-item"]',
    )
    expect(schema.noticeSchema.nodes.agendaTitle?.spec.parseDOM?.[0]?.tag).toBe(
      'h2[data-type="agenda-title"]',
    )
    expect(schema.noticeSchema.nodes.symbol?.spec.parseDOM?.[0]?.tag).toBe(
      'span[data-type="document-symbol"]',
    )
  })

  it('configures symbol links in the language asked for', () => {
    const symbol = schema
      .noticeExtensions({ language: 'es' })
      .find((extension) => extension.name === 'symbol')
    expect(symbol?.options.language).toBe('es')
    expect(schema.noticeExtensions().find((extension) => extension.name === 'symbol')?.options.language).toBe(
      'en',
    )
  })
})

describe('blankNotice', () => {
  it('is a valid empty notice in the language asked for', () => {
    const blank = schema.blankNotice('fr')
    expect(schema.parseNoticeMeta(blank.meta).language).toBe('fr')
    expect(schema.docFromJSON(blank.content).toJSON()).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph' }],
    })
    expect(schema.agendaOutline(schema.docFromJSON(blank.content))).toEqual([])
  })
})
