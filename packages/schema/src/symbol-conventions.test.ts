import { describe, expect, it } from 'vitest'
import type { Organisation } from './organisations'
import { findSymbols, isValidSymbol, parseSymbol, SymbolError } from './symbol-grammar'

function problem(text: string, organisation: Organisation): string {
  try {
    parseSymbol(text, organisation)
  } catch (error) {
    if (error instanceof SymbolError) return error.message
    throw error
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected for ${organisation}`)
}

/** Symbols printed on real documents of each organisation, in their canonical spelling. */
const REAL_SYMBOLS: [Organisation, string][] = [
  ['WTO', 'WT/MIN(24)/9'],
  ['WTO', 'WT/L/1/Add.1/Corr.1'],
  ['UN', 'A/66/1'],
  ['UN', 'A/RES/70/1'],
  ['UN', 'E/CN.4/2005/1'],
  ['UN', 'A/C.1/66/L.1/Rev.1'],
  ['UN', 'S/PV.9000'],
  ['UNECE', 'ECE/TRANS/WP.29/1'],
  ['UNECE', 'ECE/TRANS/WP.29/2024/1/Rev.1'],
  ['UNIDO', 'IDB.49/1/Add.1'],
  ['UNIDO', 'PBC.37/1'],
  ['WHO', 'EB147/1'],
  ['WHO', 'EB147/1 Add.1'],
  ['WHO', 'A77/INF./1'],
  ['WIPO', 'A/66/1 Prov.1'],
  ['WIPO', 'A/54/6 Rev. Corr.'],
  ['WIPO', 'WIPO/GRTKF/IC/47/1'],
  ['WIPO', 'C.N. 3989'],
  ['ITU', 'C24/1'],
  ['ITU', 'DT/4(Rev.1)'],
  ['ITU', '5A/123'],
  ['OECD', 'TD/TC(2001)4'],
  ['OECD', 'C(2023)100'],
  ['OECD', 'TAD/TC/WP(2022)1/FINAL'],
  ['OECD', 'ECO/WKP(2017)1/REV1'],
]

describe('the symbols of every organisation', () => {
  it.each(REAL_SYMBOLS)('%s writes %s', (organisation, symbol) => {
    expect(parseSymbol(symbol, organisation).text).toBe(symbol)
  })

  it('reads suffixes written after a space (WHO, WIPO) with their kind and number', () => {
    expect(parseSymbol('EB147/1 Add.1', 'WHO').parts).toEqual([
      { text: 'EB147/1 Add.1', segments: ['EB147', '1'], suffixes: [{ kind: 'Add', number: 1 }] },
    ])
    expect(parseSymbol('A/54/6 Rev. Corr.', 'WIPO').parts[0]?.suffixes).toEqual([
      { kind: 'Rev', number: null },
      { kind: 'Corr', number: null },
    ])
  })

  it('reads dotted segments as one segment (UN, UNECE, UNIDO)', () => {
    expect(parseSymbol('IDB.49/1/Add.1', 'UNIDO').parts[0]).toEqual({
      text: 'IDB.49/1/Add.1',
      segments: ['IDB.49', '1'],
      suffixes: [{ kind: 'Add', number: 1 }],
    })
    expect(parseSymbol('ECE/TRANS/WP.29/1', 'UNECE').parts[0]?.segments).toEqual([
      'ECE',
      'TRANS',
      'WP.29',
      '1',
    ])
  })

  it('reads a year inside an OECD segment and its upper-case suffixes', () => {
    expect(parseSymbol('ECO/WKP(2017)1/REV1', 'OECD').parts[0]).toEqual({
      text: 'ECO/WKP(2017)1/REV1',
      segments: ['ECO', 'WKP(2017)1'],
      suffixes: [{ kind: 'Rev', number: 1 }],
    })
  })

  it('reads an ITU revision in parentheses', () => {
    expect(parseSymbol('DT/4(Rev.1)', 'ITU').parts[0]).toEqual({
      text: 'DT/4(Rev.1)',
      segments: ['DT', '4'],
      suffixes: [{ kind: 'Rev', number: 1 }],
    })
  })

  it.each([
    ['WTO', 'INF/MSME/4/REV.1', 'INF/MSME/4/Rev.1'],
    ['WTO', 'INF/MSME/4/Rev. 1', 'INF/MSME/4/Rev.1'],
    ['UN', 'A/66/1/rev.2', 'A/66/1/Rev.2'],
    ['WIPO', 'A/64/1 Prov. 2', 'A/64/1 Prov.2'],
    ['WIPO', 'A/64/1  PROV.2', 'A/64/1 Prov.2'],
    ['WIPO', 'C. N. 3989', 'C.N. 3989'],
    ['WHO', 'EB147/1 add.1', 'EB147/1 Add.1'],
    ['OECD', 'ECO/WKP(2017)1/Rev.1', 'ECO/WKP(2017)1/REV1'],
    ['OECD', 'TAD/TC/WP(2022)1/final', 'TAD/TC/WP(2022)1/FINAL'],
    ['ITU', 'DT/4(REV. 1)', 'DT/4(Rev.1)'],
  ] as [Organisation, string, string][])('%s normalises %j to %j', (organisation, input, canonical) => {
    expect(parseSymbol(input, organisation).text).toBe(canonical)
  })

  it.each([
    [
      'WHO',
      'EB147/1/Add.1',
      'Invalid document symbol "EB147/1/Add.1": suffix "Add.1" is written after a space in WHO symbols, as in "EB147/1 Add.1"',
    ],
    [
      'WHO',
      'EB147/1 Annex',
      'Invalid document symbol "EB147/1 Annex": "Annex" after a space is not a suffix (Rev., Add., Corr., Suppl.)',
    ],
    ['UN', 'A/66/1 Rev.1', 'Invalid document symbol "A/66/1 Rev.1": unexpected character " "'],
    ['UN', 'A/66/1-A/66/2', 'Invalid document symbol "A/66/1-A/66/2": unexpected character "-"'],
    [
      'WTO',
      'WT/L/1/Rev.',
      'Invalid document symbol "WT/L/1/Rev.": suffix "Rev." needs a number, as in "Rev.1"',
    ],
    [
      'OECD',
      'TD/TC(201)4',
      'Invalid document symbol "TD/TC(201)4": segment "TC(201)4" may hold only a year of four digits in "()"',
    ],
    [
      'OECD',
      'TAD/TC/WP(2022)1/FINAL2',
      'Invalid document symbol "TAD/TC/WP(2022)1/FINAL2": suffix "FINAL2" takes no number in OECD symbols',
    ],
    [
      'UNIDO',
      'IDB.49/1(Rev.1)',
      'Invalid document symbol "IDB.49/1(Rev.1)": segment "1(Rev.1)" may not hold "()" in UNIDO symbols',
    ],
    [
      'ITU',
      'DT/4/Rev.1',
      'Invalid document symbol "DT/4/Rev.1": suffix "Rev.1" is written in "()" in ITU symbols, as in "DT/4(Rev.1)"',
    ],
    ['UN', 'a/66/1', 'Invalid document symbol "a/66/1": segment "a" must be upper case'],
  ] as [Organisation, string, string][])(
    '%s refuses %j naming the bad part',
    (organisation, input, message) => {
      expect(problem(input, organisation)).toBe(message)
    },
  )

  it('keeps the WTO rules for a symbol that names no organisation', () => {
    expect(isValidSymbol('ECE/TRANS/WP.29/1')).toBe(false)
    expect(isValidSymbol('ECE/TRANS/WP.29/1', 'UNECE')).toBe(true)
  })
})

describe('finding the symbols of an organisation in text', () => {
  const found = (text: string, organisation: Organisation) =>
    findSymbols(text, organisation).map((hit) => [text.slice(hit.from, hit.to), hit.symbol])

  it('takes the suffixes written after spaces as part of the symbol', () => {
    expect(found('Draft agenda (A/66/1 Prov.1), prepared by the Secretariat', 'WIPO')).toEqual([
      ['A/66/1 Prov.1', 'A/66/1 Prov.1'],
    ])
    expect(found('See documents EB147/1 Add.1 and EB147/2.', 'WHO')).toEqual([
      ['EB147/1 Add.1', 'EB147/1 Add.1'],
      ['EB147/2', 'EB147/2'],
    ])
    expect(found('as revised (A/54/6 Rev. Corr.)', 'WIPO')).toEqual([
      ['A/54/6 Rev. Corr.', 'A/54/6 Rev. Corr.'],
    ])
  })

  it('never cuts a symbol short when the organisation does not write such suffixes', () => {
    expect(found('Draft agenda (A/66/1 Prov.1), prepared by the Secretariat', 'WTO')).toEqual([])
  })

  it('takes a number written after "Rev. " and gives the canonical spelling', () => {
    expect(found('see INF/MSME/4/Rev. 2 for details', 'WTO')).toEqual([
      ['INF/MSME/4/Rev. 2', 'INF/MSME/4/Rev.2'],
    ])
  })

  it('finds dotted, year-inside and circular-note symbols', () => {
    expect(found('the Working Party (ECE/TRANS/WP.29/1155).', 'UNECE')).toEqual([
      ['ECE/TRANS/WP.29/1155', 'ECE/TRANS/WP.29/1155'],
    ])
    expect(found('document IDB.49/1/Add.1; and', 'UNIDO')).toEqual([['IDB.49/1/Add.1', 'IDB.49/1/Add.1']])
    expect(found('see TD/TC(2001)4.', 'OECD')).toEqual([['TD/TC(2001)4', 'TD/TC(2001)4']])
    expect(found('by circular note C.N. 3989 of 2 May', 'WIPO')).toEqual([['C.N. 3989', 'C.N. 3989']])
  })
})
