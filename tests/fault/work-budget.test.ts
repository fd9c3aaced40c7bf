/**
 * The per-connection work budget, against a server in a child process: each message costs the
 * bytes the server's checks examine (its length), counted per connection per second; a connection
 * sending more than MAX_WORK_BYTES_PER_SECOND (after two seconds' worth) is closed with 4429 naming
 * the budget, before its message is checked, while one within the budget stays and syncs.
 */
import { encodeMessage } from '@convene/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { paragraphUpdate } from '../support/notice-content'
import {
  cleanup,
  closesWithin,
  createNotice,
  type FaultServer,
  noticeUrl,
  openRaw,
  sleep,
  startServer,
  storedContent,
} from './fault-harness'

const BUDGET = 200_000
const MESSAGE_TEXT = 20_000

let server: FaultServer
let url: string
let noticeId: string

beforeAll(async () => {
  server = await startServer({
    env: {
      MAX_WORK_BYTES_PER_SECOND: String(BUDGET),
      MAX_MESSAGES_PER_SECOND: '1000',
      MAX_MESSAGE_BURST: '1000',
    },
  })
  noticeId = await createNotice(server)
  url = await noticeUrl(server, noticeId)
})

afterAll(cleanup)

/** A valid update of a fresh client (its own id) adding a paragraph of about {@link MESSAGE_TEXT} bytes. */
const bigUpdate = (clientId: number, marker: string): Uint8Array =>
  encodeMessage({
    type: 'update',
    update: paragraphUpdate(`${marker} ${'x'.repeat(MESSAGE_TEXT)}`, clientId),
  })

describe('the work budget of a connection', () => {
  it('closes a connection sending more bytes to check than its budget with 4429, and keeps one within it', async () => {
    const flooder = await openRaw(url)
    const steady = await openRaw(url)
    // 100 kB/s for 2.4 s: half the budget, more than its two-second burst in all.
    const sendSteady = (async () => {
      for (let i = 0; i < 12 && steady.closedWith === null; i++) {
        steady.socket.send(bigUpdate(500_000 + i, `steady-${i}`))
        await sleep(200)
      }
    })()
    // 30 x 20 kB at once: 600 kB, over the 400 kB burst.
    for (let i = 0; i < 30; i++) flooder.socket.send(bigUpdate(600_000 + i, `flood-${i}`))
    expect(await closesWithin(flooder, 3000)).toBe(true)
    await sendSteady

    expect(flooder.closedWith).toEqual({
      code: 4429,
      reason: `More than ${BUDGET} bytes of checking per second`,
    })
    expect(steady.closedWith).toBeNull()
    expect(await closesWithin(steady, 200)).toBe(false)
    const stored = await storedContent(server, noticeId)
    expect(stored).toContain('steady-11')
    // What came after the budget ran out was never checked nor stored.
    expect(stored).not.toContain('flood-29')
    expect(server.alive()).toBe(true)
    steady.socket.close()
  })
})
