import { describe, expect, it } from 'vitest'
import { isUserColour, USER_COLOURS, userColour } from './user-colour'

describe('userColour', () => {
  it('gives the same palette colour for the same username, whatever its case or spaces', () => {
    expect(userColour('amina')).toBe(userColour(' Amina '))
    expect(USER_COLOURS).toContain(userColour('amina'))
  })

  it('spreads the demo accounts over different colours', () => {
    const colours = new Set(['amina', 'bruno', 'chen', 'admin'].map(userColour))
    expect(colours.size).toBeGreaterThan(2)
  })

  it('accepts only palette colours as a peer’s colour', () => {
    expect(isUserColour(userColour('chen'))).toBe(true)
    expect(isUserColour('#ffffff')).toBe(false)
    expect(isUserColour('red; background: url(x)')).toBe(false)
    expect(isUserColour(42)).toBe(false)
  })
})
