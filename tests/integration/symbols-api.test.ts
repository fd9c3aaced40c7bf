import { parseSymbolResponseSchema } from '@convene/protocol'
import { afterEach, describe, expect, it } from 'vitest'
import { cleanup, http, signIn, startTestServer } from './harness'

afterEach(cleanup)

describe('POST /api/symbols/parse', () => {
  it('answers the canonical symbol, its parts and its links for any signed-in user', async () => {
    const server = await startTestServer()
    await http(server.url, 'POST', '/api/users', { username: 'reader', password: 'reader-password-1' })
    const { cookie } = await signIn(server.url, 'reader', 'reader-password-1')

    const answer = await http(
      server.url,
      'POST',
      '/api/symbols/parse',
      { symbol: 'INF/MSME/4/REV. 2', language: 'fr' },
      { cookie },
    )
    expect(answer.status).toBe(200)
    const body = parseSymbolResponseSchema.parse(answer.body)
    expect(body.symbol).toBe('INF/MSME/4/Rev.2')
    expect(body.organisation).toBe('WTO')
    expect(body.parts).toEqual([
      { text: 'INF/MSME/4/Rev.2', segments: ['INF', 'MSME', '4'], suffixes: [{ kind: 'Rev', number: 2 }] },
    ])
    expect(body.links).toHaveLength(1)
    expect(body.links[0]?.url).toContain('docs.wto.org')
    expect(body.links[0]?.url).toContain('Language=French')
  })

  it('reads the organisation by its acronym in any case and links only to its own repository', async () => {
    const server = await startTestServer()
    const un = await http(server.url, 'POST', '/api/symbols/parse', {
      symbol: 'A/C.1/66/L.1/Rev.1',
      organisation: 'un',
      language: 'es',
    })
    expect(un.status).toBe(200)
    expect(un.body).toMatchObject({
      symbol: 'A/C.1/66/L.1/Rev.1',
      organisation: 'UN',
      links: [{ symbol: 'A/C.1/66/L.1/Rev.1', url: 'https://undocs.org/es/A/C.1/66/L.1/Rev.1' }],
    })

    const wipo = await http(server.url, 'POST', '/api/symbols/parse', {
      symbol: 'A/66/1 Prov. 1',
      organisation: 'Wipo',
    })
    expect(wipo.status).toBe(200)
    expect(wipo.body).toMatchObject({ symbol: 'A/66/1 Prov.1', organisation: 'WIPO', links: [] })
    expect(JSON.stringify(wipo.body)).not.toContain('docs.wto.org')
  })

  it('refuses a malformed symbol with 422 naming the bad part', async () => {
    const server = await startTestServer()
    const answer = await http(server.url, 'POST', '/api/symbols/parse', {
      symbol: 'EB147/1/Add.1',
      organisation: 'WHO',
    })
    expect(answer.status).toBe(422)
    expect(answer.body).toMatchObject({
      error: {
        status: 422,
        message:
          'Invalid document symbol "EB147/1/Add.1": suffix "Add.1" is written after a space in WHO symbols, as in "EB147/1 Add.1"',
      },
    })
  })

  it('refuses an organisation it does not know with 422, and a body without a symbol with 400', async () => {
    const server = await startTestServer()
    const unknown = await http(server.url, 'POST', '/api/symbols/parse', {
      symbol: 'WT/L/1',
      organisation: 'ACME',
    })
    expect(unknown.status).toBe(422)
    expect((unknown.body as { error: { message: string } }).error.message).toContain(
      'Unknown organisation "ACME"',
    )
    const missing = await http(server.url, 'POST', '/api/symbols/parse', { organisation: 'WTO' })
    expect(missing.status).toBe(400)
  })

  it('answers 401 to a visitor who is not signed in', async () => {
    const server = await startTestServer()
    const answer = await http(server.url, 'POST', '/api/symbols/parse', { symbol: 'WT/L/1' }, {})
    expect(answer.status).toBe(401)
  })
})
