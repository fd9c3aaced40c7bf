/**
 * The notice limits (MAX_NOTICE_ITEMS, MAX_NOTICE_BYTES) on the HTTP paths that create or grow a
 * notice, through the real server: over a limit the answer is 413 naming it, and nothing is stored.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { cleanup, createNotice, http, startTestServer, tempDataDir } from './harness'

afterEach(cleanup)

describe('notice limits', () => {
  it('refuse to create a notice over MAX_NOTICE_ITEMS with 413 naming the limit, and store nothing', async () => {
    const server = await startTestServer({ maxNoticeItems: 2 })
    const before = await http(server.url, 'GET', '/api/notices')

    const refused = await http(server.url, 'POST', '/api/notices', { from: 'sample' })

    expect(refused.status).toBe(413)
    expect((refused.body as { error: { message: string } }).error.message).toMatch(
      /^The notice would hold \d+ agenda items, over the limit of 2 \(MAX_NOTICE_ITEMS\)$/,
    )
    expect(await http(server.url, 'GET', '/api/notices')).toEqual(before)
  })

  it('refuse to create a notice over MAX_NOTICE_BYTES with 413 naming the limit', async () => {
    const server = await startTestServer({ maxNoticeBytes: 1024 })
    const refused = await http(server.url, 'POST', '/api/notices', { from: 'sample' })
    expect(refused.status).toBe(413)
    expect((refused.body as { error: { message: string } }).error.message).toMatch(
      /over the limit of 1024 bytes \(MAX_NOTICE_BYTES\)$/,
    )
  })

  it('refuse to restore a revision over the limits with 413, leaving the notice and its history as they were', async () => {
    const dataDir = tempDataDir()
    const first = await startTestServer({ dataDir })
    const id = await createNotice(first.url, { from: 'sample' })
    const rev = (await http(first.url, 'POST', `/api/notices/${id}/revisions`, { label: 'big' })).body as {
      rev: number
    }
    expect((await http(first.url, 'PATCH', `/api/notices/${id}`, { title: 'Changed since' })).status).toBe(
      200,
    )
    await first.close()
    // The same data, the limit lowered: the revision is now over it.
    const server = await startTestServer({ dataDir, maxNoticeItems: 2 })
    const history = await http(server.url, 'GET', `/api/notices/${id}/revisions`)

    const refused = await http(server.url, 'POST', `/api/notices/${id}/revisions/${rev.rev}/restore`)

    expect(refused.status).toBe(413)
    expect((refused.body as { error: { message: string } }).error.message).toMatch(/\(MAX_NOTICE_ITEMS\)$/)
    expect(
      ((await http(server.url, 'GET', `/api/notices/${id}`)).body as { meta: { title: string } }).meta.title,
    ).toBe('Changed since')
    expect(await http(server.url, 'GET', `/api/notices/${id}/revisions`)).toEqual(history)
  })
})
