import { describe, expect, it } from 'vitest'
import { nextSymbolInSeries } from './symbol-series'

describe('nextSymbolInSeries', () => {
  it('numbers the next notice of the MSME series: INF/MSME/N/27 is followed by INF/MSME/N/28', () => {
    expect(nextSymbolInSeries('INF/MSME/N/27')).toBe('INF/MSME/N/28')
  })

  it('drops the revision suffix of the previous notice', () => {
    expect(nextSymbolInSeries('INF/MSME/N/27/Rev.1')).toBe('INF/MSME/N/28')
  })

  it('never takes the year in parentheses for the number', () => {
    expect(nextSymbolInSeries('WT/MIN(24)/9')).toBe('WT/MIN(24)/10')
  })

  it('keeps the width of a zero-padded number', () => {
    expect(nextSymbolInSeries('WT/L/099')).toBe('WT/L/100')
    expect(nextSymbolInSeries('WT/L/007')).toBe('WT/L/008')
  })

  it('reads the symbol under its organisation, with that organisation spelling of suffixes', () => {
    expect(nextSymbolInSeries('EB147/1 Add.1', 'WHO')).toBe('EB147/2')
    expect(nextSymbolInSeries('ECO/WKP(2020)1/REV1', 'OECD')).toBeNull()
  })

  it('gives nothing for a joint symbol, a symbol without a number, or no symbol', () => {
    expect(nextSymbolInSeries('INF/MSME/W/46/Rev.1-INF/TGE/W/7/Rev.1')).toBeNull()
    expect(nextSymbolInSeries('WT/GC/INF')).toBeNull()
    expect(nextSymbolInSeries('')).toBeNull()
    expect(nextSymbolInSeries('not a symbol')).toBeNull()
  })
})
