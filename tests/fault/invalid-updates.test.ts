/**
 * An editor cannot break a notice for everyone: updates that would leave it invalid (an element,
 * attribute or mark the schema does not know, elements nested 400 deep, metadata that PATCH would
 * refuse) are refused over a real websocket with close code 4422 and a y-protocols message naming
 * the problem; nothing of them is stored or relayed, and the notice still reads and exports over
 * HTTP while honest editors keep working.
 */
import { CONTENT_FIELD, META_MAP } from '@convene/schema'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  type Client,
  cleanup,
  connectClient,
  contentOf,
  createNotice,
  type FaultServer,
  noticeUrl,
  paragraph,
  startServer,
  storedContent,
  storedRows,
  waitFor,
} from './fault-harness'
import { ALL_READABLE, changeOf, readStatuses, sendUpdate } from './notice-probes'

let server: FaultServer
let noticeId: string
let url: string
let writer: Client
let reader: Client

beforeAll(async () => {
  server = await startServer()
  noticeId = await createNotice(server)
  url = await noticeUrl(server, noticeId)
  writer = await connectClient(server, noticeId, 'honest writer')
  reader = await connectClient(server, noticeId, 'honest reader')
  writer.doc.getXmlFragment(CONTENT_FIELD).insert(0, [paragraph('Ordre du jour provisoire')])
  await waitFor(() => contentOf(reader.doc).includes('Ordre du jour provisoire'), 'the honest reader to sync')
})

afterAll(cleanup)

const content = (doc: Y.Doc): Y.XmlFragment => doc.getXmlFragment(CONTENT_FIELD)
const firstParagraph = (doc: Y.Doc): Y.XmlElement => content(doc).get(0) as Y.XmlElement

/** Elements `depth` deep (lists in list items), built one level per transaction. */
function nest(doc: Y.Doc, depth: number): void {
  let parent: Y.XmlFragment = content(doc)
  for (let level = 0; level < depth; level += 2) {
    const list = new Y.XmlElement('bulletList')
    parent.insert(parent.length, [list])
    const item = new Y.XmlElement('listItem')
    list.insert(0, [item])
    item.insert(0, [paragraph(`level ${level}`)])
    parent = item
  }
}

const INVALID_CHANGES: { name: string; change: (doc: Y.Doc) => void; problem: string }[] = [
  {
    name: 'an element the schema does not know',
    change: (doc) => content(doc).insert(0, [new Y.XmlElement('agendaitem')]),
    problem: 'unknown element "agendaitem"',
  },
  {
    name: 'an onclick attribute',
    change: (doc) => firstParagraph(doc).setAttribute('onclick', 'alert(document.cookie)'),
    problem: 'unknown attribute "onclick" on paragraph',
  },
  {
    name: 'a bold: true mark',
    change: (doc) =>
      (firstParagraph(doc).get(0) as Y.XmlText).format(0, 5, { bold: true as unknown as object }),
    problem: 'mark bold cannot have boolean as attributes',
  },
  {
    name: 'elements nested 400 deep',
    change: (doc) => nest(doc, 400),
    problem: 'elements nested more than 32 deep',
  },
  {
    name: 'a language that is not a language tag',
    change: (doc) => doc.getMap(META_MAP).set('language', 'fr" onmouseover="alert(1)'),
    problem: 'language: expected one of "en", "fr", "es"',
  },
  {
    name: 'a meeting date that is no date',
    change: (doc) => doc.getMap(META_MAP).set('meetingDate', '2024-13-99'),
    problem: 'meetingDate: expected a date as YYYY-MM-DD, got "2024-13-99"',
  },
]

describe('updates that would leave the notice invalid', () => {
  it.each(INVALID_CHANGES)(
    'refuses $name with 4422 naming the problem, storing nothing',
    async ({ change, problem }) => {
      const rowsBefore = storedRows(server.dataDir, noticeId).length
      const contentBefore = await storedContent(server, noticeId)

      for (const syncType of [2, 1]) {
        const answer = await sendUpdate(url, changeOf(writer.doc, change), syncType)
        expect(answer.code).toBe(4422)
        expect(answer.denied).toContain(problem)
        expect(answer.reason).toMatch(/^Refused update: it would make the notice invalid/)
      }

      expect(storedRows(server.dataDir, noticeId)).toHaveLength(rowsBefore)
      expect(await storedContent(server, noticeId)).toBe(contentBefore)
      expect(await readStatuses(server, noticeId)).toEqual(ALL_READABLE)
      expect(reader.doc.getMap(META_MAP).get('language')).toBe('fr')
    },
  )

  it('accepts the same kinds of change when they are valid, and relays them', async () => {
    const answer = await sendUpdate(
      url,
      changeOf(writer.doc, (doc) => {
        content(doc).insert(1, [paragraph('Point ajouté')])
        ;(firstParagraph(doc).get(0) as Y.XmlText).format(0, 5, { bold: {} })
        nest(doc, 30)
        doc.getMap(META_MAP).set('meetingDate', '2024-03-19')
      }),
    )

    expect(answer).toEqual({ code: null, reason: '', denied: null })
    await waitFor(
      () =>
        contentOf(reader.doc).includes('Point ajouté') &&
        reader.doc.getMap(META_MAP).get('meetingDate') === '2024-03-19',
      'the reader to receive the valid change',
    )
    expect(await readStatuses(server, noticeId)).toEqual(ALL_READABLE)
  })

  it('keeps the honest editors connected and syncing', async () => {
    writer.doc.getXmlFragment(CONTENT_FIELD).insert(0, [paragraph('Toujours en ligne')])
    await waitFor(() => contentOf(reader.doc).includes('Toujours en ligne'), 'the honest reader to sync')
    expect(writer.closes).toEqual([])
    expect(reader.closes).toEqual([])
    expect(server.alive()).toBe(true)
  })
})
