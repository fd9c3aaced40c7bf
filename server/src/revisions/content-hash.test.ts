import { sampleNotice } from '@convene/schema'
import { describe, expect, it } from 'vitest'
import { noticeContentHash } from './content-hash'

type Node = typeof sampleNotice.content

/** The content as the schema read it before agenda items had a `recurring` attribute. */
function withoutRecurring(node: Node): Node {
  const { recurring: _dropped, ...attrs } = node.attrs ?? {}
  return {
    ...node,
    ...(node.attrs ? { attrs } : {}),
    ...(node.content ? { content: node.content.map(withoutRecurring) } : {}),
  }
}

const setRecurring = (node: Node, value: boolean): Node => ({
  ...node,
  ...(node.type === 'agendaItem' ? { attrs: { ...node.attrs, recurring: value } } : {}),
  ...(node.content ? { content: node.content.map((child) => setRecurring(child, value)) } : {}),
})

describe('noticeContentHash', () => {
  it('hashes content whose items are not recurring as it was hashed before the attribute existed', () => {
    const today = setRecurring(sampleNotice.content, false)
    expect(noticeContentHash({ meta: sampleNotice.meta, content: today })).toBe(
      noticeContentHash({ meta: sampleNotice.meta, content: withoutRecurring(today) }),
    )
  })

  it('tells a recurring item from one that is not', () => {
    const plain = setRecurring(sampleNotice.content, false)
    const recurring = setRecurring(sampleNotice.content, true)
    expect(noticeContentHash({ meta: sampleNotice.meta, content: recurring })).not.toBe(
      noticeContentHash({ meta: sampleNotice.meta, content: plain }),
    )
  })
})
