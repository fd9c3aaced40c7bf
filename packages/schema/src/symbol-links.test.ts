import { describe, expect, it } from 'vitest'
import { SymbolError } from './symbol-grammar'
import { symbolLinks, symbolSearchUrl } from './symbol-links'

describe('symbolSearchUrl', () => {
  // Copied from the links at the end of the sample notice.
  it.each([
    [
      'WT/MIN(24)/9',
      'https://docs.wto.org/dol2fe/Pages/FE_Search/FE_S_S006.aspx?DataSource=Cat&query=@Symbol=%22WT/MIN(24)/9%22%20OR%20@Symbol=%22WT/MIN(24)/9/*%22&Language=French&Context=ScriptedSearches&languageUIChanged=true',
    ],
    [
      'INF/MSME/4/Rev.2',
      'https://docs.wto.org/dol2fe/Pages/FE_Search/FE_S_S006.aspx?DataSource=Cat&query=@Symbol=%22INF/MSME/4/Rev.2%22%20OR%20@Symbol=%22INF/MSME/4/Rev.2/*%22&Language=French&Context=ScriptedSearches&languageUIChanged=true',
    ],
    [
      'INF/MSME/W/47/Rev.1',
      'https://docs.wto.org/dol2fe/Pages/FE_Search/FE_S_S006.aspx?DataSource=Cat&query=@Symbol=%22INF/MSME/W/47/Rev.1%22%20OR%20@Symbol=%22INF/MSME/W/47/Rev.1/*%22&Language=French&Context=ScriptedSearches&languageUIChanged=true',
    ],
  ])('builds the sample URL for %s in French', (symbol, url) => {
    expect(symbolSearchUrl(symbol, 'fr')).toBe(url)
  })

  it('names the language as Documents Online spells it', () => {
    expect(symbolSearchUrl('WT/L/1', 'en')).toContain('&Language=English&')
    expect(symbolSearchUrl('WT/L/1', 'es')).toContain('&Language=Spanish&')
  })

  it('refuses a joint symbol, which needs one link per part', () => {
    expect(() => symbolSearchUrl('INF/MSME/W/46/Rev.1-INF/TGE/W/7/Rev.1', 'fr')).toThrow(SymbolError)
  })

  it('refuses a malformed symbol, naming it', () => {
    expect(() => symbolSearchUrl('INF//4', 'fr')).toThrow(
      'Invalid document symbol "INF//4": empty segment after "INF"',
    )
  })
})

describe('symbolLinks', () => {
  it('links each part of a joint symbol to its own search', () => {
    expect(symbolLinks('INF/MSME/W/46/Rev.1-INF/TGE/W/7/Rev.1', 'fr')).toEqual([
      { text: 'INF/MSME/W/46/Rev.1', href: symbolSearchUrl('INF/MSME/W/46/Rev.1', 'fr') },
      { text: 'INF/TGE/W/7/Rev.1', href: symbolSearchUrl('INF/TGE/W/7/Rev.1', 'fr') },
    ])
  })

  it('gives one link for a simple symbol', () => {
    expect(symbolLinks('WT/MIN(24)/9', 'en')).toEqual([
      { text: 'WT/MIN(24)/9', href: symbolSearchUrl('WT/MIN(24)/9', 'en') },
    ])
  })
})

describe('links to each organisation’s own repository', () => {
  it('links UN and UNECE symbols to the Official Document System in the notice language', () => {
    expect(symbolLinks('A/RES/70/1', 'fr', 'UN')).toEqual([
      { text: 'A/RES/70/1', href: 'https://undocs.org/fr/A/RES/70/1' },
    ])
    expect(symbolLinks('ECE/TRANS/WP.29/1', 'es', 'UNECE')[0]?.href).toBe(
      'https://undocs.org/es/ECE/TRANS/WP.29/1',
    )
  })

  it('links WHO governing-body papers to their PDF in the notice language', () => {
    expect(symbolLinks('EB147/1 Add.1', 'en', 'WHO')[0]?.href).toBe(
      'https://apps.who.int/gb/ebwha/pdf_files/EB147/B147_1Add1-en.pdf',
    )
    expect(symbolLinks('A77/1', 'es', 'WHO')[0]?.href).toBe(
      'https://apps.who.int/gb/ebwha/pdf_files/WHA77/A77_1-sp.pdf',
    )
    expect(symbolLinks('A77/INF./1', 'en', 'WHO')).toEqual([{ text: 'A77/INF./1', href: undefined }])
  })

  it('links OECD documents in English or French', () => {
    expect(symbolLinks('TD/TC(2001)4', 'fr', 'OECD')[0]?.href).toBe(
      'https://one.oecd.org/document/TD/TC(2001)4/fr/pdf',
    )
    expect(symbolLinks('TD/TC(2001)4', 'es', 'OECD')[0]?.href).toBe(
      'https://one.oecd.org/document/TD/TC(2001)4/en/pdf',
    )
  })

  it.each([
    ['WIPO', 'A/66/1 Prov.1'],
    ['ITU', 'C24/1'],
    ['UNIDO', 'IDB.49/1/Add.1'],
  ] as const)('never links a %s symbol to another organisation’s repository', (organisation, symbol) => {
    expect(symbolLinks(symbol, 'en', organisation)).toEqual([{ text: symbol, href: undefined }])
  })
})
