import { describe, expect, it } from 'vitest'
import { nextFrozenLabel } from './revision-labels'

describe('nextFrozenLabel', () => {
  it('proposes Rev.1 when nothing is frozen yet', () => {
    expect(nextFrozenLabel([])).toBe('Rev.1')
    expect(nextFrozenLabel([null, 'Before the chair’s edits'])).toBe('Rev.1')
  })

  it('proposes one more than the highest Rev.n, whatever the order', () => {
    expect(nextFrozenLabel(['Rev.2', 'Rev.1', 'Rev.10', 'Draft for the chair'])).toBe('Rev.11')
  })
})
