import { describe, expect, it } from 'vitest'
import { collabServerUrl, parseRoomPath, roomName, roomPath } from './room-path'

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

describe('roomPath', () => {
  it('builds the paths that parseRoomPath reads back', () => {
    expect(parseRoomPath(roomPath('n-1'))).toEqual({ noticeId: 'n-1', kind: 'content' })
    expect(parseRoomPath(roomPath('n-1', 'comments'))).toEqual({ noticeId: 'n-1', kind: 'comments' })
    expect(roomName('n-1', 'comments')).toBe('n-1/comments')
  })

  it('derives the websocket server URL from the page or server origin', () => {
    expect(collabServerUrl('http://127.0.0.1:8787/notices/x')).toBe('ws://127.0.0.1:8787/collab')
    expect(collabServerUrl('https://convene.example.org')).toBe('wss://convene.example.org/collab')
  })
})
