/** Unit tests of symbol detection while typing and pasting (the grammar itself is tested in the schema). */
import { describe, expect, it } from 'vitest'
import { pastedSymbols, typedSymbol } from './symbol-detection'

describe('typedSymbol', () => {
  it('turns a symbol followed by a space into a symbol, keeping the space', () => {
    expect(typedSymbol('le document INF/MSME/4/Rev.2 ')).toEqual({
      index: 12,
      symbol: 'INF/MSME/4/Rev.2',
      terminator: ' ',
    })
  })

  it('recognises a symbol closed by punctuation, inside brackets', () => {
    expect(typedSymbol('(WT/MIN(24)/9)')).toMatchObject({ index: 1, symbol: 'WT/MIN(24)/9', terminator: ')' })
    expect(typedSymbol('voir INF/MSME/W/47/Rev.1;')).toMatchObject({
      symbol: 'INF/MSME/W/47/Rev.1',
      terminator: ';',
    })
  })

  it('takes a joint symbol whole', () => {
    expect(typedSymbol('INF/MSME/W/46/Rev.1-INF/TGE/W/7/Rev.1 ')?.symbol).toBe(
      'INF/MSME/W/46/Rev.1-INF/TGE/W/7/Rev.1',
    )
  })

  it('leaves a half-typed suffix alone (the dot of "Rev." is not the end of the symbol)', () => {
    expect(typedSymbol('INF/MSME/4/Rev.')).toBeNull()
  })

  it('leaves invalid or symbol-like text as text', () => {
    expect(typedSymbol('and/or ')).toBeNull()
    expect(typedSymbol('CEFACT-ONU ')).toBeNull()
    expect(typedSymbol('inf/msme/4 ')).toBeNull()
    expect(typedSymbol('INF/MSME/4')).toBeNull()
  })
})

describe('pastedSymbols', () => {
  it('finds every symbol in pasted text, at its offset', () => {
    const text = 'la déclaration (WT/MIN(24)/9) et (INF/MSME/4/Rev.2).'
    expect(pastedSymbols(text).map((m) => [m.index, m.text])).toEqual([
      [16, 'WT/MIN(24)/9'],
      [34, 'INF/MSME/4/Rev.2'],
    ])
  })
})
