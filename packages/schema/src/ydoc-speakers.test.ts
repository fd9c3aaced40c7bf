import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { sampleNotice } from './sample-notice'
import { readNoticeFromYDoc, writeNoticeToYDoc } from './ydoc'
import { rewriteSpeakers, speakersInYDoc } from './ydoc-speakers'

const isBolwijn = (attrs: { name: string }) => attrs.name === 'Richard Bolwijn'

describe('rewriteSpeakers', () => {
  it("gives every node naming the person the directory's fields, and no other node", () => {
    const doc = new Y.Doc()
    writeNoticeToYDoc(doc, sampleNotice)
    const before = speakersInYDoc(doc, () => true)
    const [bolwijn] = speakersInYDoc(doc, isBolwijn)
    if (!bolwijn) throw new Error('the sample names Richard Bolwijn')
    const fields = { ...bolwijn, role: 'Directeur de la division de l’investissement' }

    expect(rewriteSpeakers(doc, isBolwijn, fields)).toBe(1)

    expect(speakersInYDoc(doc, isBolwijn)).toEqual([fields])
    const after = speakersInYDoc(doc, () => true)
    expect(after.filter((attrs) => !isBolwijn(attrs))).toEqual(before.filter((attrs) => !isBolwijn(attrs)))
    expect(JSON.stringify(readNoticeFromYDoc(doc).content)).toContain('Directeur de la division')
    expect(rewriteSpeakers(doc, isBolwijn, fields)).toBe(0)
  })

  it('reaches a peer as an ordinary update', () => {
    const doc = new Y.Doc()
    writeNoticeToYDoc(doc, sampleNotice)
    const peer = new Y.Doc()
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc))
    const [bolwijn] = speakersInYDoc(doc, isBolwijn)
    const vector = Y.encodeStateVector(peer)
    rewriteSpeakers(doc, isBolwijn, { ...(bolwijn as NonNullable<typeof bolwijn>), honorific: 'M.' })
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc, vector))
    expect(speakersInYDoc(peer, isBolwijn)[0]?.honorific).toBe('M.')
  })
})
