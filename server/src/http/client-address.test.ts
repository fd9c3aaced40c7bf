import { describe, expect, it } from 'vitest'
import { TrustedProxies } from './client-address'

describe('TrustedProxies', () => {
  it('ignores X-Forwarded-For from a connection that is not a trusted proxy', () => {
    const proxies = new TrustedProxies(['10.0.0.0/8'])
    expect(proxies.clientOf('203.0.113.5', '198.51.100.1')).toBe('203.0.113.5')
    expect(new TrustedProxies([]).clientOf('127.0.0.1', '198.51.100.1')).toBe('127.0.0.1')
  })

  it('takes the last hop that is not a trusted proxy, so a client cannot choose its own address', () => {
    const proxies = new TrustedProxies(['10.0.0.0/8', '::1'])
    expect(proxies.clientOf('10.1.2.3', '198.51.100.1')).toBe('198.51.100.1')
    expect(proxies.clientOf('::ffff:10.1.2.3', 'forged-by-client, 198.51.100.1, 10.9.9.9')).toBe(
      '198.51.100.1',
    )
    expect(proxies.clientOf('::1', '2001:db8::7')).toBe('2001:db8::7')
    expect(proxies.clientOf('10.1.2.3', undefined)).toBe('10.1.2.3')
  })
})
