import { describe, expect, it } from 'vitest'
import { controlledStorage } from '../test/controlled-storage'
import { UpdateWriteError, UpdateWriter } from './update-writer'

const summary = { title: '', symbol: '', language: 'en' }
const bytes = (value: number): Uint8Array => Uint8Array.of(value)

async function storageWith(...ids: string[]) {
  const storage = controlledStorage()
  for (const id of ids) await storage.createNotice({ id, summary, state: bytes(0) })
  return storage
}

describe('UpdateWriter', () => {
  it('writes every update appended in one turn of the event loop in one transaction', async () => {
    const storage = await storageWith('a', 'b')
    const writer = new UpdateWriter(storage)

    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        writer.append({ noticeId: i % 2 ? 'a' : 'b', update: bytes(i + 1) }),
      ),
    )

    expect(storage.batches).toHaveLength(1)
    expect(storage.batches[0]).toHaveLength(50)
    expect(await storage.loadUpdates('a')).toHaveLength(26)
  })

  it('resolves an append only once the storage has written it', async () => {
    const storage = await storageWith('a')
    storage.holdAppends = true
    const writer = new UpdateWriter(storage)
    let durable = false

    const written = writer.append({ noticeId: 'a', update: bytes(1) }).then(() => {
      durable = true
    })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(durable).toBe(false)
    storage.releaseAppends()
    await written

    expect(durable).toBe(true)
    expect(await storage.loadUpdates('a')).toHaveLength(2)
  })

  it('rejects every update of a failed write with an error naming the notice, and stores none', async () => {
    const storage = await storageWith('a')
    storage.failAppendsFor = () => true
    const writer = new UpdateWriter(storage)

    const results = await Promise.allSettled([
      writer.append({ noticeId: 'a', update: bytes(1) }),
      writer.append({ noticeId: 'a', update: bytes(2) }),
    ])

    for (const result of results) {
      expect(result.status).toBe('rejected')
      const reason = (result as PromiseRejectedResult).reason
      expect(reason).toBeInstanceOf(UpdateWriteError)
      expect(reason.message).toBe('An update to notice "a" could not be stored')
      expect(reason.cause.message).toBe('disk on fire')
    }
    expect(await storage.loadUpdates('a')).toHaveLength(1)
  })

  it('retries notice by notice when a batch fails, so one failing notice does not fail the others', async () => {
    const storage = await storageWith('good', 'bad')
    storage.failAppendsFor = (id) => id === 'bad'
    const writer = new UpdateWriter(storage)

    const [good1, bad, good2] = await Promise.allSettled([
      writer.append({ noticeId: 'good', update: bytes(1) }),
      writer.append({ noticeId: 'bad', update: bytes(2) }),
      writer.append({ noticeId: 'good', update: bytes(3) }),
    ])

    expect([good1?.status, bad?.status, good2?.status]).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((await storage.loadUpdates('good'))?.map((row) => row.bytes[0])).toEqual([0, 1, 3])
    expect(await storage.loadUpdates('bad')).toHaveLength(1)
  })

  it('keeps each notice’s append order across batches', async () => {
    const storage = await storageWith('a')
    const writer = new UpdateWriter(storage, { maxBatch: 3 })

    await Promise.all(
      Array.from({ length: 10 }, (_, i) => writer.append({ noticeId: 'a', update: bytes(i + 1) })),
    )

    expect(storage.batches.length).toBe(4)
    expect((await storage.loadUpdates('a'))?.map((row) => row.bytes[0])).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ])
  })

  it('drains: resolves once every update appended so far has been written', async () => {
    const storage = await storageWith('a')
    const writer = new UpdateWriter(storage)
    void writer.append({ noticeId: 'a', update: bytes(1) })
    void writer.append({ noticeId: 'a', update: bytes(2) })

    await writer.drain()

    expect(await storage.loadUpdates('a')).toHaveLength(3)
  })
})
