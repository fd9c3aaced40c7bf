import { type Context, Hono } from 'hono'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { NoticeService } from '../notices/notice-service'
import { RevisionService } from '../revisions/revision-service'
import { createMemoryRevisionStorage } from '../storage/memory/memory-revisions'
import type { RevisionStorage } from '../storage/revision-storage'
import { controlledStorage } from '../test/controlled-storage'
import { testRegistry } from '../test/room-fixture'
import { ApiError, errorBody, toApiError } from './api-error'
import { type RevisionAccess, revisionRoutes } from './revision-routes'

type Setup = { app: Hono; id: string; checks: string[]; revisionStorage: RevisionStorage }

/**
 * The revision routes at `/api/notices` with the app's error handling, over memory storages with
 * one sample notice; every access check is recorded, `forbid` refuses one kind of access with a
 * 403, and the signed-in user is "ana". PATCH `/api/notices/:id` changes the title (a stand-in for
 * the notice routes).
 */
async function setup(options: { forbid?: RevisionAccess; tamper?: boolean } = {}): Promise<Setup> {
  const storage = controlledStorage()
  const _logger = pino({ level: 'silent' })
  const registry = testRegistry(storage, { unloadDelayMs: 10 })
  const inner = createMemoryRevisionStorage({ notices: storage })
  const revisionStorage: RevisionStorage = options.tamper
    ? {
        ...inner,
        loadRevisionState: async (noticeId, rev) => inner.loadRevisionState(noticeId, rev === 1 ? 2 : rev),
      }
    : inner
  const revisions = new RevisionService({ revisions: revisionStorage, storage, registry })
  const notices = new NoticeService({ storage, registry, createId: () => 'n1' })
  const checks: string[] = []
  const app = new Hono()
  app.onError((error, c) => {
    const apiError = toApiError(error)
    return c.json(errorBody(apiError), apiError.status)
  })
  app.patch('/api/notices/:id', async (c) =>
    c.json(await notices.patchMeta(c.req.param('id'), await c.req.json())),
  )
  app.route(
    '/api/notices',
    revisionRoutes({
      revisions,
      authorize: async (_c: Context, noticeId: string, need: RevisionAccess) => {
        checks.push(`${need} ${noticeId}`)
        if (need === options.forbid)
          throw new ApiError(403, `You may not ${need} the revisions of "${noticeId}"`)
      },
      currentUserId: () => 'ana',
    }),
  )
  const { id } = await notices.create({ from: 'sample' })
  return { app, id, checks, revisionStorage }
}

async function call(app: Hono, method: string, path: string, body?: unknown) {
  const response = await app.request(path, {
    method,
    ...(body === undefined
      ? {}
      : {
          headers: { 'content-type': 'application/json' },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
  })
  const text = await response.text()
  // An empty body (204) reads as {}.
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> }
}

/** The error body; `field` names the refused request body field, when there is one. */
const errorOf = (status: number, message: string, field?: string) => ({
  error: field === undefined ? { status, message } : { status, message, field },
})

// Each freeze renders the notice in every format first (freeze-check.ts), in this thread.
describe('revision routes', { timeout: 20_000 }, () => {
  it('takes, lists and reads revisions, with the signed-in user as author', async () => {
    const { app, id } = await setup()
    const created = await call(app, 'POST', `/api/notices/${id}/revisions`, { label: 'Avant la réunion' })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      rev: 1,
      kind: 'named',
      label: 'Avant la réunion',
      frozen: false,
      author: 'ana',
    })
    expect(created.body.hash).toMatch(/^[0-9a-f]{64}$/)
    expect((await call(app, 'POST', `/api/notices/${id}/revisions`)).body).toMatchObject({
      rev: 2,
      label: null,
    })

    const list = await call(app, 'GET', `/api/notices/${id}/revisions`)
    expect(list.status).toBe(200)
    expect((list.body.revisions as { rev: number }[]).map((revision) => revision.rev)).toEqual([2, 1])
    expect(list.body.nextFrozenLabel).toBe('Rev.1')

    const read = await call(app, 'GET', `/api/notices/${id}/revisions/1`)
    expect(read.status).toBe(200)
    expect(Object.keys(read.body ?? {}).sort()).toEqual(
      ['author', 'content', 'createdAt', 'frozen', 'hash', 'kind', 'label', 'meta', 'rev'].sort(),
    )
    expect((read.body.meta as { language: string }).language).toBe('fr')
  })

  it('freezes with the proposed Rev.n and then refuses every change to the frozen revision with a 409', async () => {
    const { app, id } = await setup()
    await call(app, 'POST', `/api/notices/${id}/revisions`)
    const frozen = await call(app, 'POST', `/api/notices/${id}/revisions/1/freeze`)
    expect(frozen.status).toBe(200)
    expect(frozen.body).toMatchObject({ rev: 1, kind: 'frozen', frozen: true, label: 'Rev.1' })

    const refusal = 'Revision 1 of notice "n1" is frozen: it cannot be changed or deleted'
    expect(await call(app, 'POST', `/api/notices/${id}/revisions/1/freeze`, { label: 'Rev.2' })).toEqual({
      status: 409,
      body: errorOf(409, 'Revision 1 of notice "n1" is already frozen as "Rev.1"'),
    })
    expect(await call(app, 'PATCH', `/api/notices/${id}/revisions/1`, { label: 'Renamed' })).toEqual({
      status: 409,
      body: errorOf(409, refusal),
    })
    expect(await call(app, 'DELETE', `/api/notices/${id}/revisions/1`)).toEqual({
      status: 409,
      body: errorOf(409, refusal),
    })
    expect((await call(app, 'GET', `/api/notices/${id}/revisions/1`)).body).toMatchObject({
      frozen: true,
      label: 'Rev.1',
    })

    expect(await call(app, 'POST', `/api/notices/${id}/revisions`, { freeze: true })).toEqual({
      status: 409,
      body: errorOf(
        409,
        'Notice "n1" is unchanged since it was frozen as "Rev.1": there is nothing new to freeze',
      ),
    })
    await call(app, 'PATCH', `/api/notices/${id}`, { title: 'Deuxième édition' })
    const second = await call(app, 'POST', `/api/notices/${id}/revisions`, { freeze: true, label: 'Rev.1' })
    expect(second).toEqual({
      status: 409,
      body: errorOf(409, 'Notice "n1" already has a frozen revision labelled "Rev.1"'),
    })
    expect((await call(app, 'POST', `/api/notices/${id}/revisions`, { freeze: true })).body).toMatchObject({
      // The refused revisions used up no number.
      rev: 2,
      label: 'Rev.2',
    })
  })

  it('names and deletes a revision that is not frozen', async () => {
    const { app, id } = await setup()
    await call(app, 'POST', `/api/notices/${id}/revisions`)
    expect(
      (await call(app, 'PATCH', `/api/notices/${id}/revisions/1`, { label: 'Draft 1' })).body,
    ).toMatchObject({
      label: 'Draft 1',
    })
    expect((await call(app, 'DELETE', `/api/notices/${id}/revisions/1`)).status).toBe(204)
    expect(await call(app, 'GET', `/api/notices/${id}/revisions/1`)).toEqual({
      status: 404,
      body: errorOf(404, 'Notice "n1" has no revision 1'),
    })
  })

  it('refuses with 422 a Rev.n label on a revision that is not frozen, and a label holding a CR or LF', async () => {
    const { app, id } = await setup()
    const labelError = (message: string) => errorOf(422, message, 'label')
    await call(app, 'POST', `/api/notices/${id}/revisions`, { freeze: true })
    const reserved = (label: string) =>
      labelError(
        `The revision label "${label}" is the pattern of frozen revisions (Rev.n): only a frozen revision can be labelled so`,
      )
    expect(await call(app, 'POST', `/api/notices/${id}/revisions`, { label: 'Rev.1' })).toEqual({
      status: 422,
      body: reserved('Rev.1'),
    })
    await call(app, 'PATCH', `/api/notices/${id}`, { title: 'Changed' })
    const draft = await call(app, 'POST', `/api/notices/${id}/revisions`, { label: 'Draft' })
    expect(draft.status).toBe(201)
    expect(
      await call(app, 'PATCH', `/api/notices/${id}/revisions/${draft.body.rev}`, { label: 'Rev. 2' }),
    ).toEqual({
      status: 422,
      body: reserved('Rev. 2'),
    })
    const broken = 'Draft\r\nX-Injected: 1'
    for (const [method, path, body] of [
      ['POST', `/api/notices/${id}/revisions`, { label: broken }],
      ['PATCH', `/api/notices/${id}/revisions/${draft.body.rev}`, { label: broken }],
      ['POST', `/api/notices/${id}/revisions/${draft.body.rev}/freeze`, { label: broken }],
    ] as const) {
      expect(await call(app, method, path, body), `${method} ${path}`).toEqual({
        status: 422,
        body: labelError(`The revision label ${JSON.stringify(broken)} contains control characters`),
      })
    }
    const timeline = (await call(app, 'GET', `/api/notices/${id}/revisions`)).body as {
      revisions: { label: string | null; frozen: boolean }[]
    }
    expect(timeline.revisions.map(({ label, frozen }) => ({ label, frozen }))).toEqual([
      { label: 'Draft', frozen: false },
      { label: 'Rev.1', frozen: true },
    ])
    // Frozen, a revision takes the Rev.n label.
    expect(
      (await call(app, 'POST', `/api/notices/${id}/revisions/${draft.body.rev}/freeze`, { label: 'Rev.2' }))
        .body,
    ).toMatchObject({
      label: 'Rev.2',
      frozen: true,
    })
  })

  it('compares two revisions and a revision with the live notice', async () => {
    const { app, id } = await setup()
    await call(app, 'POST', `/api/notices/${id}/revisions`)
    await call(app, 'PATCH', `/api/notices/${id}`, { title: 'Nouveau titre' })
    await call(app, 'POST', `/api/notices/${id}/revisions`, { label: 'retitled' })
    const compared = await call(app, 'GET', `/api/notices/${id}/compare?from=1&to=2`)
    expect(compared.status).toBe(200)
    expect(compared.body.from).toMatchObject({ rev: 1, label: null })
    expect(compared.body.to).toMatchObject({ rev: 2, label: 'retitled' })
    expect((compared.body.diff as { meta: unknown[] }).meta).toEqual([
      { field: 'title', from: expect.any(String), to: 'Nouveau titre' },
    ])
    const live = await call(app, 'GET', `/api/notices/${id}/compare?from=2&to=live`)
    expect(live.body.to).toMatchObject({
      rev: 'live',
      label: null,
      hash: (compared.body.to as { hash: string }).hash,
    })
    expect(live.body.diff).toEqual({ meta: [], preamble: [], items: [], summary: [] })
  })

  it('restores a revision and says which revisions it took', async () => {
    const { app, id } = await setup()
    const first = await call(app, 'POST', `/api/notices/${id}/revisions`)
    await call(app, 'PATCH', `/api/notices/${id}`, { title: 'Changed' })
    const restored = await call(app, 'POST', `/api/notices/${id}/revisions/1/restore`)
    expect(restored.status).toBe(200)
    expect(restored.body).toMatchObject({
      restoredFrom: 1,
      changed: true,
      before: { rev: 2, label: 'Before restoring rev 1', author: 'ana' },
      revision: { rev: 3, label: 'Restored rev 1', hash: first.body.hash },
    })
    const compared = await call(app, 'GET', `/api/notices/${id}/compare?from=1&to=live`)
    expect(compared.body.diff).toEqual({ meta: [], preamble: [], items: [], summary: [] })
  })

  it('answers 400 naming the parameter or field, and 404 for what does not exist', async () => {
    const { app, id } = await setup()
    await call(app, 'POST', `/api/notices/${id}/revisions`)
    expect(await call(app, 'GET', `/api/notices/${id}/revisions/abc`)).toEqual({
      status: 400,
      body: errorOf(
        400,
        'Invalid revision number (path parameter "rev") "abc": a revision number is a positive integer (1, 2, 3 …)',
      ),
    })
    expect((await call(app, 'POST', `/api/notices/${id}/revisions/0/freeze`)).status).toBe(400)
    expect(await call(app, 'GET', `/api/notices/${id}/compare?to=live`)).toEqual({
      status: 400,
      body: errorOf(400, 'Missing query parameter "from": a revision number is required'),
    })
    expect((await call(app, 'GET', `/api/notices/${id}/compare?from=1&to=latest`)).body).toEqual(
      errorOf(
        400,
        'Invalid query parameter "to" (a revision number or "live") "latest": a revision number is a positive integer (1, 2, 3 …)',
      ),
    )
    expect(await call(app, 'POST', `/api/notices/${id}/revisions`, { freeze: 'yes' })).toEqual({
      status: 400,
      body: errorOf(
        400,
        'Invalid field "freeze": Invalid input: expected boolean, received string',
        'freeze',
      ),
    })
    expect(await call(app, 'POST', `/api/notices/${id}/revisions`, { label: 'x', colour: 'red' })).toEqual({
      status: 400,
      body: errorOf(400, 'Unknown field "colour" in the request body', 'colour'),
    })
    expect(await call(app, 'POST', `/api/notices/${id}/revisions`, { label: '  ' })).toEqual({
      status: 400,
      body: errorOf(400, 'A revision label cannot be empty', 'label'),
    })
    expect(await call(app, 'GET', `/api/notices/${id}/revisions/9`)).toEqual({
      status: 404,
      body: errorOf(404, 'Notice "n1" has no revision 9'),
    })
    expect(await call(app, 'GET', '/api/notices/ghost/revisions')).toEqual({
      status: 404,
      body: errorOf(404, 'There is no notice with id "ghost"'),
    })
    expect((await call(app, 'POST', '/api/notices/ghost/revisions/1/restore')).status).toBe(404)
  })

  it('answers 500 naming the revision whose state fails its integrity check', async () => {
    const { app, id } = await setup({ tamper: true })
    await call(app, 'POST', `/api/notices/${id}/revisions`, { freeze: true })
    await call(app, 'PATCH', `/api/notices/${id}`, { title: 'Changed' })
    await call(app, 'POST', `/api/notices/${id}/revisions`)
    const failure = errorOf(500, 'Revision 1 of notice "n1" failed its integrity check')
    expect(await call(app, 'GET', `/api/notices/${id}/revisions/1`)).toEqual({ status: 500, body: failure })
    expect(await call(app, 'GET', `/api/notices/${id}/compare?from=1`)).toEqual({
      status: 500,
      body: failure,
    })
  })

  it('checks read access to read and compare, and edit access for everything else', async () => {
    const { app, id, checks } = await setup({ forbid: 'edit' })
    expect((await call(app, 'GET', `/api/notices/${id}/revisions`)).status).toBe(200)
    for (const [method, path] of [
      ['POST', `/api/notices/${id}/revisions`],
      ['PATCH', `/api/notices/${id}/revisions/1`],
      ['DELETE', `/api/notices/${id}/revisions/1`],
      ['POST', `/api/notices/${id}/revisions/1/freeze`],
      ['POST', `/api/notices/${id}/revisions/1/restore`],
    ] as const) {
      expect(
        await call(app, method, path, method === 'PATCH' ? { label: 'x' } : undefined),
        `${method} ${path}`,
      ).toEqual({
        status: 403,
        body: errorOf(403, `You may not edit the revisions of "${id}"`),
      })
    }
    expect((await call(app, 'GET', `/api/notices/${id}/compare?from=1`)).status).toBe(404)
    expect(checks).toEqual([
      `read ${id}`,
      `edit ${id}`,
      `edit ${id}`,
      `edit ${id}`,
      `edit ${id}`,
      `edit ${id}`,
      `read ${id}`,
    ])
  })
})
