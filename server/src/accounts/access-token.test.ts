import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { signAccessToken, verifyAccessToken } from './access-token'

const secret = randomBytes(32)

describe('access tokens', () => {
  it('carry their session and expiry until they expire', () => {
    const token = signAccessToken(secret, 'session-1', 61_000)
    expect(verifyAccessToken(secret, token, 60_999)).toEqual({ sessionId: 'session-1', expiresAt: 61_000 })
    expect(verifyAccessToken(secret, token, 61_000)).toBeNull()
  })

  it('are refused when any part is changed or another secret signed them', () => {
    const token = signAccessToken(secret, 'session-1', 61_000)
    const [version, session, expires, signature] = token.split('.')
    expect(verifyAccessToken(secret, [version, 'session-2', expires, signature].join('.'), 0)).toBeNull()
    expect(verifyAccessToken(secret, [version, session, '99999999', signature].join('.'), 0)).toBeNull()
    expect(verifyAccessToken(secret, [version, session, expires, `${signature}x`].join('.'), 0)).toBeNull()
    expect(verifyAccessToken(randomBytes(32), token, 0)).toBeNull()
    expect(verifyAccessToken(secret, 'garbage', 0)).toBeNull()
  })
})
