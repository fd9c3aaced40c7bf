import type { JSONContent } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  checkNoticeLimits,
  countAgendaItemsInFragment,
  countAgendaItemsInJson,
  NoticeLimitError,
} from './notice-limits'
import { sampleNotice } from './sample-notice'
import { CONTENT_FIELD, writeNoticeToYDoc } from './ydoc'

describe('notice limits', () => {
  it('counts the same agenda items in the JSON and in the Yjs fragment of the sample notice', () => {
    const doc = new Y.Doc()
    writeNoticeToYDoc(doc, sampleNotice)
    const inJson = countAgendaItemsInJson(sampleNotice.content)
    expect(inJson).toBeGreaterThan(3)
    expect(countAgendaItemsInFragment(doc.getXmlFragment(CONTENT_FIELD))).toBe(inJson)
  })

  it('counts 100,000 nested items without overflowing the stack', () => {
    let node: JSONContent = { type: 'agendaItem' }
    for (let depth = 1; depth < 100_000; depth += 1) node = { type: 'agendaItem', content: [node] }
    expect(countAgendaItemsInJson(node)).toBe(100_000)
  })

  it('names the limit that is exceeded, and lets a notice at the limit through', () => {
    const limits = { maxBytes: 1000, maxItems: 10 }
    expect(() => checkNoticeLimits({ bytes: 1000, items: 10 }, limits)).not.toThrow()
    expect(() => checkNoticeLimits({ bytes: 10, items: 11 }, limits)).toThrow(
      new NoticeLimitError('items', 10, 11),
    )
    expect(() => checkNoticeLimits({ bytes: 1001, items: 1 }, limits)).toThrow(
      /1001 bytes, over the limit of 1000 bytes \(MAX_NOTICE_BYTES\)/,
    )
  })
})
