import { speakerText } from '@convene/schema'
import { describe, expect, it } from 'vitest'
import { findSpeakers } from './speaker-finder'

const fields = (text: string, language: 'en' | 'fr' | 'es') =>
  findSpeakers(text, language).map(({ from, to, attrs }) => {
    expect(speakerText(attrs)).toBe(text.slice(from, to))
    return Object.fromEntries(Object.entries(attrs).filter(([, value]) => value !== ''))
  })

describe('findSpeakers', () => {
  it('splits an English speaker with a title-first honorific, a delegation and a function', () => {
    expect(
      fields(
        'The meeting will be chaired by H.E. Ambassador Maria Pérez (Chile), Chair of the General Council.',
        'en',
      ),
    ).toEqual([
      {
        honorific: 'H.E. Ambassador',
        name: 'Maria Pérez',
        delegation: 'Chile',
        role: 'Chair',
        preposition: 'of the',
        organisation: 'General Council',
      },
    ])
  })

  it('places the organisation after the last "at": Director of the Trade Division at the World Bank', () => {
    expect(
      fields('Dr Jane Smith, Director of the Trade Division at the World Bank, will present.', 'en'),
    ).toEqual([
      {
        honorific: 'Dr',
        name: 'Jane Smith',
        role: 'Director of the Trade Division',
        preposition: 'at the',
        organisation: 'World Bank',
      },
    ])
  })

  it('reads Spanish honorifics and "de la": Sra. Ana López, Directora de la Oficina de Comercio', () => {
    expect(
      fields('Intervendrán la Sra. Ana López, Directora de la Oficina Regional, y el Sr. Juan Pérez.', 'es'),
    ).toEqual([
      {
        honorific: 'Sra.',
        name: 'Ana López',
        role: 'Directora',
        preposition: 'de la',
        organisation: 'Oficina Regional',
      },
      { honorific: 'Sr.', name: 'Juan Pérez' },
    ])
  })

  it('needs a function word for a name without an honorific, so "Global Trade Helpdesk, le recueil" is no speaker', () => {
    expect(
      fields('le soutien au Global Trade Helpdesk, le recueil sur les programmes des MPME, et', 'fr'),
    ).toEqual([])
    expect(fields("Kate Kallot, fondatrice et PDG d'Amini, et", 'fr')).toEqual([
      { name: 'Kate Kallot', role: 'fondatrice et PDG', preposition: "d'", organisation: 'Amini' },
    ])
  })

  it('finds later mentions of a name already introduced', () => {
    expect(
      fields("Bob Gokani, propriétaire et créateur d'EziDrops, et Bob Gokani parlera.", 'fr').map(
        (speaker) => speaker.name,
      ),
    ).toEqual(['Bob Gokani', 'Bob Gokani'])
  })
})
