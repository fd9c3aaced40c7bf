/**
 * Sessions and accounts through the front door: sign-in and its rate limit, sessions that expire
 * (the server's clock is injected) or are revoked (sign-out, an administrator, a disabled account),
 * open websockets that follow at once (4401, 4403 on a role change), the Origin check of the
 * websocket upgrade, and the accounts a server creates on its first start.
 */
import { once } from 'node:events'
import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { RawClient } from '../support/raw-client'
import { spawnServerProcess } from '../support/server-process'
import {
  cleanup,
  http,
  signIn,
  startChildServer,
  startTestServer,
  type TestServer,
  tempDataDir,
} from './harness'

afterEach(cleanup)

const PASSWORD = 'sessions-test-password'
const HOUR = 3_600_000

/** A server whose clock the test moves, with one notice shared with `ana` as `role`. */
async function setUp(role = 'editor', options: Parameters<typeof startTestServer>[0] = {}) {
  let time = Date.now()
  const clock = {
    now: () => time,
    advance: (ms: number) => {
      time += ms
    },
  }
  const server = await startTestServer({ now: clock.now, sessionCheckIntervalMs: 100, ...options })
  const notice = await http(server.url, 'POST', '/api/notices', { from: 'blank' })
  const id = (notice.body as { id: string }).id
  expect((await http(server.url, 'POST', '/api/users', { username: 'ana', password: PASSWORD })).status).toBe(
    201,
  )
  expect((await http(server.url, 'PUT', `/api/notices/${id}/members/ana`, { role })).status).toBe(200)
  return { server, id, clock }
}

const me = async (server: TestServer, cookie: string): Promise<number> =>
  (await http(server.url, 'GET', '/api/auth/me', undefined, { cookie })).status

async function connect(server: TestServer, id: string, cookie: string): Promise<RawClient> {
  const opened = await RawClient.open(`${server.url.replace(/^http/, 'ws')}/collab/${id}`, {
    cookie,
    origin: server.url,
  })
  if (!opened.client) throw new Error(`The upgrade was refused with HTTP ${opened.refused}`)
  expect(await opened.client.sync()).toBe(true)
  return opened.client
}

describe('signing in', () => {
  it('sets an HttpOnly SameSite=Lax session cookie and returns a token and the user', async () => {
    const { server } = await setUp()
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ANA', password: PASSWORD }),
    })
    expect(response.status).toBe(200)
    const cookie = response.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^convene_session=[A-Za-z0-9_-]{43}; /)
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Lax')
    expect(cookie).toContain('Path=/')
    expect(cookie).not.toContain('Secure')
    const body = (await response.json()) as { user: Record<string, unknown>; token: string }
    expect(body.user).toMatchObject({ username: 'ana', displayName: 'ana', isAdmin: false, disabled: false })
    expect(body.user).not.toHaveProperty('passwordHash')
    expect(body.token).toMatch(/^v1\./)
  })

  it('marks the cookie Secure when the request came over https through a proxy', async () => {
    const { server } = await setUp()
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ username: 'ana', password: PASSWORD }),
    })
    expect(response.headers.get('set-cookie')).toContain('Secure')
  })

  it('answers the same 401 for a wrong password and an unknown user, and 429 with Retry-After after 5 failures', async () => {
    const { server } = await setUp()
    const attempt = (username: string, password: string) =>
      http(server.url, 'POST', '/api/auth/login', { username, password }, {})
    const unknown = await attempt('nobody', 'whatever-password')
    expect(unknown.body).toEqual({ error: { status: 401, message: 'Wrong username or password' } })
    for (let i = 0; i < 5; i++) expect((await attempt('ana', `wrong-password-${i}`)).status).toBe(401)

    const locked = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ana', password: PASSWORD }),
    })

    expect(locked.status).toBe(429)
    expect(locked.headers.get('retry-after')).toBe('1')
    expect(((await locked.json()) as { error: { message: string } }).error.message).toMatch(
      /^Too many failed sign-ins for "ana": try again in \d+ s$/,
    )
  })

  it('lets the right password in once the backoff has passed, which doubles with each failure meanwhile', async () => {
    const { server, clock } = await setUp()
    const attempt = (password: string) =>
      http(server.url, 'POST', '/api/auth/login', { username: 'ana', password }, {})
    for (let i = 0; i < 6; i++) {
      expect((await attempt(`wrong-password-${i}`)).status).toBe(401)
      clock.advance(1000 * 2 ** Math.max(0, i - 4))
    }
    expect((await attempt('wrong-password-6')).status).toBe(401)
    const waiting = await attempt(PASSWORD)
    expect(waiting.status).toBe(429)
    expect((waiting.body as { error: { message: string } }).error.message).toMatch(/try again in 4 s$/)

    clock.advance(4000)

    expect((await attempt(PASSWORD)).status).toBe(200)
    expect((await attempt('wrong-password-after')).status).toBe(401)
    expect((await attempt(PASSWORD)).status).toBe(200)
  })

  it('backs off an address that sprays one password over many accounts, but not other addresses', async () => {
    const { server } = await setUp('editor', { trustedProxies: ['127.0.0.1'] })
    const from = (address: string, username: string, password: string) =>
      http(server.url, 'POST', '/api/auth/login', { username, password }, { 'x-forwarded-for': address })
    for (let i = 0; i < 20; i++) {
      expect((await from('198.51.100.7', `someone-${i}`, 'Winter2026!')).status).toBe(401)
    }

    const sprayer = await from('198.51.100.7', 'ana', PASSWORD)
    expect(sprayer.status).toBe(429)
    expect((sprayer.body as { error: { message: string } }).error.message).toMatch(
      /^Too many failed sign-ins from this address: try again in \d+ s$/,
    )
    expect((await from('203.0.113.9', 'ana', PASSWORD)).status).toBe(200)
  })

  it('ignores X-Forwarded-For from a client that is not a trusted proxy', async () => {
    const { server } = await setUp()
    for (let i = 0; i < 20; i++) {
      const forged = { 'x-forwarded-for': `192.0.2.${i}` }
      const answer = await http(
        server.url,
        'POST',
        '/api/auth/login',
        { username: `u-${i}`, password: 'x' },
        forged,
      )
      expect(answer.status).toBe(401)
    }

    const next = await http(
      server.url,
      'POST',
      '/api/auth/login',
      { username: 'ana', password: PASSWORD },
      { 'x-forwarded-for': '192.0.2.200' },
    )

    expect(next.status).toBe(429)
  })

  it('creates the administrator of ADMIN_USERNAME and ADMIN_PASSWORD, and demo accounts on a first start only', async () => {
    const dataDir = tempDataDir()
    const first = await startTestServer({ dataDir, demoAccounts: null })
    expect(first.demoAccounts.map((account) => [account.username, account.isAdmin, account.role])).toEqual([
      ['admin', true, null],
      ['amina', false, 'owner'],
      ['bruno', false, 'editor'],
      ['chen', false, 'reviewer'],
    ])
    const chen = first.demoAccounts.find((account) => account.username === 'chen')
    const { cookie } = await signIn(first.url, 'chen', chen?.password ?? '')
    const list = (await http(first.url, 'GET', '/api/notices', undefined, { cookie })).body as {
      role: string
    }[]
    expect(list.map((item) => item.role)).toEqual(['reviewer'])
    await first.close()

    const second = await startTestServer({ dataDir, demoAccounts: null })
    expect(second.demoAccounts).toEqual([])
  })

  it('prints the demo accounts once with the URL when main.ts starts on an empty database', async () => {
    const child = await startChildServer(tempDataDir())
    expect(child.output()).toMatch(/Demo accounts \(shown once; sign in at http:\/\/127\.0\.0\.1:\d+\):/)
    const password = /^ {2}amina +(\S+) +owner of the sample notice$/m.exec(child.output())?.[1]
    expect(password).toBeDefined()
    expect((await signIn(child.url, 'amina', password ?? '')).user.username).toBe('amina')
  })

  it('prints usable demo accounts on the first start that listens, after a start that failed on a taken port', async () => {
    const dataDir = tempDataDir()
    const taken = createServer()
    taken.listen(0, '127.0.0.1')
    await once(taken, 'listening')
    const address = taken.address()
    if (address === null || typeof address === 'string') throw new Error('expected a TCP address')
    try {
      const failed = spawnServerProcess({
        PORT: String(address.port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
      })
      const [code] = (await once(failed.child, 'exit')) as [number | null]
      expect(code).toBe(1)
      expect(failed.output()).toMatch(/EADDRINUSE/)
      expect(failed.output()).not.toMatch(/Demo accounts/)
    } finally {
      taken.close()
    }

    const child = await startChildServer(dataDir)
    expect(child.output()).toMatch(/Demo accounts \(shown once; sign in at http:\/\/127\.0\.0\.1:\d+\):/)
    const password = /^ {2}amina +(\S+) +owner of the sample notice$/m.exec(child.output())?.[1]
    expect(password).toBeDefined()
    expect((await signIn(child.url, 'amina', password ?? '')).user.username).toBe('amina')
  })
})

describe('a session', () => {
  it('ends after the idle timeout, closing its websockets with 4401', async () => {
    const { server, id, clock } = await setUp('editor', { sessionIdleMs: HOUR })
    const { cookie } = await signIn(server.url, 'ana', PASSWORD)
    const socket = await connect(server, id, cookie)
    clock.advance(HOUR - 1000)
    expect(await me(server, cookie)).toBe(200)

    clock.advance(HOUR + 1000)

    expect(await me(server, cookie)).toBe(401)
    expect((await socket.closed())?.code).toBe(4401)
  })

  it('ends at its absolute limit however much it is used', async () => {
    const { server, clock } = await setUp('editor', { sessionIdleMs: HOUR, sessionMaxMs: 3 * HOUR })
    const { cookie } = await signIn(server.url, 'ana', PASSWORD)
    for (let i = 0; i < 5; i++) {
      clock.advance(HOUR / 2)
      expect(await me(server, cookie)).toBe(200)
    }
    clock.advance(HOUR / 2 + 1000)
    expect(await me(server, cookie)).toBe(401)
  })

  it('ends at sign-out: the cookie is cleared, refused afterwards, and its websockets close with 4401', async () => {
    const { server, id } = await setUp()
    const { cookie } = await signIn(server.url, 'ana', PASSWORD)
    const socket = await connect(server, id, cookie)

    const response = await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie } })

    expect(response.status).toBe(204)
    expect(response.headers.get('set-cookie')).toMatch(/^convene_session=; Max-Age=0/)
    expect(await me(server, cookie)).toBe(401)
    expect(await socket.closed()).toEqual({ code: 4401, reason: 'Your session ended: sign in again' })
  })

  it('ends when an administrator revokes it or disables the account', async () => {
    const { server, id } = await setUp()
    const first = await signIn(server.url, 'ana', PASSWORD)
    const socket = await connect(server, id, first.cookie)
    expect((await http(server.url, 'DELETE', '/api/users/ana/sessions')).body).toEqual({ revoked: 1 })
    expect((await socket.closed())?.code).toBe(4401)
    expect(await me(server, first.cookie)).toBe(401)

    const second = await signIn(server.url, 'ana', PASSWORD)
    const again = await connect(server, id, second.cookie)
    expect((await http(server.url, 'PATCH', '/api/users/ana', { disabled: true })).status).toBe(200)
    expect((await again.closed())?.code).toBe(4401)
    const refused = await http(
      server.url,
      'POST',
      '/api/auth/login',
      { username: 'ana', password: PASSWORD },
      {},
    )
    expect(refused.body).toEqual({ error: { status: 403, message: 'The account "ana" is disabled' } })
  })

  it('gives a token that opens a websocket without a cookie or Origin, for a minute only', async () => {
    const { server, id, clock } = await setUp()
    const { token } = await signIn(server.url, 'ana', PASSWORD)
    const url = `${server.url.replace(/^http/, 'ws')}/collab/${id}?token=${encodeURIComponent(token)}`
    const opened = await RawClient.open(url, {})
    expect(opened.refused).toBeNull()
    expect(await opened.client?.sync()).toBe(true)

    clock.advance(61_000)
    expect((await RawClient.open(url, {})).refused).toBe(401)
    expect((await RawClient.open(`${url.slice(0, -4)}abcd`, {})).refused).toBe(401)
    // The connection it opened lives on with its session.
    expect(await opened.client?.outcome()).toBe('ok')
  })
})

describe('the access token on the HTTP API', () => {
  it('authenticates as a bearer token, for clients without cookies', async () => {
    const { server, id, clock } = await setUp()
    const { token } = await signIn(server.url, 'ana', PASSWORD)
    const bearer = { authorization: `Bearer ${token}` }
    const read = await http(server.url, 'GET', `/api/notices/${id}`, undefined, bearer)
    expect((read.body as { role: string }).role).toBe('editor')
    expect((await http(server.url, 'POST', '/api/notices', { from: 'blank' }, bearer)).status).toBe(201)
    clock.advance(61_000)
    expect((await http(server.url, 'GET', `/api/notices/${id}`, undefined, bearer)).status).toBe(401)
  })
})

describe('the websocket upgrade', () => {
  it('is refused with HTTP 403 from another site’s page or without an Origin, and 401 without a session', async () => {
    const { server, id } = await setUp()
    const { cookie } = await signIn(server.url, 'ana', PASSWORD)
    const url = `${server.url.replace(/^http/, 'ws')}/collab/${id}`

    const crossSite = await RawClient.open(url, { cookie, origin: 'https://evil.example' })
    const noOrigin = await RawClient.open(url, { cookie })
    const anonymous = await RawClient.open(url, { origin: server.url })

    expect(crossSite.refused).toBe(403)
    expect(noOrigin.refused).toBe(403)
    expect(anonymous.refused).toBe(401)
  })

  it('accepts the origins of ALLOWED_ORIGINS instead of its own', async () => {
    const { server, id } = await setUp('editor', { allowedOrigins: ['https://convene.example.org'] })
    const { cookie } = await signIn(server.url, 'ana', PASSWORD)
    const url = `${server.url.replace(/^http/, 'ws')}/collab/${id}`
    const allowed = await RawClient.open(url, { cookie, origin: 'https://convene.example.org' })
    expect(allowed.refused).toBeNull()
    allowed.client?.close()
    expect((await RawClient.open(url, { cookie, origin: server.url })).refused).toBe(403)
  })
})

describe('a role change', () => {
  it('closes the open connection with 4403, and the reconnection acts under the new role', async () => {
    const { server, id } = await setUp('editor')
    const { cookie } = await signIn(server.url, 'ana', PASSWORD)
    const socket = await connect(server, id, cookie)
    socket.change((doc) => doc.getMap('meta').set('title', 'Écrit en éditrice'))
    expect(await socket.outcome()).toBe('ok')

    expect((await http(server.url, 'PUT', `/api/notices/${id}/members/ana`, { role: 'viewer' })).status).toBe(
      200,
    )

    expect(await socket.closed()).toEqual({
      code: 4403,
      reason: 'Your role on this notice changed to viewer: reconnect to continue as viewer',
    })
    const again = await connect(server, id, cookie)
    again.change((doc) => doc.getMap('meta').set('title', 'Écrit en lectrice'))
    expect(await again.outcome()).toBe('4403')
    expect(again.denied).toEqual([
      "Permission denied: a viewer cannot change the notice's text or metadata (it carries new content)",
    ])

    expect((await http(server.url, 'DELETE', `/api/notices/${id}/members/ana`)).status).toBe(204)
    const gone = await RawClient.open(`${server.url.replace(/^http/, 'ws')}/collab/${id}`, {
      cookie,
      origin: server.url,
    })
    expect(await gone.client?.closed()).toEqual({ code: 4404, reason: `There is no notice "${id}"` })
    expect((await http(server.url, 'GET', `/api/notices/${id}`, undefined, { cookie })).status).toBe(404)
  })

  it('keeps at least one owner on every notice', async () => {
    const { server, id } = await setUp('owner')
    const members = (await http(server.url, 'GET', `/api/notices/${id}/members`)).body as {
      username: string
    }[]
    const creator = members.find((member) => member.username !== 'ana')?.username
    expect((await http(server.url, 'DELETE', `/api/notices/${id}/members/${creator}`)).status).toBe(204)
    const last = await http(server.url, 'PUT', `/api/notices/${id}/members/ana`, { role: 'editor' })
    expect(last.body).toEqual({
      error: {
        status: 409,
        message: 'A notice must keep at least one owner: make someone else an owner first',
      },
    })
  })
})
