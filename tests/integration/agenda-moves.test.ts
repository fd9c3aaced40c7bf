/**
 * Agenda moves through the real server with stock y-websocket clients (plain Y.Docs that re-apply
 * nothing themselves): the server re-applies what one editor typed offline in an item that another
 * editor moved meanwhile, stores it, and both clients end with the text once, inside the moved item;
 * and when both editors move the same item at once, one copy of it stays, holding what both typed.
 */
import { CONTENT_FIELD, findAgendaElement, moveAgendaItem } from '@convene/schema'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { cleanup, connectClient, contentOf, createNotice, http, startTestServer, waitFor } from './harness'

afterEach(cleanup)

const ITEM = 'msme-accession'
const TYPED = 'Typed offline by B'

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1
}

function appendParagraph(element: Y.XmlElement, text: string): void {
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(text)])
  element.insert(1, [paragraph])
}

describe('agenda moves with concurrent offline typing', () => {
  it('keeps a paragraph typed offline in item 1 while another editor moves item 1 down, once, for both and on disk', async () => {
    const server = await startTestServer()
    const id = await createNotice(server.url, { from: 'sample', language: 'fr' })
    const a = await connectClient(server.wsBase, id)
    const b = await connectClient(server.wsBase, id)
    b.provider.disconnect()
    const itemAtB = findAgendaElement(b.doc.getXmlFragment(CONTENT_FIELD), ITEM) as Y.XmlElement
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(TYPED)])
    itemAtB.insert(1, [paragraph])

    expect(moveAgendaItem(a.doc.getXmlFragment(CONTENT_FIELD), ITEM, 'down', 'a')).toBe(true)
    await waitFor(() => findAgendaElement(a.doc.getXmlFragment(CONTENT_FIELD), ITEM) !== null, 'the move')
    b.provider.connect()

    await waitFor(
      () => contentOf(a.doc) === contentOf(b.doc) && contentOf(a.doc).includes(TYPED),
      "both clients to hold B's paragraph",
    )
    for (const client of [a, b]) {
      const fragment = client.doc.getXmlFragment(CONTENT_FIELD)
      expect(occurrences(contentOf(client.doc), TYPED)).toBe(1)
      expect(findAgendaElement(fragment, ITEM)?.toString()).toContain(TYPED)
      // Item 1 is second now: the first top-level item is the old item 2.
      const items = fragment
        .toArray()
        .filter((node) => node instanceof Y.XmlElement && node.nodeName === 'agendaItem')
      expect((items[1] as Y.XmlElement).getAttribute('id')).toBe(ITEM)
    }
    const stored = await http(server.url, 'GET', `/api/notices/${id}`)
    expect(occurrences(JSON.stringify(stored.body), TYPED)).toBe(1)
  })

  it('keeps one copy of item 1 when two editors move it at once, one of them offline, with what each typed in it, for both and on disk', async () => {
    const server = await startTestServer()
    const id = await createNotice(server.url, { from: 'sample', language: 'fr' })
    const a = await connectClient(server.wsBase, id)
    const b = await connectClient(server.wsBase, id)
    b.provider.disconnect()
    expect(moveAgendaItem(b.doc.getXmlFragment(CONTENT_FIELD), ITEM, 'down', 'b')).toBe(true)
    appendParagraph(findAgendaElement(b.doc.getXmlFragment(CONTENT_FIELD), ITEM) as Y.XmlElement, TYPED)
    expect(moveAgendaItem(a.doc.getXmlFragment(CONTENT_FIELD), ITEM, 'down', 'a')).toBe(true)
    appendParagraph(
      findAgendaElement(a.doc.getXmlFragment(CONTENT_FIELD), ITEM) as Y.XmlElement,
      'Typed online by A',
    )
    b.provider.connect()

    await waitFor(
      () =>
        contentOf(a.doc) === contentOf(b.doc) &&
        contentOf(a.doc).includes(TYPED) &&
        occurrences(contentOf(a.doc), `id="${ITEM}"`) === 1,
      'both clients to hold one copy of item 1',
    )
    for (const client of [a, b]) {
      const item = findAgendaElement(client.doc.getXmlFragment(CONTENT_FIELD), ITEM)?.toString() ?? ''
      expect(occurrences(contentOf(client.doc), `id="${ITEM}"`)).toBe(1)
      expect(occurrences(item, TYPED)).toBe(1)
      expect(occurrences(item, 'Typed online by A')).toBe(1)
    }
    const stored = JSON.stringify((await http(server.url, 'GET', `/api/notices/${id}`)).body)
    expect(occurrences(stored, TYPED)).toBe(1)
    expect(occurrences(stored, 'Typed online by A')).toBe(1)
  })
})
