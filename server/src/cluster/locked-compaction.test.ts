import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createMemoryStorage } from '../storage/memory/memory-storage'
import { memoryBroker } from '../test/memory-bus'
import { paragraph } from '../test/room-fixture'
import { lockedCompaction } from './locked-compaction'

const silent = pino({ level: 'silent' })

/** A memory storage holding notice `n` with a log of `rows` rows. */
async function logOf(rows: number) {
  const storage = createMemoryStorage()
  const doc = new Y.Doc()
  paragraph(doc, 'Ordre du jour')
  await storage.createNotice({
    id: 'n',
    summary: { title: '', symbol: '', language: 'fr' },
    state: Y.encodeStateAsUpdate(doc),
  })
  for (let row = 2; row <= rows; row++) {
    const before = Y.encodeStateVector(doc)
    paragraph(doc, `row ${row}`)
    await storage.appendUpdates([{ noticeId: 'n', update: Y.encodeStateAsUpdate(doc, before) }])
  }
  return storage
}

describe('lockedCompaction', () => {
  it('merges the log while holding the notice lock, and releases it', async () => {
    const storage = await logOf(6)
    const bus = memoryBroker().bus()
    const compact = lockedCompaction({ bus, storage, prefix: 't', compactAfterRows: 3, logger: silent })

    expect(await compact('n')).toBe(6)
    expect((await storage.loadUpdates('n'))?.map((row) => row.seq)).toEqual([6])
    expect(await bus.tryLock('t:compact:n', 1000)).not.toBeNull()
  })

  it('skips, writing nothing, while another instance holds the lock, and waits before trying again', async () => {
    const storage = await logOf(6)
    const broker = memoryBroker()
    const other = broker.bus()
    const token = await other.tryLock('t:compact:n', 60_000)
    const compact = lockedCompaction({
      bus: broker.bus(),
      storage,
      prefix: 't',
      compactAfterRows: 3,
      logger: silent,
      retryAfterMs: 50,
    })

    expect(await compact('n')).toBe(0)
    await other.unlock('t:compact:n', token as string)
    expect(await compact('n')).toBe(0)
    expect(await storage.loadUpdates('n')).toHaveLength(6)
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(await compact('n')).toBe(6)
  })

  it('leaves alone a log that another instance compacted meanwhile, and skips while Redis is down', async () => {
    const storage = await logOf(3)
    const broker = memoryBroker()
    const compact = lockedCompaction({
      bus: broker.bus(),
      storage,
      prefix: 't',
      compactAfterRows: 3,
      logger: silent,
    })
    expect(await compact('n')).toBe(0)
    expect(await storage.loadUpdates('n')).toHaveLength(3)

    const longer = await logOf(8)
    broker.down()
    const whileDown = lockedCompaction({
      bus: broker.bus(),
      storage: longer,
      prefix: 't',
      compactAfterRows: 3,
      logger: silent,
    })
    expect(await whileDown('n')).toBe(0)
    expect(await longer.loadUpdates('n')).toHaveLength(8)
  })
})
