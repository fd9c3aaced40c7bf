import { openDatabase } from '@convene/server'
import { afterEach, describe, expect, it } from 'vitest'
import {
  cleanup,
  connectClient,
  contentOf,
  createNotice,
  http,
  insertParagraph,
  killChild,
  openRaw,
  startChildServer,
  startTestServer,
  tempDataDir,
  waitFor,
} from './harness'

afterEach(cleanup)

describe('durability of accepted updates', () => {
  it('still has every accepted update after a graceful restart on the same SQLite file', async () => {
    const first = await startTestServer()
    const id = await createNotice(first.url)
    const a = await connectClient(first.wsBase, id)
    const b = await connectClient(first.wsBase, id)
    for (let i = 0; i < 50; i++) {
      insertParagraph(a.doc, `A${i}`)
      insertParagraph(b.doc, `B${i}`)
    }
    await waitFor(
      () =>
        contentOf(a.doc) === contentOf(b.doc) &&
        contentOf(a.doc).includes('A49') &&
        contentOf(a.doc).includes('B49'),
      'both clients to converge on 100 paragraphs',
    )
    const before = contentOf(a.doc)
    a.provider.destroy()
    b.provider.destroy()
    await first.close()

    const second = await startTestServer({ dataDir: first.dataDir })
    const reader = await connectClient(second.wsBase, id)

    expect(contentOf(reader.doc)).toBe(before)
  })

  it('has an update on disk once another client has seen it, even if the server is then SIGKILLed', async () => {
    const dataDir = tempDataDir()
    const child = await startChildServer(dataDir)
    const id = await createNotice(child.url)
    const writer = await connectClient(child.wsBase, id)
    const watcher = await connectClient(child.wsBase, id)
    const marker = `survives SIGKILL ${Date.now()}`

    insertParagraph(writer.doc, marker)
    await waitFor(() => contentOf(watcher.doc).includes(marker), 'the watcher to see the update')
    await killChild(child)
    writer.provider.destroy()
    watcher.provider.destroy()

    const restarted = await startTestServer({ dataDir })
    const stored = await http(restarted.url, 'GET', `/api/notices/${id}`)
    expect(stored.status).toBe(200)
    expect(JSON.stringify(stored.body)).toContain(marker)
    const reader = await connectClient(restarted.wsBase, id)
    expect(contentOf(reader.doc)).toContain(marker)
  })

  it('stops main.ts on SIGTERM with exit code 0, closing clients with 1001, and keeps what they wrote', async () => {
    const dataDir = tempDataDir()
    const child = await startChildServer(dataDir)
    const id = await createNotice(child.url)
    const writer = await connectClient(child.wsBase, id)
    const watcher = await connectClient(child.wsBase, id)
    insertParagraph(writer.doc, 'written before SIGTERM')
    await waitFor(
      () => contentOf(watcher.doc).includes('written before SIGTERM'),
      'the watcher to see the update',
    )

    const exited = new Promise<number | null>((resolveExit) =>
      child.child.once('exit', (code) => resolveExit(code)),
    )
    child.child.kill('SIGTERM')

    expect(await exited).toBe(0)
    await waitFor(() => watcher.closes.length > 0, 'the watcher to be disconnected')
    expect(watcher.closes[0]?.code).toBe(1001)
    expect(child.output()).toContain('SIGTERM received')
    writer.provider.destroy()
    watcher.provider.destroy()
    const restarted = await startTestServer({ dataDir })
    const reader = await connectClient(restarted.wsBase, id)
    expect(contentOf(reader.doc)).toContain('written before SIGTERM')
  })

  it('keeps every update while the log is compacted in the background, and compacts it', async () => {
    const server = await startTestServer({ compactAfterRows: 10 })
    const id = await createNotice(server.url)
    const a = await connectClient(server.wsBase, id)
    const b = await connectClient(server.wsBase, id)
    for (let i = 0; i < 120; i++) {
      insertParagraph(i % 2 === 0 ? a.doc : b.doc, `P${i}`)
      if (i % 10 === 0) await new Promise((resolveWait) => setTimeout(resolveWait, 5))
    }
    await waitFor(
      () =>
        contentOf(a.doc) === contentOf(b.doc) &&
        contentOf(a.doc).includes('P119') &&
        contentOf(a.doc).includes('P118'),
      'both clients to converge',
    )
    const expected = contentOf(a.doc)
    a.provider.destroy()
    b.provider.destroy()
    await server.close()

    const storage = (await openDatabase({ dataDir: server.dataDir })).notices
    const rows = await storage.loadUpdates(id)
    await storage.close()
    // 121 rows without compaction (the initial state plus one per paragraph).
    expect(rows?.length).toBeLessThanOrEqual(20)

    const restarted = await startTestServer({ dataDir: server.dataDir })
    const reader = await connectClient(restarted.wsBase, id)
    expect(contentOf(reader.doc)).toBe(expected)
  })

  it('creates the sample notice in an empty database only, never again on restart', async () => {
    const first = await startTestServer()
    const initial = await http(first.url, 'GET', '/api/notices')
    expect(initial.body).toHaveLength(1)
    const sampleId = (initial.body as { id: string }[])[0]?.id
    await http(first.url, 'DELETE', `/api/notices/${sampleId}`)
    await createNotice(first.url)
    await first.close()

    const second = await startTestServer({ dataDir: first.dataDir })
    const list = (await http(second.url, 'GET', '/api/notices')).body as { id: string; language: string }[]

    expect(list).toHaveLength(1)
    expect(list[0]?.id).not.toBe(sampleId)
    expect(list[0]?.language).toBe('en')
  })
})

describe('a stored notice that does not load', () => {
  it('refuses connections with 4500, answers HTTP 500 naming the update, and writes nothing', async () => {
    const dataDir = tempDataDir()
    const first = await startTestServer({ dataDir })
    const id = await createNotice(first.url)
    await first.close()
    const corrupt = (await openDatabase({ dataDir })).notices
    await corrupt.appendUpdates([{ noticeId: id, update: Uint8Array.of(0, 0xff, 0xff, 0xff) }])
    const rowsBefore = await corrupt.loadUpdates(id)
    const recordBefore = await corrupt.getNotice(id)
    await corrupt.close()

    const server = await startTestServer({ dataDir })
    const socket = await openRaw(`${server.wsBase}/${id}`)
    const closed = await socket.closed()
    const get = await http(server.url, 'GET', `/api/notices/${id}`)
    const patch = await http(server.url, 'PATCH', `/api/notices/${id}`, { title: 'Overwrite attempt' })
    await server.close()

    expect(closed?.code).toBe(4500)
    expect(get.status).toBe(500)
    expect(get.body).toEqual({
      error: {
        status: 500,
        message: `Notice "${id}" could not be loaded from storage: its stored update 2 is unreadable`,
      },
    })
    expect(patch.status).toBe(500)
    expect(JSON.stringify(get.body)).not.toMatch(/at .*\.ts/)
    const after = (await openDatabase({ dataDir })).notices
    expect(await after.loadUpdates(id)).toEqual(rowsBefore)
    expect(await after.getNotice(id)).toEqual(recordBefore)
    await after.close()
  })
})
