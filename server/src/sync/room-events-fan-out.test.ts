import { describe, expect, it } from 'vitest'
import type { Room } from './room'
import type { RoomEvents } from './room-events'
import { fanOutRoomEvents } from './room-events-fan-out'

/** A listener that records the events it hears under `name`, throwing on `opened` when asked. */
function recorder(name: string, log: string[], throwOnOpen = false): RoomEvents {
  return {
    opened: (room) => {
      log.push(`${name} opened ${room.noticeId}`)
      if (throwOnOpen) throw new Error(`${name} failed`)
    },
    stored: (room, _update, seq) => log.push(`${name} stored ${room.noticeId} ${seq}`),
    awareness: () => log.push(`${name} awareness`),
    closed: () => log.push(`${name} closed`),
    deleted: (noticeId) => log.push(`${name} deleted ${noticeId}`),
  }
}

const room = { noticeId: 'n1' } as Room

describe('fanOutRoomEvents', () => {
  it('is nothing for no listener and the listener itself for one', () => {
    const log: string[] = []
    const one = recorder('a', log)
    expect(fanOutRoomEvents([null, undefined])).toBeUndefined()
    expect(fanOutRoomEvents([one, null])).toBe(one)
  })

  it('tells every listener every event in order, optional ones only to those who have them', () => {
    const log: string[] = []
    const idle: string[] = []
    const events = fanOutRoomEvents([
      recorder('a', log),
      { ...recorder('b', log), idle: (r) => idle.push(r.noticeId) },
    ])
    events?.opened(room, 3)
    events?.stored(room, Uint8Array.of(1), 4)
    events?.deleted('n1')
    events?.idle?.(room)
    expect(log).toEqual([
      'a opened n1',
      'b opened n1',
      'a stored n1 4',
      'b stored n1 4',
      'a deleted n1',
      'b deleted n1',
    ])
    expect(idle).toEqual(['n1'])
  })

  it('still tells the others when one listener throws, then throws its error', () => {
    const log: string[] = []
    const events = fanOutRoomEvents([recorder('a', log, true), recorder('b', log)])
    expect(() => events?.opened(room, 1)).toThrow('a failed')
    expect(log).toEqual(['a opened n1', 'b opened n1'])
  })
})
