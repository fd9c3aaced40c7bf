import { describe, expect, it } from 'vitest'
import { parseRoomPath } from './room-path'

describe('parseRoomPath', () => {
  it('reads the notice id of the content room from /collab/<id>', () => {
    expect(parseRoomPath('/collab/3f2a-b_C')).toEqual({ noticeId: '3f2a-b_C', kind: 'content' })
  })

  it('reads the comments room from /collab/<id>/comments', () => {
    expect(parseRoomPath('/collab/3f2a-b_C/comments')).toEqual({ noticeId: '3f2a-b_C', kind: 'comments' })
  })

  it('names no room for paths outside /collab, empty or malformed ids, and unknown documents', () => {
    for (const path of [
      '/api/notices',
      '/collab',
      '/collab/',
      '/collab/a/history',
      '/collab/a/comments/x',
      '/collab/a/b/c',
      '/collab/has%20space',
      '/collab/../etc',
      `/collab/${'x'.repeat(129)}`,
    ]) {
      expect(parseRoomPath(path), path).toBeNull()
    }
  })
})
