import { describe, expect, it } from 'vitest'
import { OriginPolicy } from './origin-policy'

describe('OriginPolicy', () => {
  it('allows by default the origin of the Host the request was sent to, and the server’s own URL', () => {
    const policy = new OriginPolicy({ allowed: null })
    policy.addOwnOrigin('http://127.0.0.1:8787')
    expect(policy.allows('http://notices.example:8080', 'notices.example:8080')).toBe(true)
    expect(policy.allows('https://notices.example', 'notices.example')).toBe(true)
    expect(policy.allows('http://127.0.0.1:8787', 'proxy.internal')).toBe(true)
    expect(policy.allows('https://evil.example', 'notices.example')).toBe(false)
    expect(policy.allows('null', 'notices.example')).toBe(false)
    expect(policy.allows('http://notices.example', undefined)).toBe(false)
  })

  it('allows only ALLOWED_ORIGINS when they are configured', () => {
    const policy = new OriginPolicy({ allowed: ['https://Convene.example.org'] })
    expect(policy.allows('https://convene.example.org', 'internal:8787')).toBe(true)
    expect(policy.allows('http://internal:8787', 'internal:8787')).toBe(false)
  })
})
