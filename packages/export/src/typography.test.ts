import { describe, expect, it } from 'vitest'
import {
  NO_BREAK_SPACE as NBSP,
  NARROW_NO_BREAK_SPACE as NNBSP,
  typographicSpaces,
  unbreakable,
} from './typography'

describe('typographicSpaces', () => {
  it.each([
    ['M. Ahmed Mzé', `M.${NBSP}Ahmed Mzé`],
    ['Mme Ralyana Horta', `Mme${NBSP}Ralyana Horta`],
    ['Ms. Dorothy Tembo and Mr Marco Aleman', `Ms.${NBSP}Dorothy Tembo and Mr${NBSP}Marco Aleman`],
    ['la Sra. Pérez', `la Sra.${NBSP}Pérez`],
    ['H.E. Ambassador', `H.E.${NBSP}Ambassador`],
  ])('keeps an honorific with the name after it: %j', (text, expected) => {
    expect(typographicSpaces(text, 'en')).toBe(expected)
  })

  it.each([
    ['(annexe 5)', `(annexe${NBSP}5)`],
    ['see item 3 and point 4.2', `see item${NBSP}3 and point${NBSP}4.2`],
    ['No. 7', `No.${NBSP}7`],
    ['19 mars 2024', `19${NBSP}mars 2024`],
    ['March 19, 2024', `March${NBSP}19, 2024`],
    ['19 de marzo', `19${NBSP}de marzo`],
    ['à 10 h 30', `à 10${NBSP}h 30`],
  ])('keeps a number with the word it belongs to: %j', (text, expected) => {
    expect(typographicSpaces(text, 'en')).toBe(expected)
  })

  it('sets French spaces before two-part punctuation and inside guillemets', () => {
    expect(typographicSpaces('Ordre du jour : point 1 ; le « Groupe » ?', 'fr')).toBe(
      `Ordre du jour${NBSP}: point${NBSP}1${NNBSP}; le «${NNBSP}Groupe${NNBSP}»${NNBSP}?`,
    )
    expect(typographicSpaces('Agenda : item', 'en')).toBe('Agenda : item')
  })

  it('leaves words that only look like honorifics or references alone', () => {
    expect(typographicSpaces('MMS 3 and Item list', 'en')).toBe('MMS 3 and Item list')
    expect(typographicSpaces('items are 3', 'en')).toBe('items are 3')
  })
})

describe('unbreakable', () => {
  it('joins every character with a word joiner, which reads as nothing', () => {
    expect(unbreakable('WT/L/1')).toBe('W\u2060T\u2060/\u2060L\u2060/\u20601')
    expect(unbreakable('WT/L/1').replace(/\u2060/g, '')).toBe('WT/L/1')
  })
})
