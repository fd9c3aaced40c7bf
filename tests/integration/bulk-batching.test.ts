/**
 * The client's outgoing batching (client/src/editor/outgoing-batch.ts) against the real server's
 * message rate: a bulk command adding 300 agenda items, one transaction each, gets through a server
 * that closes unbatched senders with 4429 long before, and every item is stored.
 */
import { CONTENT_FIELD } from '@convene/schema'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { batchOutgoingUpdates } from '../../client/src/editor/outgoing-batch'
import { type Client, cleanup, connectClient, createNotice, http, startTestServer, waitFor } from './harness'

afterEach(cleanup)

const ITEMS = 300
/** Tighter than the default (200 a second, burst 400), so that 300 separate updates trip it. */
const RATE = { maxMessagesPerSecond: 20, maxMessageBurst: 40 }

function agendaItem(id: string): Y.XmlElement {
  const item = new Y.XmlElement('agendaItem')
  item.setAttribute('id', id)
  const title = new Y.XmlElement('agendaTitle')
  title.insert(0, [new Y.XmlText(`Bulk item ${id}`)])
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText('Added in bulk.')])
  item.insert(0, [title, paragraph])
  return item
}

/** Adds the items one transaction each, a few per millisecond tick, as a bulk command does. */
async function addItems(client: Client): Promise<void> {
  const fragment = client.doc.getXmlFragment(CONTENT_FIELD)
  for (let i = 0; i < ITEMS; i++) {
    fragment.insert(fragment.length, [agendaItem(`bulk-${i}`)])
    if (i % 5 === 4) await new Promise((resolve) => setTimeout(resolve, 2))
  }
}

function bulkItemsOf(client: Client): number {
  return client.doc.getXmlFragment(CONTENT_FIELD).toString().split('Bulk item bulk-').length - 1
}

describe('bulk commands and the message rate', () => {
  it('adds 300 items, one update each, through batching without a 4429 close, and the server stores them all', async () => {
    const server = await startTestServer(RATE)
    const id = await createNotice(server.url, { from: 'sample', language: 'fr' })
    const writer = await connectClient(server.wsBase, id)
    const batch = batchOutgoingUpdates(writer.provider)
    await addItems(writer)
    batch.flush()
    const reader = await connectClient(server.wsBase, id)
    await waitFor(() => bulkItemsOf(reader) === ITEMS, 'a second client to receive the 300 items')
    expect(writer.closes.map((close) => close.code)).not.toContain(4429)
    const stored = JSON.stringify((await http(server.url, 'GET', `/api/notices/${id}`)).body)
    expect(stored.split('Bulk item bulk-').length - 1).toBe(ITEMS)
  })

  it('is closed with 4429 by the same server when it sends the 300 updates unbatched (why batching exists)', async () => {
    const server = await startTestServer(RATE)
    const id = await createNotice(server.url, { from: 'sample', language: 'fr' })
    const writer = await connectClient(server.wsBase, id)
    await addItems(writer)
    await waitFor(() => writer.closes.some((close) => close.code === 4429), 'the server to close with 4429')
  })
})
