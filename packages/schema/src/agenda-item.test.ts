import { describe, expect, it } from 'vitest'
import { createAgendaItemId } from './agenda-item'
import { agendaItem, doc, paragraph } from './content-builders'
import { docFromJSON } from './doc-from-json'
import { noticeSchema } from './notice-extensions'
import { fakeElement, parseAttrs } from './test/dom-double'

describe('the agendaItem node', () => {
  const item = docFromJSON(
    doc(agendaItem('msme-accession', "LES MPME ET L'ACCESSION À L'OMC", paragraph('Texte.'))),
  ).firstChild

  it('renders a section marked data-type="agenda-item" with its id, holding its content', () => {
    expect(item?.type.spec.toDOM?.(item)).toEqual([
      'section',
      { 'data-type': 'agenda-item', 'data-id': 'msme-accession' },
      0,
    ])
  })

  it('renders its title as an h2 marked data-type="agenda-title"', () => {
    const title = item?.firstChild
    expect(title?.type.spec.toDOM?.(title)).toEqual(['h2', { 'data-type': 'agenda-title' }, 0])
  })

  it('reads its id back from data-id', () => {
    expect(parseAttrs(noticeSchema.nodes.agendaItem, fakeElement({ 'data-id': 'msme-accession' }))).toEqual({
      id: 'msme-accession',
      recurring: false,
    })
  })

  it('renders a recurring item with data-recurring and reads it back', () => {
    const item = noticeSchema.nodes.agendaItem?.createAndFill({ id: 'other-business', recurring: true })
    expect(item?.type.spec.toDOM?.(item)).toEqual([
      'section',
      { 'data-type': 'agenda-item', 'data-id': 'other-business', 'data-recurring': 'true' },
      0,
    ])
    expect(
      parseAttrs(noticeSchema.nodes.agendaItem, fakeElement({ 'data-id': 'x', 'data-recurring': 'true' })),
    ).toEqual({ id: 'x', recurring: true })
  })

  it('has no id until one is assigned, and renders none', () => {
    const fresh = noticeSchema.nodes.agendaItem?.createAndFill()
    expect(fresh?.attrs.id).toBeNull()
    expect(fresh?.type.spec.toDOM?.(fresh)).toEqual(['section', { 'data-type': 'agenda-item' }, 0])
  })

  it('is filled with an empty title when created', () => {
    expect(noticeSchema.nodes.agendaItem?.createAndFill()?.firstChild?.type.name).toBe('agendaTitle')
  })

  it('is defining and isolating, so editing never merges two items', () => {
    expect(noticeSchema.nodes.agendaItem?.spec.defining).toBe(true)
    expect(noticeSchema.nodes.agendaItem?.spec.isolating).toBe(true)
  })
})

describe('createAgendaItemId', () => {
  it('makes distinct ids', () => {
    const ids = new Set(Array.from({ length: 100 }, () => createAgendaItemId()))
    expect(ids.size).toBe(100)
  })
})
