import { describe, expect, it } from 'vitest'
import { createMemoryAccountStorage } from '../storage/memory/memory-account-storage'
import { AccountError } from './account-errors'
import type { AccountEvent } from './account-events'
import { AccountEvents } from './account-events'
import { MembershipService } from './membership-service'

async function setup() {
  const storage = createMemoryAccountStorage()
  const events = new AccountEvents()
  const seen: AccountEvent[] = []
  events.on((event) => seen.push(event))
  const memberships = new MembershipService({
    storage,
    events,
    noticeExists: async (id) => id === 'n1',
    now: () => 5,
  })
  for (const [id, username] of [
    ['u1', 'olga'],
    ['u2', 'eddie'],
  ]) {
    await storage.createUser({
      id: id as string,
      username: username as string,
      displayName: username as string,
      passwordHash: 'x',
      isAdmin: false,
      disabled: false,
      createdAt: 0,
      updatedAt: 0,
    })
  }
  return { memberships, seen }
}

describe('MembershipService', () => {
  it('grants, changes and revokes roles, announcing each change', async () => {
    const { memberships, seen } = await setup()
    await memberships.makeOwner('n1', 'u1')
    await memberships.grant('n1', 'eddie', 'viewer')
    await memberships.grant('n1', 'Eddie', 'editor')
    expect(await memberships.roleOf({ id: 'u2', isAdmin: false }, 'n1')).toBe('editor')
    expect(await memberships.roleOf({ id: 'u2', isAdmin: true }, 'elsewhere')).toBe('owner')
    await memberships.revoke('n1', 'eddie')
    expect(await memberships.roleOf({ id: 'u2', isAdmin: false }, 'n1')).toBeNull()
    expect(seen.filter((event) => event.type === 'membership-changed')).toHaveLength(4)
  })

  it('keeps at least one owner, and refuses unknown users and notices', async () => {
    const { memberships } = await setup()
    await memberships.makeOwner('n1', 'u1')
    await expect(memberships.grant('n1', 'olga', 'editor')).rejects.toThrow(
      new AccountError('conflict', 'A notice must keep at least one owner: make someone else an owner first'),
    )
    await expect(memberships.revoke('n1', 'olga')).rejects.toThrow(/at least one owner/)
    await memberships.grant('n1', 'eddie', 'owner')
    await memberships.revoke('n1', 'olga')
    await expect(memberships.grant('n1', 'nobody', 'viewer')).rejects.toThrow('There is no user "nobody"')
    await expect(memberships.grant('n2', 'eddie', 'viewer')).rejects.toThrow(
      'There is no notice with id "n2"',
    )
  })
})
