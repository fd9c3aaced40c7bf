import { describe, expect, it } from 'vitest'
import { type BufferedSocket, sendOrDrop } from './backpressure'

/** A socket double whose queue only grows (its client never reads). */
function stalledSocket(): BufferedSocket & { terminated: boolean; sent: number } {
  const socket = {
    bufferedAmount: 0,
    terminated: false,
    sent: 0,
    send(message: Uint8Array) {
      socket.bufferedAmount += message.length
      socket.sent += 1
    },
    terminate() {
      socket.terminated = true
    },
  }
  return socket
}

describe('sendOrDrop', () => {
  it('queues messages until more than the limit waits, then terminates the socket instead', () => {
    const socket = stalledSocket()
    const drops: number[] = []
    const message = new Uint8Array(400)

    const results = Array.from({ length: 5 }, () =>
      sendOrDrop(socket, message, 1000, (bytes) => drops.push(bytes)),
    )

    expect(results).toEqual([true, true, true, false, false])
    expect(socket.terminated).toBe(true)
    expect(socket.sent).toBe(3)
    expect(drops[0]).toBe(1200)
  })

  it('always sends one message on a queue under the limit, however large (a big sync reply)', () => {
    const socket = stalledSocket()
    expect(sendOrDrop(socket, new Uint8Array(5000), 1000, () => {})).toBe(true)
    expect(socket.terminated).toBe(false)
  })

  it('never drops when the limit is 0', () => {
    const socket = stalledSocket()
    for (let index = 0; index < 100; index++) sendOrDrop(socket, new Uint8Array(1 << 20), 0, () => {})
    expect(socket.terminated).toBe(false)
    expect(socket.sent).toBe(100)
  })
})
