/**
 * The HTTP contract through the front door: every route of a real server answers a body that
 * @convene/protocol's schema for that route accepts (the schemas are strict, so a field added,
 * renamed or dropped on the server fails here), and a request with a bad field is refused with the
 * error body naming that field as `field`, which is what the client's forms read.
 */
import {
  apiErrorBodySchema,
  archiveNoticeResponseSchema,
  authSessionSchema,
  compareResultSchema,
  duplicateNoticeResponseSchema,
  healthBodySchema,
  memberListSchema,
  memberSchema,
  noContentSchema,
  noticeDetailSchema,
  noticeLibraryListSchema,
  noticeRecordSchema,
  parseSymbolResponseSchema,
  publicUserSchema,
  readyBodySchema,
  restoreResultSchema,
  revisionDetailSchema,
  revisionSummarySchema,
  revisionTimelineSchema,
  revokedSessionsSchema,
  speakerSearchResponseSchema,
  userListSchema,
  userSearchResponseSchema,
} from '@convene/protocol'
import { afterEach, describe, expect, it } from 'vitest'
import type { JsonResponse } from '../support/server-api'
import { cleanup, createNotice, http, signIn, startTestServer, type TestServer } from './harness'

afterEach(cleanup)

/** A route's answer schema: what `safeParse` of a zod schema gives. */
type AnswerSchema<T> = {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { message: string } }
}

/** Calls `method path` as the harness administrator; checks the status and parses the body with `schema`. */
async function call<T>(
  server: TestServer,
  method: string,
  path: string,
  status: number,
  schema: AnswerSchema<T>,
  body?: unknown,
): Promise<T> {
  const answer = await http(server.url, method, path, body)
  expect(answer.status, `${method} ${path}: ${answer.text}`).toBe(status)
  const parsed = schema.safeParse(answer.body)
  if (!parsed.success) throw new Error(`${method} ${path} answered ${answer.text}: ${parsed.error.message}`)
  return parsed.data
}

/** The error body of `answer`, parsed with the protocol's schema. */
function errorOf(answer: JsonResponse, what: string) {
  const parsed = apiErrorBodySchema.safeParse(answer.body)
  if (!parsed.success) throw new Error(`${what} answered ${answer.status} ${answer.text}: not an error body`)
  return parsed.data.error
}

const RITA = { username: 'rita', password: 'rita-contract-password', displayName: 'Rita Okafor' }
const RITA_LOGIN = { username: RITA.username, password: RITA.password }

describe('HTTP contract', () => {
  it('answers every route with the body its @convene/protocol schema describes', async () => {
    const server = await startTestServer()
    await call(server, 'GET', '/api/health', 200, healthBodySchema)
    await call(server, 'GET', '/api/ready', 200, readyBodySchema)

    // Sessions and accounts.
    await call(server, 'GET', '/api/auth/me', 200, authSessionSchema)
    const login = await http(server.url, 'POST', '/api/auth/login', RITA_LOGIN, {})
    expect(login.status).toBe(401)
    errorOf(login, 'a refused sign-in')
    const rita = await call(server, 'POST', '/api/users', 201, publicUserSchema, RITA)
    expect(rita).toMatchObject({ username: 'rita', displayName: 'Rita Okafor', isAdmin: false })
    expect(
      (await call(server, 'GET', '/api/users', 200, userListSchema)).map((user) => user.username),
    ).toContain('rita')
    await call(server, 'PATCH', '/api/users/rita', 200, publicUserSchema, { displayName: 'Rita O.' })
    const session = await signIn(server.url, RITA.username, RITA.password)
    const answer = await http(server.url, 'POST', '/api/auth/login', RITA_LOGIN, {})
    expect(authSessionSchema.parse(answer.body).user.id).toBe(rita.id)
    expect(await call(server, 'DELETE', '/api/users/rita/sessions', 200, revokedSessionsSchema)).toEqual({
      revoked: 2,
    })
    const logout = await http(server.url, 'POST', '/api/auth/logout', undefined, { cookie: session.cookie })
    expect(logout.status).toBe(204)
    expect(noContentSchema.safeParse(logout.body).success).toBe(true)

    // Notices.
    const created = await call(server, 'POST', '/api/notices', 201, noticeRecordSchema, { from: 'sample' })
    const id = created.id
    const path = `/api/notices/${id}`
    const list = await call(server, 'GET', '/api/notices?sort=title', 200, noticeLibraryListSchema)
    expect(list.map((notice) => notice.id)).toContain(id)
    expect(await call(server, 'GET', path, 200, noticeDetailSchema)).toMatchObject({
      id,
      duplicatedFrom: null,
    })
    await call(server, 'PATCH', path, 200, noticeRecordSchema, { title: 'Contract meeting' })

    // Members.
    const member = await call(server, 'PUT', `${path}/members/rita`, 200, memberSchema, { role: 'editor' })
    expect(member).toMatchObject({ username: 'rita', role: 'editor' })
    expect((await call(server, 'GET', `${path}/members`, 200, memberListSchema)).length).toBeGreaterThan(0)
    await call(server, 'DELETE', `${path}/members/rita`, 204, noContentSchema)

    // Revisions, comparing, restoring, freezing.
    const first = await call(server, 'POST', `${path}/revisions`, 201, revisionSummarySchema, {
      label: 'First',
    })
    expect(first).toMatchObject({ kind: 'named', label: 'First', frozen: false })
    await call(server, 'PATCH', path, 200, noticeRecordSchema, { title: 'Changed after the first' })
    const timeline = await call(server, 'GET', `${path}/revisions`, 200, revisionTimelineSchema)
    expect(timeline.revisions.find((revision) => revision.rev === first.rev)).toMatchObject({
      label: 'First',
      authorName: expect.any(String),
    })
    await call(server, 'GET', `${path}/revisions/${first.rev}`, 200, revisionDetailSchema)
    await call(server, 'PATCH', `${path}/revisions/${first.rev}`, 200, revisionSummarySchema, {
      label: 'Renamed',
    })
    const compared = await call(
      server,
      'GET',
      `${path}/compare?from=${first.rev}&to=live`,
      200,
      compareResultSchema,
    )
    expect(compared.diff.meta.map((change) => change.field)).toContain('title')
    const restored = await call(
      server,
      'POST',
      `${path}/revisions/${first.rev}/restore`,
      200,
      restoreResultSchema,
    )
    expect(restored).toMatchObject({ restoredFrom: first.rev, changed: true })
    const spare = await call(server, 'POST', `${path}/revisions`, 201, revisionSummarySchema, {
      label: 'Spare',
    })
    await call(server, 'DELETE', `${path}/revisions/${spare.rev}`, 204, noContentSchema)
    const frozen = await call(
      server,
      'POST',
      `${path}/revisions/${first.rev}/freeze`,
      200,
      revisionSummarySchema,
      {},
    )
    expect(frozen).toMatchObject({ kind: 'frozen', frozen: true, label: 'Rev.1' })

    // Exports are files; their refusals are error bodies.
    const file = await fetch(`${server.url}${path}/revisions/${first.rev}/export.html`, {
      headers: { cookie: (await signIn(server.url, 'harness-admin', 'harness-admin-password')).cookie },
    })
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toMatch(/^text\/html/)
    const badFormat = await http(server.url, 'GET', `${path}/revisions/${first.rev}/export.odt`)
    expect(errorOf(badFormat, 'an unknown export format').status).toBe(404)

    // Duplicating, symbols, deleting.
    const copy = await call(server, 'POST', `${path}/duplicate`, 201, duplicateNoticeResponseSchema, {})
    expect(copy.duplicatedFrom.notice).toBe(id)
    const symbol = await call(server, 'POST', '/api/symbols/parse', 200, parseSymbolResponseSchema, {
      symbol: 'WT/L/1',
    })
    expect(symbol.symbol).toBe('WT/L/1')
    const archived = await call(
      server,
      'POST',
      `/api/notices/${copy.id}/archive`,
      200,
      archiveNoticeResponseSchema,
      {
        archived: true,
      },
    )
    expect(archived).toMatchObject({ id: copy.id, archived: true })
    await call(server, 'GET', '/api/speakers', 200, speakerSearchResponseSchema)
    const found = await call(server, 'GET', '/api/users/search?q=harness', 200, userSearchResponseSchema)
    expect(found.users.map((user) => user.username)).toContain('harness-admin')
    await call(server, 'DELETE', `/api/notices/${copy.id}`, 204, noContentSchema)
    await call(server, 'DELETE', '/api/users/rita', 204, noContentSchema)

    // Refusals of every kind are error bodies.
    for (const [method, route, headers] of [
      ['GET', '/api/nothing-here', undefined],
      ['GET', '/api/notices/ghost', undefined],
      ['GET', '/api/notices', {}],
    ] as const) {
      errorOf(await http(server.url, method, route, undefined, headers), `${method} ${route}`)
    }
  })

  it('refuses a bad request field with 400 or 422 naming it as the error field', async () => {
    const server = await startTestServer()
    const id = await createNotice(server.url)
    const path = `/api/notices/${id}`
    await http(server.url, 'POST', '/api/users', RITA)
    await http(server.url, 'POST', `${path}/revisions`, { label: 'Draft' })
    const cases: [string, string, unknown, number, string][] = [
      ['POST', '/api/notices', { from: 'copy' }, 400, 'from'],
      ['POST', '/api/notices', { meta: { meetingDate: '19/03/2024' } }, 400, 'meta.meetingDate'],
      ['PATCH', path, { meetingDate: 'tomorrow' }, 400, 'meetingDate'],
      ['POST', '/api/users', { username: 'Not A Name', password: 'long-enough-password' }, 400, 'username'],
      ['POST', '/api/users', { username: 'newcomer', password: 'short' }, 400, 'password'],
      [
        'POST',
        '/api/users',
        { username: 'newcomer', password: 'long-enough-password', displayName: ' ' },
        400,
        'displayName',
      ],
      ['POST', '/api/users', RITA, 409, 'username'],
      ['PATCH', '/api/users/rita', { isAdmin: 'yes' }, 400, 'isAdmin'],
      ['PATCH', '/api/users/rita', { password: 'short' }, 400, 'password'],
      ['PUT', `${path}/members/rita`, { role: 'chair' }, 400, 'role'],
      ['POST', `${path}/revisions`, { freeze: 'yes' }, 400, 'freeze'],
      ['POST', `${path}/revisions`, { colour: 'red' }, 400, 'colour'],
      ['POST', `${path}/revisions`, { label: '   ' }, 400, 'label'],
      ['PATCH', `${path}/revisions/1`, { label: 'x'.repeat(201) }, 400, 'label'],
      ['POST', `${path}/duplicate`, { fromRevision: 0 }, 400, 'fromRevision'],
      ['POST', '/api/auth/login', { username: '', password: 'x' }, 400, 'username'],
      ['POST', '/api/symbols/parse', { symbol: 5 }, 400, 'symbol'],
      ['POST', '/api/symbols/parse', { symbol: 'WT/L/1', organisation: 'ACME' }, 422, 'organisation'],
    ]
    for (const [method, route, body, status, field] of cases) {
      const answer = await http(server.url, method, route, body)
      const what = `${method} ${route} ${JSON.stringify(body)}`
      expect({ status: answer.status, field: errorOf(answer, what).field }, what).toEqual({ status, field })
    }
  })
})
