import { describe, expect, it } from 'vitest'
import {
  circulationSentence,
  formatNoticeDate,
  formatNoticeTime,
  isRevLabel,
  NOTICE_STRINGS,
} from './strings'

describe('notice dates and times', () => {
  it('writes dates as official notices do in each language', () => {
    expect(formatNoticeDate('2024-03-08', 'fr')).toBe('8 mars 2024')
    expect(formatNoticeDate('2024-03-08', 'en')).toBe('8 March 2024')
    expect(formatNoticeDate('2024-03-08', 'es')).toBe('8 de marzo de 2024')
  })

  it('names the weekday of a meeting date', () => {
    expect(formatNoticeDate('2024-03-19', 'fr', true)).toBe('mardi 19 mars 2024')
    expect(formatNoticeDate('2024-03-19', 'en', true)).toBe('Tuesday, 19 March 2024')
    expect(formatNoticeDate('2024-03-19', 'es', true)).toBe('martes 19 de marzo de 2024')
  })

  it('returns a value that is not a date unchanged', () => {
    expect(formatNoticeDate('next week', 'fr')).toBe('next week')
    expect(formatNoticeDate('2024-13-01', 'en')).toBe('2024-13-01')
  })

  it('writes times as "15 heures", "3 p.m." and "15.00 horas"', () => {
    expect(formatNoticeTime('15:00', 'fr')).toBe('15 heures')
    expect(formatNoticeTime('10:30', 'fr')).toBe('10 h 30')
    expect(formatNoticeTime('15:00', 'en')).toBe('3 p.m.')
    expect(formatNoticeTime('10:30', 'en')).toBe('10.30 a.m.')
    expect(formatNoticeTime('12:00', 'en')).toBe('noon')
    expect(formatNoticeTime('15:00', 'es')).toBe('15.00 horas')
  })
})

describe('circulation sentence', () => {
  const parts = {
    issueDate: '2024-03-08',
    issuingBody: 'Groupe de travail informel sur les MPME',
    coordinator: "M. l'Ambassadeur Matthew Wilson (Barbade)",
  }

  it('reads in French exactly like the sample notice', () => {
    expect(circulationSentence('fr', parts)).toBe(
      "L'avis de convocation ci-après, daté du 8 mars 2024, est distribué à la demande du coordonnateur " +
        "du Groupe de travail informel sur les MPME, M. l'Ambassadeur Matthew Wilson (Barbade).",
    )
  })

  it('reads in English and Spanish', () => {
    const en = {
      ...parts,
      issuingBody: 'Informal Working Group on MSMEs',
      coordinator: 'Ambassador Matthew Wilson (Barbados)',
    }
    expect(circulationSentence('en', en)).toBe(
      'The following notice, dated 8 March 2024, is being circulated at the request of the coordinator ' +
        'of the Informal Working Group on MSMEs, Ambassador Matthew Wilson (Barbados).',
    )
    const es = {
      ...parts,
      issuingBody: 'Grupo de Trabajo Informal sobre las MIPYME',
      coordinator: 'Embajador Matthew Wilson (Barbados)',
    }
    expect(circulationSentence('es', es)).toBe(
      'La siguiente convocatoria, de fecha 8 de marzo de 2024, se distribuye a petición del coordinador ' +
        'del Grupo de Trabajo Informal sobre las MIPYME, Embajador Matthew Wilson (Barbados).',
    )
  })

  it('elides and agrees the French article before the body', () => {
    expect(
      circulationSentence('fr', { ...parts, issuingBody: 'Organe de règlement des différends' }),
    ).toContain("du coordonnateur de l'Organe de règlement")
    expect(circulationSentence('fr', { ...parts, issuingBody: 'Commission du commerce' })).toContain(
      'du coordonnateur de la Commission du commerce',
    )
  })

  it('leaves out the parts of a half-filled notice instead of printing blanks', () => {
    expect(circulationSentence('en', { issueDate: '', issuingBody: '', coordinator: '' })).toBe(
      'The following notice is being circulated at the request of the coordinator.',
    )
  })
})

describe('fixed strings', () => {
  it('has the revision line and draft watermark in every language', () => {
    expect([NOTICE_STRINGS.en.revision, NOTICE_STRINGS.fr.revision, NOTICE_STRINGS.es.revision]).toEqual([
      'Revision',
      'Révision',
      'Revisión',
    ])
    expect([
      NOTICE_STRINGS.en.draftWatermark,
      NOTICE_STRINGS.fr.draftWatermark,
      NOTICE_STRINGS.es.draftWatermark,
    ]).toEqual(['DRAFT', 'PROJET', 'BORRADOR'])
  })

  it('recognises Rev.n labels only', () => {
    expect(isRevLabel('Rev.1')).toBe(true)
    expect(isRevLabel('Rev. 12')).toBe(true)
    expect(isRevLabel('draft before meeting')).toBe(false)
    expect(isRevLabel(null)).toBe(false)
  })
})
