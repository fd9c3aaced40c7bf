/**
 * A notice whose stored state is invalid, written straight into SQLite as from before the server
 * checked updates: it still reads over HTTP (200, with what could be read), exports as a draft in
 * every format, cannot be frozen (422 naming what the reader drops), and takes valid edits.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { READABLE_TEXT, storeInvalidNotice } from '../support/invalid-notice-state'
import { api, cleanup, type FaultServer, startServer, tempDir } from './fault-harness'
import { ALL_READABLE, readStatuses } from './notice-probes'

let server: FaultServer
const noticeId = randomUUID()

beforeAll(async () => {
  const dataDir = tempDir()
  await storeInvalidNotice(dataDir, noticeId)
  server = await startServer({ dataDir })
})

afterAll(cleanup)

describe('a notice stored invalid', () => {
  it('reads with 200 and what could be read, leaving out the unknown element, attribute, mark and metadata', async () => {
    const answer = await api(server, 'GET', `/api/notices/${noticeId}`)
    expect(answer.status).toBe(200)
    const { meta, content } = answer.body as { meta: Record<string, string>; content: unknown }
    const text = JSON.stringify(content)
    expect(text).toContain(READABLE_TEXT)
    expect(text).toContain('Cliquez ici')
    expect(text).not.toContain('Point inconnu')
    expect(text).not.toContain('onclick')
    expect(text).not.toContain('"bold"')
    expect(meta.language).toBeUndefined()
    expect(meta.meetingDate).toBeUndefined()
    expect(meta.title).toBeTruthy()
  })

  it('exports as a draft in every format', async () => {
    expect(await readStatuses(server, noticeId)).toEqual(ALL_READABLE)
  })

  it('cannot be frozen: 422 naming what the reader leaves out', async () => {
    const answer = await api(server, 'POST', `/api/notices/${noticeId}/revisions`, { freeze: true })
    expect(answer.status).toBe(422)
    const { message } = (answer.body as { error: { message: string } }).error
    expect(message).toContain('the strict reader refuses it: part of it cannot be read:')
    for (const part of [
      'language:',
      'meetingDate:',
      'mark bold',
      'unknown element "agendaitem"',
      '"onclick"',
    ]) {
      expect(message).toContain(part)
    }
  })

  it('takes a valid metadata change, after which it still reads', async () => {
    const patched = await api(server, 'PATCH', `/api/notices/${noticeId}`, { language: 'en' })
    expect(patched.status, patched.text).toBe(200)
    expect(await readStatuses(server, noticeId)).toEqual(ALL_READABLE)
  })
})
