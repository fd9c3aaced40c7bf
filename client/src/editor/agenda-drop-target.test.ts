import { describe, expect, it } from 'vitest'
import { dropLevels, dropSpot, withoutDragged } from './agenda-drop-target'

const outline = [
  { id: 'a', level: 1, number: '1' },
  { id: 'b', level: 1, number: '2' },
  { id: 'b1', level: 2, number: '2.1' },
  { id: 'b2', level: 2, number: '2.2' },
  { id: 'c', level: 1, number: '3' },
  { id: 'c1', level: 2, number: '3.1' },
  { id: 'c1a', level: 3, number: '3.1.1' },
  { id: 'd', level: 1, number: '4' },
]

describe('agenda drop targets', () => {
  it('leaves out the dragged item and its sub-items', () => {
    expect(withoutDragged(outline, 'c').map((e) => e.id)).toEqual(['a', 'b', 'b1', 'b2', 'd'])
  })

  it('offers from the level below to one deeper than the item above', () => {
    const rest = withoutDragged(outline, 'a')
    expect(dropLevels(rest, 0)).toEqual([1, 1])
    // Between 3.1.1 and 4: anything from the top level to under 3.1.1.
    expect(
      dropLevels(
        rest,
        rest.findIndex((e) => e.id === 'd'),
      ),
    ).toEqual([1, 4])
    // Between 2 and 2.1: only as a sub-item of 2.
    expect(
      dropLevels(
        rest,
        rest.findIndex((e) => e.id === 'b1'),
      ),
    ).toEqual([2, 2])
  })

  it('names the parent, the previous sibling and the new number of each level in a gap', () => {
    const rest = withoutDragged(outline, 'a')
    const gap = rest.findIndex((e) => e.id === 'd')
    expect(dropSpot(rest, gap, 1)).toEqual({ parentId: null, afterId: 'c', level: 1, number: '3' })
    expect(dropSpot(rest, gap, 2)).toEqual({ parentId: 'c', afterId: 'c1', level: 2, number: '2.2' })
    expect(dropSpot(rest, gap, 3)).toEqual({ parentId: 'c1', afterId: 'c1a', level: 3, number: '2.1.2' })
    expect(dropSpot(rest, gap, 9)).toEqual({ parentId: 'c1a', afterId: null, level: 4, number: '2.1.1.1' })
  })

  it('moves 3.1 below 3.2 as 3.2 when dropped between 3.2 and 4 at level 2', () => {
    const rest = withoutDragged(outline, 'b1')
    const gap = rest.findIndex((e) => e.id === 'c')
    expect(dropSpot(rest, gap, 2)).toEqual({ parentId: 'b', afterId: 'b2', level: 2, number: '2.2' })
  })

  it('puts an item first at the top of the agenda', () => {
    const rest = withoutDragged(outline, 'd')
    expect(dropSpot(rest, 0, 3)).toEqual({ parentId: null, afterId: null, level: 1, number: '1' })
  })
})
