import { describe, expect, it } from 'vitest'
import { LoginRateLimiter } from './login-rate-limiter'

describe('LoginRateLimiter', () => {
  it('refuses a username and address after 10 failures in 5 minutes, until the oldest ages out', () => {
    let time = 0
    const limiter = new LoginRateLimiter({ now: () => time })
    for (let i = 0; i < 10; i++) {
      expect(limiter.retryAfterMs('ana', '10.0.0.1')).toBe(0)
      limiter.fail('ana', '10.0.0.1')
      time += 1000
    }
    expect(limiter.retryAfterMs('ana', '10.0.0.1')).toBe(5 * 60_000 - 10_000)
    expect(limiter.retryAfterMs('ana', '10.0.0.2')).toBe(0)
    expect(limiter.retryAfterMs('bob', '10.0.0.1')).toBe(0)
    time = 5 * 60_000 + 1
    expect(limiter.retryAfterMs('ana', '10.0.0.1')).toBe(0)
  })

  it('forgets the failures of a pair that signs in successfully', () => {
    const limiter = new LoginRateLimiter({ now: () => 0, maxFailures: 2 })
    limiter.fail('ana', 'a')
    limiter.succeed('ana', 'a')
    limiter.fail('ana', 'a')
    expect(limiter.retryAfterMs('ana', 'a')).toBe(0)
  })
})
