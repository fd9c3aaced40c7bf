/**
 * Storage at the edges of the server's life, against a server in a child process: a notice whose
 * stored log is corrupt (garbage written into the SQLite `updates` table of a stopped server)
 * must be refused loudly (4500, HTTP 500 naming the row) and never be written over, however
 * clients insist; and SIGTERM must store every update the server had received before it exits.
 */
import { join } from 'node:path'
import { encodeAwarenessMessage, encodeMessage } from '@convene/protocol'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { paragraphUpdate, rootCaret } from '../support/notice-content'
import {
  api,
  cleanup,
  closesWithin,
  connectClient,
  contentOf,
  createNotice,
  DATABASE_FILE,
  noticeUrl,
  openRaw,
  paragraph,
  sleep,
  startServer,
  storedContent,
  storedDoc,
  waitFor,
} from './fault-harness'

afterAll(cleanup)

type NoticeRows = { notice: unknown; updates: { seq: number; bytes: Buffer }[] }

/** Everything the database holds about `noticeIds`, byte for byte. */
function snapshot(dataDir: string, noticeIds: readonly string[]): NoticeRows[] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true })
  try {
    return noticeIds.map((id) => ({
      notice: db.prepare('SELECT * FROM notices WHERE id = ?').get(id),
      updates: db
        .prepare<[string], { seq: number; bytes: Buffer }>(
          'SELECT seq, bytes FROM updates WHERE notice_id = ? ORDER BY seq',
        )
        .all(id),
    }))
  } finally {
    db.close()
  }
}

describe('a notice whose stored log is corrupt', () => {
  it('refuses every connection with 4500 and every read with HTTP 500 naming the row, and its stored bytes never change', async () => {
    const first = await startServer()
    const corrupt = await createNotice(first)
    const empty = await createNotice(first)
    const healthy = await createNotice(first)
    const editor = await connectClient(first, corrupt, 'editor')
    for (let index = 0; index < 5; index++) {
      editor.doc.getXmlFragment('content').insert(0, [paragraph(`Point ${index}`)])
      await sleep(20)
    }
    await waitFor(
      () => storedDoc(first.dataDir, corrupt).getXmlFragment('content').toString().includes('Point 4'),
      'the edits to be stored',
    )
    editor.provider.destroy()
    expect(await first.signal('SIGTERM')).toBe(0)

    // Garbage in the middle of one log (the yjs#479 bytes), and an empty first row in another (yjs#498).
    const db = new Database(join(first.dataDir, DATABASE_FILE))
    const rows = snapshot(first.dataDir, [corrupt])[0]?.updates.length ?? 0
    expect(rows).toBeGreaterThan(3)
    const middle = Math.ceil(rows / 2)
    db.prepare('UPDATE updates SET bytes = ? WHERE notice_id = ? AND seq = ?').run(
      Buffer.from('garbagedoc', 'base64'),
      corrupt,
      middle,
    )
    db.prepare('UPDATE updates SET bytes = ? WHERE notice_id = ? AND seq = 1').run(Buffer.alloc(0), empty)
    db.close()
    const before = snapshot(first.dataDir, [corrupt, empty])

    const server = await first.restart()
    const insisting = [
      await connectClient(server, corrupt, 'insisting client', { synced: false }),
      await connectClient(server, empty, 'insisting client of the empty row', { synced: false }),
    ]
    // An edit sent at once, queued while the notice loads: it must never be applied anywhere.
    const writer = await openRaw(await noticeUrl(server, corrupt))
    writer.socket.send(encodeMessage({ type: 'update', update: paragraphUpdate('must never be stored') }))
    const writerClosed = await closesWithin(writer, 10_000)
    await waitFor(
      () => insisting.every((client) => client.closes.length >= 3),
      'each client to be refused three times',
    )
    const read = await api(server, 'GET', `/api/notices/${corrupt}`)
    const readEmpty = await api(server, 'GET', `/api/notices/${empty}`)
    const patch = await api(server, 'PATCH', `/api/notices/${corrupt}`, { title: 'Overwrite attempt' })
    const list = await api(server, 'GET', '/api/notices')
    const neighbour = await connectClient(server, healthy, 'client of a healthy notice')
    neighbour.doc.getXmlFragment('content').insert(0, [paragraph('the healthy notice works')])
    await waitFor(
      () =>
        storedDoc(server.dataDir, healthy)
          .getXmlFragment('content')
          .toString()
          .includes('the healthy notice works'),
      'the healthy notice to store its edit',
    )
    for (const client of insisting) client.provider.destroy()
    await sleep(200)
    expect(await server.signal('SIGTERM')).toBe(0)

    expect(writerClosed).toBe(true)
    expect(writer.closedWith?.code).toBe(4500)
    for (const client of insisting)
      expect(new Set(client.closes.map((close) => close.code))).toEqual(new Set([4500]))
    expect(read.status).toBe(500)
    expect(read.body).toMatchObject({
      error: {
        status: 500,
        message: `Notice "${corrupt}" could not be loaded from storage: its stored update ${middle} is unreadable`,
      },
    })
    expect(readEmpty.status).toBe(500)
    expect(readEmpty.text).toContain(`its stored update 1 is unreadable`)
    expect(read.text).not.toMatch(/at .*\.ts:\d+/)
    expect(patch.status).toBe(500)
    expect(list.status).toBe(200)
    expect(snapshot(first.dataDir, [corrupt, empty])).toEqual(before)
  })
})

describe('a server stopped with SIGTERM', () => {
  it('stores every update it had received before it exits with 0, even those still waiting for the disk', async () => {
    const server = await startServer()
    const noticeId = await createNotice(server)
    const writer = await openRaw(await noticeUrl(server, noticeId))
    const source = new Y.Doc()
    const updates: Uint8Array[] = []
    source.on('update', (update: Uint8Array) => updates.push(update))
    const fragment = source.getXmlFragment('content')
    const markers = Array.from({ length: 300 }, (_, index) => `sigterm-${index}`)
    // 6 KiB each, 1.8 MiB in all: read in one turn of the server's event loop and written in one
    // transaction after it, so that the writes are still pending when SIGTERM lands (SIGKILL in
    // its place loses most of them).
    const filler = ' lorem ipsum'.repeat(500)
    for (const marker of markers) fragment.insert(fragment.length, [paragraph(`${marker}${filler}`)])

    // Everything in one go, then a presence update: the server relays it to its sender too, and
    // handles one connection's messages in order, so its echo means every update was received.
    for (const update of updates) writer.socket.send(encodeMessage({ type: 'update', update }))
    writer.socket.send(
      encodeAwarenessMessage([{ clientId: source.clientID, clock: 1, state: { cursor: rootCaret(1) } }]),
    )
    await waitFor(
      () => writer.awareness.some((entry) => entry.clientId === source.clientID),
      'the echo of the presence update',
    )
    const exitCode = await server.signal('SIGTERM')

    expect(exitCode).toBe(0)
    expect(server.output()).toContain('SIGTERM received')
    const restarted = await server.restart()
    const content = await storedContent(restarted, noticeId)
    const missing = markers.filter((marker) => !content.includes(`"${marker} lorem`))
    expect(missing, `${missing.length} of ${markers.length} updates lost`).toEqual([])
    const reader = await connectClient(restarted, noticeId, 'reader')
    expect(contentOf(reader.doc)).toContain('sigterm-299')
  })
})
