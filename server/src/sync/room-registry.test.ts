import { describe, expect, it } from 'vitest'
import { fakePeer } from '../test/fake-peer'
import { join, NOTICE_ID, roomFixture, textOf, typed } from '../test/room-fixture'
import { NoticeLoadError, NoticeNotFoundError } from './notice-errors'
import { CLOSE_CODES } from './protocol'
import { RegistryClosedError } from './room-registry'

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('RoomRegistry', () => {
  it('loads a notice once for clients that arrive together', async () => {
    const { storage, registry } = await roomFixture()
    let loads = 0
    const load = storage.loadUpdates
    storage.loadUpdates = (id) => {
      loads += 1
      return load(id)
    }

    const [first, second] = await Promise.all([join(registry, fakePeer()), join(registry, fakePeer())])

    expect(first).toBe(second)
    expect(loads).toBe(1)
    expect(first.peerCount).toBe(2)
  })

  it('keeps the room of a client that comes back within the grace period (hocuspocus#971)', async () => {
    const { registry } = await roomFixture({ unloadDelayMs: 100 })
    const a = fakePeer()
    const room = await join(registry, a)
    room.removePeer(a)
    await sleep(50)

    const again = await join(registry, fakePeer())
    await sleep(120)

    expect(again).toBe(room)
    expect(registry.peek(NOTICE_ID)).toBe(room)
    expect(room.isOpen).toBe(true)
  })

  it('unloads a room once its last peer has been gone for the grace period, and reloads it from storage', async () => {
    const { registry } = await roomFixture({ unloadDelayMs: 20 })
    const a = fakePeer()
    const room = await join(registry, a)
    room.receive(a, typed('Kept'))
    await room.whenDurable()
    room.removePeer(a)
    await sleep(60)

    expect(registry.peek(NOTICE_ID)).toBeUndefined()
    expect(room.isOpen).toBe(false)
    const reloaded = await join(registry, fakePeer())
    expect(reloaded).not.toBe(room)
    expect(textOf(reloaded.doc)).toContain('Kept')
  })

  it('stores pending updates before unloading a room', async () => {
    const { storage, registry } = await roomFixture({ unloadDelayMs: 10 })
    const a = fakePeer()
    const room = await join(registry, a)
    storage.holdAppends = true
    room.receive(a, typed('Pending'))
    room.removePeer(a)
    await sleep(50)
    expect(registry.peek(NOTICE_ID)).toBe(room)

    storage.releaseAppends()
    await sleep(50)

    expect(registry.peek(NOTICE_ID)).toBeUndefined()
    expect(textOf((await join(registry, fakePeer())).doc)).toContain('Pending')
  })

  it('keeps a room whose unload was waiting for a write when a client joins meanwhile', async () => {
    const { storage, registry } = await roomFixture({ unloadDelayMs: 10 })
    const a = fakePeer()
    const room = await join(registry, a)
    storage.holdAppends = true
    room.receive(a, typed('Pending'))
    room.removePeer(a)
    await sleep(50)

    const b = fakePeer()
    const joined = await join(registry, b)
    storage.releaseAppends()
    await sleep(50)

    expect(joined).toBe(room)
    expect(registry.peek(NOTICE_ID)).toBe(room)
    expect(room.isOpen).toBe(true)
    expect(b.closedWith).toBeNull()
  })

  it('refuses an unknown notice with NoticeNotFoundError', async () => {
    const { registry } = await roomFixture()
    await expect(registry.acquire('missing')).rejects.toBeInstanceOf(NoticeNotFoundError)
  })

  it('refuses a notice whose stored log does not load, naming the row, and writes nothing', async () => {
    const { storage, registry } = await roomFixture()
    await storage.appendUpdates([{ noticeId: NOTICE_ID, update: Uint8Array.of(1, 0xff) }])
    const before = await storage.loadUpdates(NOTICE_ID)
    storage.batches.length = 0

    const error = await registry.acquire(NOTICE_ID).catch((caught: unknown) => caught)

    expect(error).toBeInstanceOf(NoticeLoadError)
    expect((error as Error).message).toBe(
      `Notice "${NOTICE_ID}" could not be loaded from storage: its stored update 2 is unreadable`,
    )
    expect(await storage.loadUpdates(NOTICE_ID)).toEqual(before)
    expect(storage.batches).toEqual([])
  })

  it('deletes a notice: its peers are closed with 4410 and it can no longer be opened', async () => {
    const { storage, registry } = await roomFixture()
    const a = fakePeer()
    await join(registry, a)

    expect(await registry.delete(NOTICE_ID)).toBe(true)

    expect(a.closedWith?.code).toBe(CLOSE_CODES.NOTICE_DELETED)
    expect(await storage.getNotice(NOTICE_ID)).toBeNull()
    await expect(registry.acquire(NOTICE_ID)).rejects.toBeInstanceOf(NoticeNotFoundError)
    expect(await registry.delete(NOTICE_ID)).toBe(false)
  })

  it('on close, stores every accepted update, closes peers with 1001 and opens no more rooms', async () => {
    const { storage, registry } = await roomFixture()
    const a = fakePeer()
    const room = await join(registry, a)
    storage.holdAppends = true
    room.receive(a, typed('Last words'))
    setTimeout(() => storage.releaseAppends(), 30)

    await registry.close()

    expect(a.closedWith?.code).toBe(CLOSE_CODES.GOING_AWAY)
    const rows = (await storage.loadUpdates(NOTICE_ID)) ?? []
    expect(rows).toHaveLength(2)
    await expect(registry.acquire(NOTICE_ID)).rejects.toBeInstanceOf(RegistryClosedError)
  })

  it('compacts the stored log in the background once it passes the threshold, losing nothing', async () => {
    const { storage, registry } = await roomFixture({ compactAfterRows: 5 })
    const a = fakePeer()
    const room = await join(registry, a)
    for (let i = 0; i < 12; i++) {
      room.receive(a, typed(`Item ${i}`))
      await room.whenDurable()
    }
    await room.settle()

    const rows = (await storage.loadUpdates(NOTICE_ID)) ?? []
    expect(rows.length).toBeLessThan(6)
    await registry.close()
    const { docFromLog } = await import('./notice-doc')
    const stored = docFromLog(NOTICE_ID, rows).doc
    for (let i = 0; i < 12; i++) expect(textOf(stored)).toContain(`Item ${i}<`)
  })
})
