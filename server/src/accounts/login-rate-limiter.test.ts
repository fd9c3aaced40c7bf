import { describe, expect, it } from 'vitest'
import { LoginRateLimiter } from './login-rate-limiter'

const rule = (freeFailures: number, maxDelayMs: number) => ({
  freeFailures,
  baseDelayMs: 1000,
  maxDelayMs,
  forgetAfterMs: 600_000,
})

describe('LoginRateLimiter', () => {
  it('makes an account wait after its free failures, doubling the wait up to the cap, from any address', () => {
    let time = 0
    const limiter = new LoginRateLimiter({ now: () => time, rules: { account: rule(3, 4000) } })
    for (let i = 0; i < 3; i++) {
      expect(limiter.wait('ana', `10.0.0.${i}`)).toEqual({ waitMs: 0 })
      limiter.fail('ana', `10.0.0.${i}`)
    }
    expect(limiter.wait('ana', '10.0.0.9')).toEqual({ waitMs: 1000, reason: 'account' })
    expect(limiter.wait('bob', '10.0.0.1')).toEqual({ waitMs: 0 })
    time = 1000
    expect(limiter.wait('ana', '10.0.0.9')).toEqual({ waitMs: 0 })
    limiter.fail('ana', '10.0.0.9')
    expect(limiter.wait('ana', '10.0.0.9').waitMs).toBe(2000)
    time = 3000
    limiter.fail('ana', '10.0.0.9')
    time = 7000
    limiter.fail('ana', '10.0.0.9')
    expect(limiter.wait('ana', '10.0.0.9').waitMs).toBe(4000)
  })

  it('makes an address wait after failures spread over many accounts (a spray)', () => {
    const limiter = new LoginRateLimiter({ now: () => 0, rules: { address: rule(4, 60_000) } })
    for (let i = 0; i < 4; i++) limiter.fail(`user-${i}`, '192.0.2.7')
    expect(limiter.wait('someone-else', '192.0.2.7')).toEqual({ waitMs: 1000, reason: 'address' })
    expect(limiter.wait('someone-else', '192.0.2.8')).toEqual({ waitMs: 0 })
  })

  it('makes every sign-in wait after failures spread over many accounts and addresses', () => {
    const limiter = new LoginRateLimiter({ now: () => 0, rules: { global: rule(10, 5000) } })
    for (let i = 0; i < 10; i++) limiter.fail(`user-${i}`, `198.51.100.${i}`)
    expect(limiter.wait('fresh', '203.0.113.1')).toEqual({ waitMs: 1000, reason: 'global' })
  })

  it('forgets the account and address of a successful sign-in, and a counter left alone long enough', () => {
    let time = 0
    const limiter = new LoginRateLimiter({ now: () => time, rules: { account: rule(1, 4000) } })
    limiter.fail('ana', 'a')
    limiter.succeed('ana', 'a')
    expect(limiter.wait('ana', 'a')).toEqual({ waitMs: 0 })
    limiter.fail('ana', 'a')
    limiter.fail('ana', 'a')
    expect(limiter.wait('ana', 'a').waitMs).toBeGreaterThan(0)
    time = 600_000
    expect(limiter.wait('ana', 'a')).toEqual({ waitMs: 0 })
  })
})
