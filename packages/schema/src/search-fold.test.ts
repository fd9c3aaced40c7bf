import { describe, expect, it } from 'vitest'
import { foldForSearch, matchesSearch } from './search-fold'

describe('foldForSearch', () => {
  it('drops accents and case and collapses whitespace', () => {
    expect(foldForSearch('  Réunion   ÉCONOMIQUE\tœuvre ')).toBe('reunion economique œuvre')
    expect(foldForSearch('Ahmed Mzé')).toBe('ahmed mze')
  })
})

describe('matchesSearch', () => {
  it('finds a speaker by three letters of the name, whatever the case', () => {
    expect(matchesSearch('bol', ['Richard Bolwijn', 'CNUCED'])).toBe(true)
    expect(matchesSearch('BOL', ['Richard Bolwijn'])).toBe(true)
  })

  it('needs every word somewhere in the fields, accents ignored', () => {
    expect(matchesSearch('mze comores', ['Ahmed Mzé', 'Mission permanente des Comores'])).toBe(true)
    expect(matchesSearch('mze timor', ['Ahmed Mzé', 'Mission permanente des Comores'])).toBe(false)
  })

  it('matches everything for an empty query', () => {
    expect(matchesSearch('   ', ['x'])).toBe(true)
  })
})
