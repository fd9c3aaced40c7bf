import { DIFF_SUMMARY_CODES, type DiffSummaryEntry } from '@convene/schema'
import { describe, expect, it } from 'vitest'
import { en } from '../i18n/en'
import { es } from '../i18n/es'
import { fr } from '../i18n/fr'
import { changeSentence } from './change-sentences'

const line = (
  code: DiffSummaryEntry['code'],
  number: string | null,
  params: Record<string, string> = {},
) => ({
  code,
  id: number === null ? null : 'item',
  number,
  params,
})

describe('changeSentence', () => {
  it('words an item moved, a speaker added and a symbol revised in English, French and Spanish', () => {
    const moved = line(DIFF_SUMMARY_CODES.itemMoved, '4.1', { from: '3.2', to: '4.1' })
    const speaker = line(DIFF_SUMMARY_CODES.speakerAdded, '4.3', { name: 'Ana Ruiz' })
    const symbol = line(DIFF_SUMMARY_CODES.symbolChanged, null, {
      from: 'INF/MSME/4/Rev.2',
      to: 'INF/MSME/4/Rev.3',
    })
    expect([moved, speaker, symbol].map((entry) => changeSentence(entry, en))).toEqual([
      'Item 3.2 moved to 4.1',
      'Speaker added in item 4.3: Ana Ruiz',
      'INF/MSME/4/Rev.2 replaced by INF/MSME/4/Rev.3 in the opening text',
    ])
    expect(changeSentence(moved, fr)).toBe('Le point 3.2 devient le point 4.1')
    expect(changeSentence(speaker, fr)).toBe('Intervenant ajouté au point 4.3\u00a0: Ana Ruiz')
    expect(changeSentence(moved, es)).toBe('El punto 3.2 pasa a ser el punto 4.1')
    expect(changeSentence(speaker, es)).toBe('Orador añadido en el punto 4.3: Ana Ruiz')
  })

  it('names metadata fields and speaker fields in the interface language', () => {
    expect(changeSentence(line(DIFF_SUMMARY_CODES.metaChanged, null, { field: 'meetingDate' }), en)).toBe(
      'Notice details: Meeting date changed',
    )
    const changed = line(DIFF_SUMMARY_CODES.speakerChanged, '2', {
      name: 'Ana Ruiz',
      fields: 'role,organisation',
    })
    expect(changeSentence(changed, fr)).toBe(
      'Intervenant modifié au point 2\u00a0: Ana Ruiz (fonction, organisation)',
    )
  })

  it('has a sentence for every summary code in every language', () => {
    for (const dictionary of [en, fr, es]) {
      for (const code of Object.values(DIFF_SUMMARY_CODES)) {
        const sentence = changeSentence(
          line(code, '1', {
            title: 'T',
            from: 'a',
            to: 'b',
            name: 'N',
            symbol: 'S',
            field: 'title',
            fields: 'name',
          }),
          dictionary,
        )
        expect(sentence, code).toMatch(/\S/)
        expect(sentence, code).not.toMatch(/undefined|\[object/)
      }
    }
  })
})
