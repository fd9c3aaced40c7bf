import { describe, expect, it } from 'vitest'
import {
  agendaItem,
  bulletList,
  doc,
  inline,
  link,
  paragraph,
  speaker,
  symbol,
  text,
} from './content-builders'
import { docFromJSON } from './doc-from-json'
import { SymbolError } from './symbol-grammar'

describe('content builders', () => {
  it('turn the symbols of a string into symbol nodes between text nodes', () => {
    expect(inline('les MPME (INF/MSME/4/Rev.2). Ils')).toEqual([
      { type: 'text', text: 'les MPME (' },
      { type: 'symbol', attrs: { symbol: 'INF/MSME/4/Rev.2' } },
      { type: 'text', text: '). Ils' },
    ])
  })

  it('leave words with hyphens as text', () => {
    expect(inline('Timor-Leste et CEFACT-ONU')).toEqual([{ type: 'text', text: 'Timor-Leste et CEFACT-ONU' }])
  })

  it('fill every speaker field', () => {
    expect(speaker({ name: 'Bob Gokani' })).toEqual({
      type: 'speaker',
      attrs: {
        honorific: '',
        name: 'Bob Gokani',
        delegation: '',
        role: '',
        preposition: '',
        organisation: '',
      },
    })
  })

  it('refuse a malformed symbol', () => {
    expect(() => symbol('INF//4')).toThrow(SymbolError)
  })

  it('build content that fits the schema', () => {
    const built = doc(
      paragraph('Préambule ', link('guide', 'https://example.org/'), '.'),
      agendaItem(
        'a',
        'Titre',
        paragraph(text('x')),
        bulletList('un', ['deux ', speaker({ name: 'A' })]),
        agendaItem('b', 'Sous-titre'),
      ),
    )
    expect(() => docFromJSON(built)).not.toThrow()
    expect(built.content?.[1]?.content?.[2]?.content).toHaveLength(2)
  })

  it('make an empty paragraph and an empty title without empty text nodes', () => {
    expect(paragraph()).toEqual({ type: 'paragraph' })
    expect(agendaItem('a', '').content).toEqual([{ type: 'agendaTitle' }])
  })
})
