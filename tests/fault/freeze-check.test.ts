/**
 * A frozen revision can never be changed or deleted, so freezing first reads the notice with the
 * strict reader and renders it in every export format, on the server's worker pool: content that
 * would not read or export (a link to a `data:` URL, a speaker without a name) is refused with 422
 * naming the step and the reason, and nothing is stored; what is frozen always exports.
 */
import { EXPORT_FORMATS } from '@convene/export'
import { CONTENT_FIELD } from '@convene/schema'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  api,
  type Client,
  cleanup,
  connectClient,
  createNotice,
  type FaultServer,
  startServer,
  storedContent,
  waitFor,
} from './fault-harness'

let server: FaultServer
let noticeId: string
let editor: Client

beforeAll(async () => {
  server = await startServer()
  noticeId = await createNotice(server)
  editor = await connectClient(server, noticeId, 'editor')
})

afterAll(cleanup)

type Revisions = { revisions: { rev: number; frozen: boolean; label: string | null }[] }

const revisionsOf = async (): Promise<Revisions['revisions']> =>
  ((await api(server, 'GET', `/api/notices/${noticeId}/revisions`)).body as Revisions).revisions

/** Puts `element` first in the notice over the editor's websocket, and waits until the server reads `marker`. */
async function insertFirst(element: Y.XmlElement, marker: string): Promise<void> {
  editor.doc.getXmlFragment(CONTENT_FIELD).insert(0, [element])
  await serverReads((content) => content.includes(marker), `the server to read ${marker}`)
}

/** Polls the notice as the server reads it until `condition` holds. */
async function serverReads(condition: (content: string) => boolean, what: string): Promise<void> {
  let content = await storedContent(server, noticeId)
  const reading = setInterval(() => {
    storedContent(server, noticeId).then(
      (read) => {
        content = read
      },
      () => {},
    )
  }, 50)
  try {
    await waitFor(() => condition(content), what)
  } finally {
    clearInterval(reading)
  }
}

/** A paragraph whose text links to `href`. */
function linkedParagraph(text: string, href: string): Y.XmlElement {
  const run = new Y.XmlText()
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [run])
  run.insert(0, text, { link: { href } })
  return paragraph
}

/** A paragraph holding a speaker whose name is empty. */
function namelessSpeaker(): Y.XmlElement {
  const speaker = new Y.XmlElement('speaker')
  speaker.setAttribute('name', '')
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText('Intervention de '), speaker])
  return paragraph
}

const removeFirst = async (marker: string): Promise<void> => {
  editor.doc.getXmlFragment(CONTENT_FIELD).delete(0, 1)
  await serverReads((content) => !content.includes(marker), `${marker} to go`)
}

describe('freezing', () => {
  it('refuses a notice holding a link to a data: URL with 422 naming the strict reader, by either route, storing nothing', async () => {
    await insertFirst(linkedParagraph('Annexe', 'data:text/html;base64,PHNjcmlwdD4='), 'data:text/html')
    const before = await revisionsOf()

    const direct = await api(server, 'POST', `/api/notices/${noticeId}/revisions`, { freeze: true })
    expect(direct.status).toBe(422)
    expect(direct.body).toEqual({
      error: {
        status: 422,
        message: expect.stringMatching(
          /cannot be frozen: the strict reader refuses it: .*a link needs an http\(s\) or mailto href, got "data:text\/html;base64,PHNjcmlwdD4="/,
        ),
      },
    })
    expect(await revisionsOf()).toEqual(before)

    const named = await api(server, 'POST', `/api/notices/${noticeId}/revisions`, { label: 'Avec annexe' })
    expect(named.status).toBe(201)
    const rev = (named.body as { rev: number }).rev
    const frozen = await api(server, 'POST', `/api/notices/${noticeId}/revisions/${rev}/freeze`, {})
    expect(frozen.status).toBe(422)
    expect((frozen.body as { error: { message: string } }).error.message).toContain('data:text/html')
    expect((await revisionsOf()).find((revision) => revision.rev === rev)).toMatchObject({
      frozen: false,
      label: 'Avec annexe',
    })
    await removeFirst('data:text/html')
  })

  it('refuses a speaker without a name the same way', async () => {
    await insertFirst(namelessSpeaker(), 'Intervention de')
    const answer = await api(server, 'POST', `/api/notices/${noticeId}/revisions`, { freeze: true })
    expect(answer.status).toBe(422)
    expect((answer.body as { error: { message: string } }).error.message).toMatch(
      /cannot be frozen: the strict reader refuses it: .*speaker/i,
    )
    await removeFirst('Intervention de')
  })

  it('freezes the notice once it reads strictly, and the frozen revision exports in every format', async () => {
    await insertFirst(linkedParagraph('Documents', 'https://docs.wto.org/'), 'https://docs.wto.org/')
    const answer = await api(server, 'POST', `/api/notices/${noticeId}/revisions`, { freeze: true })
    expect(answer.status).toBe(201)
    const { rev, label } = answer.body as { rev: number; label: string }
    expect(label).toBe('Rev.1')
    for (const format of Object.keys(EXPORT_FORMATS)) {
      const exported = await api(server, 'GET', `/api/notices/${noticeId}/revisions/${rev}/export.${format}`)
      expect(exported.status, `export.${format}`).toBe(200)
    }
  })
})
