import { describe, expect, it } from 'vitest'
import { MARK_NAMES, NODE_NAMES } from './node-names'
import { noticeSchema } from './notice-extensions'

describe('NODE_NAMES and MARK_NAMES', () => {
  it('name every node type of the notice schema, and nothing else', () => {
    expect(Object.values(NODE_NAMES).sort()).toEqual(Object.keys(noticeSchema.nodes).sort())
  })

  it('name every mark type of the notice schema, and nothing else', () => {
    expect(Object.values(MARK_NAMES).sort()).toEqual(Object.keys(noticeSchema.marks).sort())
  })

  it('are keyed by the names they hold', () => {
    for (const table of [NODE_NAMES, MARK_NAMES]) {
      for (const [key, name] of Object.entries(table)) expect(name).toBe(key)
    }
  })
})
