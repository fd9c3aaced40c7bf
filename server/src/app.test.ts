import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { AccountService } from './accounts/account-service'
import { MembershipService } from './accounts/membership-service'
import { OriginPolicy } from './accounts/origin-policy'
import { SESSION_COOKIE } from './accounts/session-cookie'
import { createSessionToken, hashSessionToken } from './accounts/session-token'
import { createApp } from './app'
import type { ClientAssets } from './http/client-assets'
import { NoticeService } from './notices/notice-service'
import { createMemoryAccountStorage } from './storage/memory/memory-account-storage'
import type { RoomRegistry } from './sync/room-registry'
import { type ControlledStorage, controlledStorage } from './test/controlled-storage'
import { testRegistry } from './test/room-fixture'

/** The app, requested as a signed-in administrator (the session cookie is added to every request). */
type SignedInApp = { request(path: string, init?: RequestInit): Promise<Response> }

type Setup = { app: SignedInApp; storage: ControlledStorage; registry: RoomRegistry }

async function setup(clientAssets?: ClientAssets): Promise<Setup> {
  const storage = controlledStorage()
  const logger = pino({ level: 'silent' })
  const registry = testRegistry(storage, { unloadDelayMs: 10 })
  let next = 0
  const notices = new NoticeService({ storage, registry, createId: () => `n${++next}` })
  // A session stored directly (no password hashing): these tests are about the notices API.
  const accountStorage = createMemoryAccountStorage()
  await accountStorage.createUser({
    id: 'u-admin',
    username: 'admin',
    displayName: 'Admin',
    passwordHash: 'unused',
    isAdmin: true,
    disabled: false,
    createdAt: 0,
    updatedAt: 0,
  })
  const cookieToken = createSessionToken()
  const now = Date.now()
  await accountStorage.createSession({
    id: 's-admin',
    tokenHash: hashSessionToken(cookieToken),
    userId: 'u-admin',
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + 3_600_000,
  })
  const accounts = await AccountService.open({
    storage: accountStorage,
    sessionIdleMs: 3_600_000,
    sessionMaxMs: 3_600_000,
    accessTokenTtlMs: 60_000,
  })
  const memberships = new MembershipService({
    storage: accountStorage,
    events: accounts.events,
    noticeExists: async (id) => (await storage.getNotice(id)) !== null,
  })
  const hono = createApp({
    notices,
    storageKind: storage.kind,
    version: '9.9.9',
    logger,
    maxBodyBytes: 1024,
    clientAssets,
    accounts,
    memberships,
    origins: new OriginPolicy({ allowed: null }),
  })
  const app: SignedInApp = {
    request: async (path, init = {}) => {
      const headers = new Headers(init.headers)
      headers.set('cookie', `${SESSION_COOKIE}=${cookieToken}`)
      return hono.request(path, { ...init, headers })
    },
  }
  return { app, storage, registry }
}

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

describe('createApp', () => {
  it('answers the health check with the version and storage kind', async () => {
    const { app } = await setup()
    const response = await app.request('/api/health')
    expect(await response.json()).toEqual({ ok: true, version: '9.9.9', storage: 'controlled-memory' })
  })

  it('creates a blank notice in the requested language and lists it', async () => {
    const { app } = await setup()
    const created = await app.request('/api/notices', json({ from: 'blank', language: 'fr' }))
    expect(created.status).toBe(201)
    const notice = (await created.json()) as { id: string; meta: { language: string }; content: unknown }
    expect(notice.id).toBe('n1')
    expect(notice.meta.language).toBe('fr')
    expect(notice.content).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] })
    const list = (await (await app.request('/api/notices')).json()) as { id: string; language: string }[]
    expect(list).toEqual([expect.objectContaining({ id: 'n1', language: 'fr', title: '', symbol: '' })])
  })

  it('creates a blank notice from an empty body', async () => {
    const { app } = await setup()
    const created = await app.request('/api/notices', { method: 'POST' })
    expect(created.status).toBe(201)
    expect(((await created.json()) as { meta: { language: string } }).meta.language).toBe('en')
  })

  it('answers 400 naming the field when the create body is invalid', async () => {
    const { app } = await setup()
    const response = await app.request('/api/notices', json({ language: 'de' }))
    expect(response.status).toBe(400)
    const body = (await response.json()) as { error: { status: number; message: string } }
    expect(body.error.status).toBe(400)
    expect(body.error.message).toMatch(/^Invalid field "language": /)
  })

  it('answers 400 naming the metadata field when create metadata is invalid, and creates nothing', async () => {
    const { app, storage } = await setup()
    const response = await app.request('/api/notices', json({ meta: { meetingTime: '25:00' } }))
    expect(response.status).toBe(400)
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('meetingTime')
    expect(await storage.listNotices()).toEqual([])
  })

  it('answers 500 with a clear message, and no stack, when a metadata change cannot be stored', async () => {
    const { app, storage } = await setup()
    await app.request('/api/notices', json({}))
    storage.failAppendsFor = () => true

    const response = await app.request('/api/notices/n1', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Jamais stocké' }),
    })

    expect(response.status).toBe(500)
    expect(await response.json()).toEqual({
      error: { status: 500, message: 'The change to notice "n1" could not be stored' },
    })
    storage.failAppendsFor = null
    const stored = (await (await app.request('/api/notices/n1')).json()) as { meta: { title: string } }
    expect(stored.meta.title).toBe('')
  })

  it('answers 413 for a body over the limit', async () => {
    const { app } = await setup()
    const response = await app.request('/api/notices', json({ meta: { title: 'x'.repeat(2000) } }))
    expect(response.status).toBe(413)
    expect(await response.json()).toEqual({
      error: { status: 413, message: 'The request body exceeds the limit of 1024 bytes' },
    })
  })

  it('hides the details of an unexpected error behind a generic 500', async () => {
    const { app, storage } = await setup()
    storage.listNotices = async () => {
      throw new Error('SQLITE_IOERR: secret path /var/db')
    }
    const response = await app.request('/api/notices')
    expect(response.status).toBe(500)
    expect(await response.json()).toEqual({ error: { status: 500, message: 'Internal server error' } })
  })

  it('serves the client’s index.html for app URLs, and JSON 404s under /api', async () => {
    const assets: ClientAssets = {
      serveFile: async (_c, next) => next(),
      indexHtml: async () => '<title>Convene</title>',
    }
    const { app } = await setup(assets)
    expect(await (await app.request('/notices/abc')).text()).toBe('<title>Convene</title>')
    const api = await app.request('/api/notices/abc/extra')
    expect(api.status).toBe(404)
    expect(await api.json()).toEqual({
      error: { status: 404, message: 'There is no API route GET /api/notices/abc/extra' },
    })
  })

  it('says to run the build when there is no built client', async () => {
    const { app } = await setup({ serveFile: async (_c, next) => next(), indexHtml: async () => null })
    const response = await app.request('/')
    expect(response.status).toBe(200)
    expect(await response.text()).toMatch(/has not been built\. Run `pnpm build`/)
  })
})
