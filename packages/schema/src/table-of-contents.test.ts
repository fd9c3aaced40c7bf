import { describe, expect, it } from 'vitest'
import { docFromJSON } from './doc-from-json'
import { agendaOutline } from './numbering'
import { sampleNotice } from './sample-notice'
import { tableOfContents } from './table-of-contents'

describe('tableOfContents', () => {
  const sample = docFromJSON(sampleNotice.content)

  it('lists every agenda item with its number and title by default', () => {
    expect(tableOfContents(sample).map((entry) => `${entry.number}  ${entry.title}`)).toEqual([
      "1  LES MPME ET L'ACCESSION À L'OMC",
      "2  MISE EN ŒUVRE DE L'ENSEMBLE DE TEXTES DE DÉCEMBRE 2020 CONCERNANT LES MPME",
      '3  DISCUSSIONS THÉMATIQUES',
      "3.1  Discussion sur les MPME, la durabilité et les prescriptions relatives à l'établissement de rapports",
      '3.2  Investissement des MPME',
      '4  RENFORCER LE DIALOGUE AVEC LE SECTEUR PRIVÉ ET LES AUTRES PARTIES PRENANTES',
      "4.1  Exposé présenté par l'Union postale universelle (UPU) sur ses travaux relatifs aux MPME",
      '4.2  Exposé présenté par la World Trade Centers Association',
      '4.3  Gros plan sur une MPME',
      '5  À VENIR – PLANIFICATION DU PROGRAMME DE TRAVAIL SUR LES MPME',
      '6  AUTRES QUESTIONS',
      '6.1  Participation régulière des organisations internationales',
      '6.2  Autres questions',
    ])
  })

  it('is the agenda outline itself, with the same numbers and positions', () => {
    expect(tableOfContents(sample)).toEqual(agendaOutline(sample))
  })

  it('stops at maxLevel', () => {
    expect(tableOfContents(sample, 1).map((entry) => entry.number)).toEqual(['1', '2', '3', '4', '5', '6'])
  })

  it('is empty for maxLevel 0', () => {
    expect(tableOfContents(sample, 0)).toEqual([])
  })
})
