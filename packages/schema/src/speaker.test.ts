import { describe, expect, it } from 'vitest'
import { speaker } from './content-builders'
import { docFromJSON } from './doc-from-json'
import { noticeSchema } from './notice-extensions'
import { type SpeakerAttrs, speakerText, toSpeakerAttrs } from './speaker'
import { fakeElement, parseAttrs, renderedElement } from './test/dom-double'

const attrs = (fields: Partial<SpeakerAttrs>): SpeakerAttrs => toSpeakerAttrs(fields)

describe('speakerText', () => {
  // Each speaker of the sample notice, with the running text the notice prints.
  it.each<[Partial<SpeakerAttrs>, string]>([
    [
      {
        honorific: 'Mme',
        name: 'Ralyana Horta Ribeiro',
        role: 'Première Secrétaire',
        preposition: 'de la',
        organisation: 'Mission permanente du Timor-Leste',
      },
      'Mme Ralyana Horta Ribeiro, Première Secrétaire de la Mission permanente du Timor-Leste',
    ],
    [
      {
        honorific: 'M.',
        name: 'Ahmed Mzé',
        role: 'Conseiller économique',
        preposition: 'à la',
        organisation: 'Mission permanente des Comores',
      },
      'M. Ahmed Mzé, Conseiller économique à la Mission permanente des Comores',
    ],
    [
      { name: 'Kate Kallot', role: 'fondatrice et PDG', preposition: "d'", organisation: 'Amini' },
      "Kate Kallot, fondatrice et PDG d'Amini",
    ],
    [
      { name: 'Steven Capell', role: 'Vice-Président', preposition: 'du', organisation: 'CEFACT-ONU' },
      'Steven Capell, Vice-Président du CEFACT-ONU',
    ],
    [
      {
        name: 'Mathieu Lamolle',
        role: 'conseiller principal en charge du programme "Commerce pour le développement durable"',
        preposition: "à l'",
        organisation: 'ITC',
      },
      'Mathieu Lamolle, conseiller principal en charge du programme "Commerce pour le développement durable" à l\'ITC',
    ],
    [
      {
        name: 'Richard Bolwijn',
        role: "Directeur de la recherche sur l'investissement",
        preposition: 'à la',
        organisation: 'CNUCED',
      },
      "Richard Bolwijn, Directeur de la recherche sur l'investissement à la CNUCED",
    ],
    [
      {
        name: 'Houssem Gharbi',
        role: 'spécialiste du commerce et de la croissance des PME',
        preposition: "à l'",
        organisation: 'Union postale universelle (UPU)',
      },
      "Houssem Gharbi, spécialiste du commerce et de la croissance des PME à l'Union postale universelle (UPU)",
    ],
    [
      {
        name: 'Robin van Puyenbroeck',
        role: 'Directeur exécutif du développement des entreprises',
        preposition: 'à la',
        organisation: 'World Trade Centers Association (WTCA)',
      },
      'Robin van Puyenbroeck, Directeur exécutif du développement des entreprises à la World Trade Centers Association (WTCA)',
    ],
    [
      { name: 'Bob Gokani', role: 'propriétaire et créateur', preposition: "d'", organisation: 'EziDrops' },
      "Bob Gokani, propriétaire et créateur d'EziDrops",
    ],
    [{ name: 'Bob Gokani' }, 'Bob Gokani'],
  ])('renders %o as %j', (fields, expected) => {
    expect(speakerText(attrs(fields))).toBe(expected)
  })

  it('puts a delegation in parentheses after the name', () => {
    expect(
      speakerText(attrs({ honorific: "M. l'Ambassadeur", name: 'Matthew Wilson', delegation: 'Barbade' })),
    ).toBe("M. l'Ambassadeur Matthew Wilson (Barbade)")
  })

  it('glues a typographic apostrophe elision to the organisation', () => {
    expect(
      speakerText(attrs({ name: 'A B', role: 'directrice', preposition: 'de l’', organisation: 'OMC' })),
    ).toBe('A B, directrice de l’OMC')
  })

  it('follows an organisation without a preposition with a comma', () => {
    expect(speakerText(attrs({ name: 'Jane Doe', role: 'Director', organisation: 'UNCTAD' }))).toBe(
      'Jane Doe, Director, UNCTAD',
    )
  })

  it('trims stray spaces in the fields', () => {
    expect(
      speakerText(
        attrs({
          honorific: ' Mme ',
          name: ' Kate Kallot ',
          role: ' PDG ',
          preposition: " d' ",
          organisation: 'Amini ',
        }),
      ),
    ).toBe("Mme Kate Kallot, PDG d'Amini")
  })
})

describe('toSpeakerAttrs', () => {
  it('fills missing and non-string fields with empty strings', () => {
    expect(toSpeakerAttrs({ name: 'Kate Kallot', role: 3 })).toEqual({
      honorific: '',
      name: 'Kate Kallot',
      delegation: '',
      role: '',
      preposition: '',
      organisation: '',
    })
  })
})

describe('the speaker node', () => {
  const node = docFromJSON({
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          speaker({
            name: 'Kate Kallot',
            role: 'fondatrice et PDG',
            preposition: "d'",
            organisation: 'Amini',
          }),
        ],
      },
    ],
  }).firstChild?.firstChild

  it('is an inline atom', () => {
    expect(node?.type.name).toBe('speaker')
    expect(node?.isInline && node.isAtom).toBe(true)
  })

  it('renders a span marked data-type="speaker" holding its fields and its running text', () => {
    const toDOM = noticeSchema.nodes.speaker?.spec.toDOM
    expect(node && toDOM?.(node)).toEqual([
      'span',
      {
        'data-type': 'speaker',
        'data-name': 'Kate Kallot',
        'data-role': 'fondatrice et PDG',
        'data-preposition': "d'",
        'data-organisation': 'Amini',
      },
      "Kate Kallot, fondatrice et PDG d'Amini",
    ])
  })

  it('reads its fields back from that span', () => {
    const type = noticeSchema.nodes.speaker
    const spec = node && type?.spec.toDOM?.(node)
    const rendered = renderedElement(spec ?? '')
    expect(type?.spec.parseDOM?.[0]?.tag).toBe('span[data-type="speaker"]')
    expect(parseAttrs(type, fakeElement(rendered.attrs, rendered.text))).toEqual(node?.attrs)
  })

  it('gives its running text as plain text', () => {
    expect(node?.type.spec.toText?.({ node })).toBe("Kate Kallot, fondatrice et PDG d'Amini")
  })
})
