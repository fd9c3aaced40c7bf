import { describe, expect, it } from 'vitest'
import { AgendaLevels } from './agenda-levels'
import { readLabel } from './item-label'

/** The depth each line takes as an agenda item, or null where it stays text. */
function depths(lines: string[], language: 'en' | 'fr' | 'es' = 'en'): (number | null)[] {
  const levels = new AgendaLevels()
  return lines.map((line) => {
    const accepted = levels.fit(readLabel(line, language))
    if (!accepted) return null
    levels.take(accepted)
    return accepted.depth
  })
}

describe('agenda levels', () => {
  it('nests dotted numbers by their number of parts and refuses 4.1 before item 4', () => {
    expect(
      depths(['1  ONE', '2  TWO', '2.1  Sub', '2.2  Sub', '3  THREE', '4.1  Orphan', '4  FOUR', '4.1  Sub']),
    ).toEqual([0, 0, 1, 1, 0, null, 0, 1])
  })

  it('reads Roman numerals, capitals and (a) letters as three levels, in the order they first appear', () => {
    expect(
      depths(['I.  OPENING', 'A.  Adoption', '(a)  first', '(b)  second', 'B.  Election', 'II.  CLOSING']),
    ).toEqual([0, 1, 2, 2, 1, 0])
  })

  it('takes "I." as the ninth letter when the letters have reached H, and as one otherwise', () => {
    const letters = ['A. a', 'B. b', 'C. c', 'D. d', 'E. e', 'F. f', 'G. g', 'H. h', 'I. i']
    expect(depths(letters)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0])
    expect(depths(['I. One', 'II. Two'])).toEqual([0, 0])
  })

  it('leaves "M. Ahmed" and "2023 saw" as text: they do not continue the numbering', () => {
    expect(depths(['1.  Opening', 'M. Ahmed Mzé will speak', '2023 saw progress', '2.  Next'])).toEqual([
      0,
      null,
      null,
      0,
    ])
  })

  it('reads the item words of each language: "Item 2.", "Point 2.", "Punto 2."', () => {
    expect(depths(['Item 1. Opening', 'Item 2. Adoption of the agenda'])).toEqual([0, 0])
    expect(depths(['Point 1. Ouverture', 'Point 2. Adoption'], 'fr')).toEqual([0, 0])
    expect(depths(['Punto 1. Apertura', 'Punto 2. Aprobación'], 'es')).toEqual([0, 0])
  })
})
