import { renderExport } from '@convene/export'
import { CONTENT_FIELD, diffNotices, newNoticeYDoc, sampleNotice, writeNoticeToYDoc } from '@convene/schema'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { freezeRefusal } from '../revisions/freeze-check'
import { HeavyWorkPool, PoolSaturatedError } from './heavy-work-pool'

const frozen = {
  ...sampleNotice,
  revision: { label: 'Rev.1', hash: 'a'.repeat(64), createdAt: '2024-03-08T09:00:00.000Z', frozen: true },
  draft: false,
}
const changed = { ...sampleNotice, meta: { ...sampleNotice.meta, title: 'Another title' } }

let pool: HeavyWorkPool | null = null
afterEach(async () => {
  await pool?.close()
  pool = null
})

describe('HeavyWorkPool', () => {
  it('renders the same bytes and computes the same diff on a worker as in this thread', async () => {
    pool = new HeavyWorkPool({ threads: 1, queue: 4, memoryMb: 256 })
    expect(Buffer.from(await pool.renderExport(frozen, 'html'))).toEqual(
      Buffer.from(await renderExport(frozen, 'html')),
    )
    expect(await pool.compare(sampleNotice, changed)).toEqual(diffNotices(sampleNotice, changed))
  }, 60_000)

  it('checks a notice to be frozen on a worker as in this thread', async () => {
    pool = new HeavyWorkPool({ threads: 1, queue: 4, memoryMb: 256 })
    const doc = newNoticeYDoc()
    writeNoticeToYDoc(doc, sampleNotice)
    const valid = Y.encodeStateAsUpdate(doc)
    doc.getXmlFragment(CONTENT_FIELD).insert(0, [new Y.XmlElement('agendaitem')])
    const invalid = Y.encodeStateAsUpdate(doc)
    expect(await pool.checkFreeze(valid, frozen.revision)).toBeNull()
    const refusal = await pool.checkFreeze(invalid, frozen.revision)
    expect(refusal).toMatchObject({ step: 'reader' })
    expect(refusal).toEqual(await freezeRefusal(invalid, frozen.revision))
  }, 60_000)

  it('refuses a task beyond its threads and queue at once, and runs the others', async () => {
    pool = new HeavyWorkPool({ threads: 1, queue: 1, memoryMb: 256 })
    const tasks = [1, 2, 3].map(() => pool?.compare(sampleNotice, changed))
    const results = await Promise.allSettled(tasks)
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected'])
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(PoolSaturatedError)
  }, 60_000)
})
