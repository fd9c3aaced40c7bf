/**
 * Heavy work off the event loop, against a server in a child process: exports of a notice at the
 * item limit run in the worker pool, so `/api/health` keeps answering within 250 ms while four run;
 * beyond the pool's threads and queue an export is refused at once with 503 and Retry-After.
 */
import { randomUUID } from 'node:crypto'
import { contentBuilders as b, sampleNotice, writeNoticeToYDoc } from '@convene/schema'
import { openDatabase } from '@convene/server'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { cleanup, type FaultServer, sleep, startServer, tempDir, tokenFor } from './fault-harness'

afterEach(cleanup)

const ITEMS = 2000

/** A data directory holding one notice of {@link ITEMS} agenda items; resolves its id. */
async function bigNoticeIn(dataDir: string): Promise<string> {
  const items = Array.from({ length: ITEMS }, (_, index) =>
    b.agendaItem(`item-${index}`, `Item ${index + 1}`, b.paragraph(`Body of item ${index + 1}, `.repeat(4))),
  )
  const doc = new Y.Doc()
  writeNoticeToYDoc(doc, { meta: sampleNotice.meta, content: b.doc(...items) })
  const id = randomUUID()
  const database = await openDatabase({ dataDir, databaseUrl: null })
  try {
    const { title, symbol, language } = sampleNotice.meta
    await database.notices.createNotice({
      id,
      summary: { title, symbol, language },
      state: Y.encodeStateAsUpdate(doc),
    })
  } finally {
    await database.close()
  }
  return id
}

async function exportDraft(server: FaultServer, id: string): Promise<Response> {
  return fetch(`${server.url}/api/notices/${id}/export/draft.pdf`, {
    headers: { authorization: `Bearer ${await tokenFor(server)}` },
  })
}

describe('heavy work', () => {
  it('keeps /api/health under 250 ms while big exports run, and refuses those beyond threads and queue with 503', async () => {
    const dataDir = tempDir()
    const id = await bigNoticeIn(dataDir)
    const server = await startServer({ dataDir, env: { WORKER_THREADS: '2', WORKER_QUEUE: '2' } })
    await tokenFor(server)
    // Warmed up: each thread has loaded the renderers once, as on a server that has served exports.
    await Promise.all([exportDraft(server, id), exportDraft(server, id)])

    // Two threads and two places in the queue: of six at once, the last ones find the pool full.
    const exports = Array.from({ length: 6 }, () => exportDraft(server, id))
    let done = false
    const settled = Promise.all(exports).finally(() => {
      done = true
    })
    const latencies: number[] = []
    while (!done) {
      const started = performance.now()
      const health = await fetch(`${server.url}/api/health`)
      latencies.push(performance.now() - started)
      expect(health.status).toBe(200)
      await sleep(50)
    }
    const answers = await settled

    const statuses = answers.map((answer) => answer.status)
    expect(statuses.filter((status) => status === 200).length, statuses.join(' ')).toBeGreaterThanOrEqual(4)
    expect(statuses.filter((status) => status === 503).length, statuses.join(' ')).toBeGreaterThanOrEqual(1)
    expect(statuses.every((status) => status === 200 || status === 503)).toBe(true)
    for (const answer of answers) {
      if (answer.status === 503) {
        expect(answer.headers.get('retry-after')).toBe('5')
        expect(((await answer.json()) as { error: { message: string } }).error.message).toMatch(
          /^The server is busy/,
        )
      } else {
        expect(new TextDecoder().decode((await answer.arrayBuffer()).slice(0, 5))).toBe('%PDF-')
      }
    }
    console.log(`health latencies during the exports: ${latencies.map(Math.round).join(' ')} ms`)
    expect(latencies.length).toBeGreaterThan(3)
    expect(
      Math.max(...latencies),
      `health latencies ${latencies.map(Math.round).join(', ')} ms`,
    ).toBeLessThan(250)
  }, 300_000)
})
