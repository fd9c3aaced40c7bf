import { describe, expect, it } from 'vitest'
import { createMemoryAccountStorage } from '../storage/memory/memory-account-storage'
import { AccountError } from './account-errors'
import type { AccountEvent } from './account-events'
import { AccountService } from './account-service'

const HOUR = 3_600_000

async function service() {
  let time = 1_700_000_000_000
  const storage = createMemoryAccountStorage()
  const accounts = await AccountService.open({
    storage,
    sessionIdleMs: HOUR,
    sessionMaxMs: 4 * HOUR,
    accessTokenTtlMs: 60_000,
    now: () => time,
  })
  const events: AccountEvent[] = []
  accounts.events.on((event) => events.push(event))
  const advance = (ms: number) => {
    time += ms
  }
  return { accounts, storage, events, advance }
}

const refusal = async (promise: Promise<unknown>): Promise<[string, string]> => {
  try {
    await promise
  } catch (error) {
    if (error instanceof AccountError) return [error.kind, error.message]
    throw error
  }
  throw new Error('expected a refusal')
}

describe('AccountService', () => {
  it('refuses bad usernames, short passwords and taken usernames with messages naming the problem', async () => {
    const { accounts } = await service()
    expect(await refusal(accounts.createUser({ username: 'a', password: 'long enough!' }))).toEqual([
      'invalid',
      'Invalid username "a": use 2 to 32 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit',
    ])
    expect(await refusal(accounts.createUser({ username: 'ana', password: 'short' }))).toEqual([
      'invalid',
      'The password must have at least 10 characters',
    ])
    await accounts.createUser({ username: 'Ana', password: 'long enough!' })
    expect(await refusal(accounts.createUser({ username: 'ana', password: 'long enough!' }))).toEqual([
      'conflict',
      'The username "ana" is already taken',
    ])
  })

  it('stores only the hash of the session token, and finds the session by its cookie', async () => {
    const { accounts, storage } = await service()
    const user = await accounts.createUser({ username: 'ana', password: 'long enough!' })
    const { cookieToken, session } = await accounts.login('ana', 'long enough!', '10.0.0.1')
    const stored = await storage.getSession(session.id)
    expect(stored?.tokenHash).not.toContain(cookieToken)
    expect(JSON.stringify(stored)).not.toContain(cookieToken)
    expect((await accounts.sessionFromCookie(cookieToken))?.user.id).toBe(user.id)
    expect(await accounts.sessionFromCookie(`${cookieToken}x`)).toBeNull()
  })

  it('ends a session when idle or at its absolute limit, and an access token with it', async () => {
    const { accounts, advance } = await service()
    await accounts.createUser({ username: 'ana', password: 'long enough!' })
    const { cookieToken, session } = await accounts.login('ana', 'long enough!', 'a')
    const { token } = accounts.issueAccessToken(session)
    advance(HOUR - 1)
    expect(await accounts.sessionFromCookie(cookieToken)).not.toBeNull()
    expect(await accounts.sessionFromAccessToken(token)).toBeNull()
    for (let i = 0; i < 3; i++) {
      advance(HOUR - 1)
      expect(await accounts.sessionFromCookie(cookieToken)).not.toBeNull()
    }
    advance(10)
    expect(await accounts.sessionFromCookie(cookieToken)).toBeNull()
  })

  it('ends every session of a user whose password changes or who is disabled, and tells listeners', async () => {
    const { accounts, events } = await service()
    const admin = await accounts.createUser({ username: 'root', password: 'long enough!', isAdmin: true })
    await accounts.createUser({ username: 'ana', password: 'long enough!' })
    const first = await accounts.login('ana', 'long enough!', 'a')
    await accounts.updateUser('ana', { password: 'another long one' }, admin.id)
    expect(await accounts.sessionFromCookie(first.cookieToken)).toBeNull()
    expect(events).toContainEqual({ type: 'sessions-ended', sessionIds: [first.session.id] })
    expect(await refusal(accounts.login('ana', 'long enough!', 'a'))).toEqual([
      'unauthenticated',
      'Wrong username or password',
    ])

    const second = await accounts.login('ana', 'another long one', 'a')
    await accounts.updateUser('ana', { disabled: true }, admin.id)
    expect(await accounts.sessionFromCookie(second.cookieToken)).toBeNull()
    expect(await refusal(accounts.login('ana', 'another long one', 'a'))).toEqual([
      'forbidden',
      'The account "ana" is disabled',
    ])
  })

  it('does not let administrators lock themselves out', async () => {
    const { accounts } = await service()
    const admin = await accounts.createUser({ username: 'root', password: 'long enough!', isAdmin: true })
    expect((await refusal(accounts.updateUser('root', { disabled: true }, admin.id)))[0]).toBe('conflict')
    expect((await refusal(accounts.updateUser('root', { isAdmin: false }, admin.id)))[0]).toBe('conflict')
    expect(await refusal(accounts.deleteUser('root', admin.id))).toEqual([
      'conflict',
      'You cannot delete your own account',
    ])
  })
})
