/**
 * The security headers and the metrics' access, through the real server: every page and API answer
 * carries a CSP that forbids framing, `nosniff` and a referrer policy; `GET /metrics` is served only
 * with METRICS_TOKEN's bearer token, or on a listener of its own (METRICS_PORT).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { cleanup, startTestServer, tempDataDir } from './harness'

afterEach(cleanup)

/** A built client of one page and one script, for the server to serve as the app. */
function fakeClientBuild(): string {
  const dir = join(tempDataDir(), 'dist')
  mkdirSync(join(dir, 'assets'), { recursive: true })
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><script type="module" src="/assets/app.js"></script>',
  )
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("app")')
  return dir
}

function expectHardened(response: Response): string {
  expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  expect(response.headers.get('referrer-policy')).toBe('same-origin')
  expect(response.headers.get('x-frame-options')).toBe('DENY')
  const csp = response.headers.get('content-security-policy') ?? ''
  expect(csp).toContain("frame-ancestors 'none'")
  return csp
}

describe('security headers', () => {
  it('are on the app pages, with a policy that allows only its own scripts and websockets', async () => {
    const server = await startTestServer({ clientDistDir: fakeClientBuild() })
    const { host } = new URL(server.url)

    for (const path of ['/', '/notices/some-id', '/assets/app.js']) {
      const response = await fetch(`${server.url}${path}`)
      expect(response.status, path).toBe(200)
      const csp = expectHardened(response)
      expect(csp).toContain("script-src 'self'")
      expect(csp).toContain(`connect-src 'self' ws://${host}`)
      expect(csp).not.toContain('unsafe-eval')
    }
  })

  it('are on every API answer, successes and errors alike, with a policy that loads nothing', async () => {
    const server = await startTestServer()
    const answers = await Promise.all([
      fetch(`${server.url}/api/health`),
      fetch(`${server.url}/api/notices`),
      fetch(`${server.url}/api/no-such-route`),
      fetch(`${server.url}/api/auth/login`, { method: 'POST', body: 'not json' }),
    ])
    expect(answers.map((answer) => answer.status)).toEqual([200, 401, 404, 400])
    for (const answer of answers) expect(expectHardened(answer)).toMatch(/^default-src 'none'/)
  })
})

describe('GET /metrics', () => {
  it('is not served on the public port without METRICS_TOKEN', async () => {
    const server = await startTestServer()
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404)
  })

  it('answers 401 without the METRICS_TOKEN bearer token or with a wrong one, and the metrics with it', async () => {
    const token = 'metrics-token-for-this-test'
    const server = await startTestServer({ metricsToken: token })
    const scrape = (authorization?: string) =>
      fetch(`${server.url}/metrics`, authorization ? { headers: { authorization } } : {})

    const without = await scrape()
    expect(without.status).toBe(401)
    expect(without.headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect((await scrape(`Bearer ${token}-wrong`)).status).toBe(401)
    const allowed = await scrape(`Bearer ${token}`)
    expect(allowed.status).toBe(200)
    expect(await allowed.text()).toMatch(/^convene_connections \d+$/m)
  })

  it('is served without a token on the METRICS_PORT listener only', async () => {
    const server = await startTestServer({ metricsPort: 0 })
    expect(server.metricsPort).not.toBeNull()

    const own = await fetch(`http://127.0.0.1:${server.metricsPort}/metrics`)

    expect(own.status).toBe(200)
    expect(await own.text()).toMatch(/^convene_open_notices \d+$/m)
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404)
  })
})
