import { describe, expect, it } from 'vitest'
import { findSymbols, isValidSymbol, parseSymbol, SymbolError } from './symbol-grammar'

/** Every symbol printed in the sample notice (shared/samples/wto-msme-notice-2024-03-fr.txt). */
const SAMPLE_SYMBOLS = [
  'INF/MSME/4/Rev.2',
  'WT/MIN(24)/9',
  'INF/MSME/W/46/Rev.1-INF/TGE/W/7/Rev.1',
  'INF/MSME/W/47/Rev.1',
]

function symbolError(text: string): SymbolError {
  try {
    parseSymbol(text)
  } catch (error) {
    if (error instanceof SymbolError) return error
    throw error
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`)
}

describe('parseSymbol', () => {
  it.each(SAMPLE_SYMBOLS)('accepts the sample symbol %s', (symbol) => {
    expect(parseSymbol(symbol).text).toBe(symbol)
    expect(isValidSymbol(symbol)).toBe(true)
  })

  it('splits a revision into segments and a suffix', () => {
    expect(parseSymbol('INF/MSME/4/Rev.2')).toEqual({
      text: 'INF/MSME/4/Rev.2',
      parts: [
        { text: 'INF/MSME/4/Rev.2', segments: ['INF', 'MSME', '4'], suffixes: [{ kind: 'Rev', number: 2 }] },
      ],
    })
  })

  it('keeps a year in parentheses inside its segment', () => {
    expect(parseSymbol('WT/MIN(24)/9').parts).toEqual([
      { text: 'WT/MIN(24)/9', segments: ['WT', 'MIN(24)', '9'], suffixes: [] },
    ])
  })

  it('splits a joint symbol into its parts', () => {
    const parsed = parseSymbol('INF/MSME/W/46/Rev.1-INF/TGE/W/7/Rev.1')
    expect(parsed.parts.map((part) => part.text)).toEqual(['INF/MSME/W/46/Rev.1', 'INF/TGE/W/7/Rev.1'])
    expect(parsed.parts[1]).toEqual({
      text: 'INF/TGE/W/7/Rev.1',
      segments: ['INF', 'TGE', 'W', '7'],
      suffixes: [{ kind: 'Rev', number: 1 }],
    })
  })

  it('reads every suffix kind, several in a row', () => {
    expect(parseSymbol('G/SPS/N/EU/123/Rev.1/Add.2/Corr.3/Suppl.4').parts[0]?.suffixes).toEqual([
      { kind: 'Rev', number: 1 },
      { kind: 'Add', number: 2 },
      { kind: 'Corr', number: 3 },
      { kind: 'Suppl', number: 4 },
    ])
  })

  it('accepts letters and digits mixed in a segment and four-digit years', () => {
    expect(isValidSymbol('WT/DS379/AB/R')).toBe(true)
    expect(isValidSymbol('WT/MIN(2024)/DEC')).toBe(true)
  })

  it.each([
    ['INF//4', 'INF//4', '', 'empty segment after "INF"'],
    ['inf/msme/4', 'inf/msme/4', 'inf', 'segment "inf" must be upper case'],
    ['WT/MIN(24/9', 'WT/MIN(24/9', 'MIN(24', 'unclosed "(" in segment "MIN(24"'],
    ['WT/MIN24)/9', 'WT/MIN24)/9', 'MIN24)', 'unopened ")" in segment "MIN24)"'],
    [
      'WT/MIN(2)/9',
      'WT/MIN(2)/9',
      'MIN(2)',
      'segment "MIN(2)" must end with a year of two or four digits in "()"',
    ],
    ['INF/MSME/4/Rev.', 'INF/MSME/4/Rev.', 'Rev.', 'suffix "Rev." needs a number, as in "Rev.1"'],
    ['INF/MSME/4/Rev.x', 'INF/MSME/4/Rev.x', 'Rev.x', 'suffix "Rev.x" needs a number, as in "Rev.1"'],
    [
      'INF/MSME/4/Rev1',
      'INF/MSME/4/Rev1',
      'Rev1',
      'suffix "Rev1" needs a "." before its number, as in "Rev.1"',
    ],
    ['-INF/MSME/4', '-INF/MSME/4', '', 'empty part before "-"'],
    ['INF/MSME/4-', 'INF/MSME/4-', '', 'empty part after "INF/MSME/4"'],
    ['INF/MSME/4--WT/L/1', 'INF/MSME/4--WT/L/1', '', 'empty part after "INF/MSME/4"'],
    ['INF', 'INF', 'INF', '"INF" needs at least two segments separated by "/"'],
    ['INF/Rev.1', 'INF/Rev.1', 'Rev.1', 'suffix "Rev.1" follows fewer than two segments'],
    ['INF/MSME/4/Rev.1/5', 'INF/MSME/4/Rev.1/5', '5', 'segment "5" after suffix "Rev.1"'],
    ['4/MSME/1', '4/MSME/1', '4', 'series "4" must start with a letter'],
    ['INF/MSME /4', 'INF/MSME /4', ' ', 'unexpected character " "'],
    ['INF/MS_ME/4', 'INF/MS_ME/4', '_', 'unexpected character "_"'],
    ['INF/M.E/4', 'INF/M.E/4', 'M.E', 'segment "M.E" may only hold upper-case letters and digits'],
    ['/INF/4', '/INF/4', '', 'empty segment before "/" in "/INF/4"'],
    ['', '', '', 'empty symbol'],
  ])('rejects %s naming the bad part', (input, symbol, part, problem) => {
    const error = symbolError(input)
    expect(error.message).toBe(`Invalid document symbol ${JSON.stringify(symbol)}: ${problem}`)
    expect(error.part).toBe(part)
    expect(error.symbol).toBe(input)
    expect(isValidSymbol(input)).toBe(false)
  })

  it('names the bad part of a joint symbol', () => {
    expect(symbolError('INF/MSME/W/46/Rev.1-INF/TGE//7').message).toBe(
      'Invalid document symbol "INF/MSME/W/46/Rev.1-INF/TGE//7": empty segment after "TGE"',
    )
  })
})

describe('findSymbols', () => {
  const found = (text: string) => findSymbols(text).map((hit) => hit.symbol)

  it('finds a symbol in parentheses at the end of a sentence, with exact offsets', () => {
    const text = "l'ensemble de textes de décembre 2020 concernant les MPME (INF/MSME/4/Rev.2). Ils seront"
    const hits = findSymbols(text)
    expect(hits).toHaveLength(1)
    const [hit] = hits
    expect(hit && text.slice(hit.from, hit.to)).toBe('INF/MSME/4/Rev.2')
  })

  it('keeps the year parentheses and drops the closing one of the sentence', () => {
    expect(found('la déclaration faite par le coordonnateur à la CM13 (WT/MIN(24)/9), le Groupe')).toEqual([
      'WT/MIN(24)/9',
    ])
  })

  it('finds a joint symbol as one symbol', () => {
    expect(found('dirigées par des femmes (INF/MSME/W/46/Rev.1-INF/TGE/W/7/Rev.1) et')).toEqual([
      'INF/MSME/W/46/Rev.1-INF/TGE/W/7/Rev.1',
    ])
  })

  it('finds every symbol of a sample sentence in order', () => {
    const text =
      'Comme il est indiqué dans la déclaration faite par le coordonnateur à la CM13 (WT/MIN(24)/9), le Groupe a ' +
      'publié avec succès un ensemble de recommandations et de déclarations (INF/MSME/4/Rev.2), lancé la plate-forme ' +
      'Trade4MSMEs (trade4msmes.org), organisé trois éditions du concours "Small Business Champions" avec ' +
      "l'ICC et l'ITC, [...] (INF/MSME/W/46/Rev.1-INF/TGE/W/7/Rev.1) et l'autre [...] (INF/MSME/W/47/Rev.1). Ces"
    expect(found(text)).toEqual([
      'WT/MIN(24)/9',
      'INF/MSME/4/Rev.2',
      'INF/MSME/W/46/Rev.1-INF/TGE/W/7/Rev.1',
      'INF/MSME/W/47/Rev.1',
    ])
  })

  it('finds a symbol ending a sentence with a full stop', () => {
    expect(found('Voir le document INF/MSME/4/Rev.2.')).toEqual(['INF/MSME/4/Rev.2'])
  })

  it.each([
    'Vice-Président du CEFACT-ONU',
    'la Mission permanente du Timor-Leste',
    'la plate-forme Trade4MSMEs (trade4msmes.org)',
    "l'IED Sud-Sud et intrarégional",
    'Commission économique des Nations Unies pour l’Europe (CEE-ONU)',
    "l'après-CM13 relatifs aux MPME",
    'The Institute of Export and International Trade (IOE&IT)',
    'a joint UNCTAD/WTO body and/or its partners',
    'inf/msme/4 in lower case',
    'a malformed INF/MSME/4/Rev.x reference',
  ])('finds no symbol in %j', (text) => {
    expect(findSymbols(text)).toEqual([])
  })

  it('skips symbols inside URLs', () => {
    const url =
      'https://docs.wto.org/dol2fe/Pages/FE_Search/FE_S_S006.aspx?DataSource=Cat&query=@Symbol=%22WT/MIN(24)/9%22%20OR%20@Symbol=%22WT/MIN(24)/9/*%22&Language=French'
    expect(findSymbols(url)).toEqual([])
  })

  it('does not take a symbol glued to a word', () => {
    expect(findSymbols('éINF/MSME/4 INF/MSME/4é _WT/L/1')).toEqual([])
  })
})
