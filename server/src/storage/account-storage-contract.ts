/**
 * The one test suite every `AccountStorage` backend must pass, and the one every `CommentStorage`
 * backend must pass: call them from a backend's test file with a factory.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { AccountStorage, UserRecord } from './account-storage'
import { DuplicateUsernameError } from './account-storage'
import type { CommentStorage } from './comment-storage'
import { type NoticeStorage, UnknownNoticeError } from './storage'

/** A fresh, empty account or comment storage beside the notice storage it belongs with. */
export type CompanionStorages = {
  notices: NoticeStorage
  accounts: AccountStorage
  comments: CommentStorage
  /** Closes all three (and drops whatever the backend made for the test). */
  close(): Promise<void>
}

const user = (id: string, username: string, extra: Partial<UserRecord> = {}): UserRecord => ({
  id,
  username,
  displayName: `${username} display`,
  passwordHash: `scrypt$15$8$1$salt$${id}`,
  isAdmin: false,
  disabled: false,
  createdAt: 1000,
  updatedAt: 1000,
  ...extra,
})

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values)

/** Registers the account and comment storage contract tests for backend `name`. */
export function registerCompanionStorageContractTests(
  name: string,
  factory: () => Promise<CompanionStorages>,
): void {
  describe(`${name} account and comment storage contract`, () => {
    let opened: CompanionStorages[] = []
    const open = async (): Promise<CompanionStorages> => {
      const storages = await factory()
      opened.push(storages)
      await storages.notices.createNotice({
        id: 'n1',
        summary: { title: 'A', symbol: '', language: 'fr' },
        state: bytes(0, 0),
      })
      return storages
    }
    afterEach(async () => {
      for (const storages of opened) await storages.close()
      opened = []
    })

    it('stores users, finds them by id and username, and refuses a taken username', async () => {
      const { accounts } = await open()
      await accounts.createUser(user('u1', 'ana', { isAdmin: true }))
      await accounts.createUser(user('u2', 'bob'))
      await expect(accounts.createUser(user('u3', 'ana'))).rejects.toBeInstanceOf(DuplicateUsernameError)
      expect(await accounts.getUserById('u1')).toEqual(user('u1', 'ana', { isAdmin: true }))
      expect(await accounts.getUserByUsername('bob')).toEqual(user('u2', 'bob'))
      expect(await accounts.getUserByUsername('carol')).toBeNull()
      expect((await accounts.listUsers()).map((u) => u.username)).toEqual(['ana', 'bob'])
    })

    it('changes only the fields of a patch and answers null for an unknown user', async () => {
      const { accounts } = await open()
      await accounts.createUser(user('u1', 'ana'))
      const updated = await accounts.updateUser('u1', { disabled: true, updatedAt: 2000 })
      expect(updated).toEqual(user('u1', 'ana', { disabled: true, updatedAt: 2000 }))
      expect(await accounts.updateUser('nobody', { isAdmin: true, updatedAt: 2000 })).toBeNull()
    })

    it('keeps sessions by token hash, moves lastSeenAt forward only, and deletes them one by one or per user', async () => {
      const { accounts } = await open()
      await accounts.createUser(user('u1', 'ana'))
      const session = {
        id: 's1',
        tokenHash: 'h1',
        userId: 'u1',
        createdAt: 10,
        lastSeenAt: 10,
        expiresAt: 1000,
      }
      await accounts.createSession(session)
      await accounts.createSession({ ...session, id: 's2', tokenHash: 'h2' })
      expect(await accounts.getSessionByTokenHash('h1')).toEqual(session)
      await accounts.touchSession('s1', 50)
      await accounts.touchSession('s1', 20)
      expect((await accounts.getSession('s1'))?.lastSeenAt).toBe(50)
      expect(await accounts.deleteSession('s1')).toBe(true)
      expect(await accounts.deleteSession('s1')).toBe(false)
      expect(await accounts.deleteSessionsOfUser('u1')).toEqual(['s2'])
      expect(await accounts.getSession('s2')).toBeNull()
    })

    it('deletes the sessions that ended, idle or past their end', async () => {
      const { accounts } = await open()
      await accounts.createUser(user('u1', 'ana'))
      const base = { userId: 'u1', createdAt: 0 }
      await accounts.createSession({ ...base, id: 'live', tokenHash: 'a', lastSeenAt: 90, expiresAt: 500 })
      await accounts.createSession({ ...base, id: 'idle', tokenHash: 'b', lastSeenAt: 10, expiresAt: 500 })
      await accounts.createSession({ ...base, id: 'over', tokenHash: 'c', lastSeenAt: 99, expiresAt: 100 })
      expect(await accounts.deleteExpiredSessions(100, 50)).toBe(2)
      expect(await accounts.getSession('live')).not.toBeNull()
    })

    it('grants, changes, lists and revokes roles, and forgets those of a deleted user or notice', async () => {
      const { accounts } = await open()
      await accounts.createUser(user('u1', 'ana'))
      await accounts.createUser(user('u2', 'bob'))
      await accounts.setMembership({ noticeId: 'n1', userId: 'u1', role: 'owner', grantedAt: 1 })
      await accounts.setMembership({ noticeId: 'n1', userId: 'u2', role: 'viewer', grantedAt: 2 })
      await accounts.setMembership({ noticeId: 'n1', userId: 'u2', role: 'reviewer', grantedAt: 3 })
      expect(await accounts.getMembership('n1', 'u2')).toEqual({
        noticeId: 'n1',
        userId: 'u2',
        role: 'reviewer',
        grantedAt: 3,
      })
      expect((await accounts.listMembershipsOfNotice('n1')).map((m) => [m.userId, m.role])).toEqual([
        ['u1', 'owner'],
        ['u2', 'reviewer'],
      ])
      expect((await accounts.listMembershipsOfUser('u2')).map((m) => m.noticeId)).toEqual(['n1'])
      expect(await accounts.deleteMembership('n1', 'u2')).toBe(true)
      expect(await accounts.deleteMembership('n1', 'u2')).toBe(false)
      await accounts.createSession({
        id: 's1',
        tokenHash: 'h',
        userId: 'u1',
        createdAt: 0,
        lastSeenAt: 0,
        expiresAt: 9,
      })
      expect(await accounts.deleteUser('u1')).toBe(true)
      expect(await accounts.deleteUser('u1')).toBe(false)
      expect(await accounts.listMembershipsOfNotice('n1')).toEqual([])
      expect(await accounts.getSession('s1')).toBeNull()
      await accounts.setMembership({ noticeId: 'n1', userId: 'u2', role: 'viewer', grantedAt: 4 })
      await accounts.deleteMembershipsOfNotice('n1')
      expect(await accounts.listMembershipsOfUser('u2')).toEqual([])
    })

    it('creates a secret once and hands out the same one afterwards', async () => {
      const { accounts } = await open()
      const first = await accounts.getOrCreateSecret('hmac', () => bytes(1, 2, 3))
      const second = await accounts.getOrCreateSecret('hmac', () => bytes(9, 9, 9))
      expect(first).toEqual(bytes(1, 2, 3))
      expect(second).toEqual(bytes(1, 2, 3))
    })

    it('keeps a comments log per notice, numbered from 1, apart from the text log', async () => {
      const { comments, notices } = await open()
      expect(await comments.loadUpdates('n1')).toEqual([])
      expect(
        await comments.appendUpdates([
          { noticeId: 'n1', update: bytes(1) },
          { noticeId: 'n1', update: bytes(2) },
        ]),
      ).toEqual([1, 2])
      expect(await comments.loadUpdates('n1')).toEqual([
        { seq: 1, bytes: bytes(1) },
        { seq: 2, bytes: bytes(2) },
      ])
      expect(await comments.loadUpdatesAfter('n1', 1)).toEqual([{ seq: 2, bytes: bytes(2) }])
      expect(await notices.loadUpdates('n1')).toEqual([{ seq: 1, bytes: bytes(0, 0) }])
      expect(await comments.loadUpdates('ghost')).toBeNull()
    })

    it('stores nothing of a comments batch naming an unknown notice', async () => {
      const { comments } = await open()
      await expect(
        comments.appendUpdates([
          { noticeId: 'n1', update: bytes(1) },
          { noticeId: 'ghost', update: bytes(2) },
        ]),
      ).rejects.toBeInstanceOf(UnknownNoticeError)
      expect(await comments.loadUpdates('n1')).toEqual([])
    })

    it('compacts a comments log through a seq, keeps later rows and never reuses a seq', async () => {
      const { comments } = await open()
      await comments.appendUpdates([1, 2, 3].map((value) => ({ noticeId: 'n1', update: bytes(value) })))
      await comments.compactUpdates('n1', 2, bytes(1, 2))
      await expect(comments.compactUpdates('n1', 7, bytes(0))).rejects.toThrow(/no update 7/)
      expect(await comments.appendUpdates([{ noticeId: 'n1', update: bytes(4) }])).toEqual([4])
      expect(await comments.loadUpdates('n1')).toEqual([
        { seq: 2, bytes: bytes(1, 2) },
        { seq: 3, bytes: bytes(3) },
        { seq: 4, bytes: bytes(4) },
      ])
      expect(await comments.deleteUpdates('n1')).toBe(true)
      expect(await comments.loadUpdates('n1')).toEqual([])
      expect(await comments.appendUpdates([{ noticeId: 'n1', update: bytes(5) }])).toEqual([1])
    })
  })
}
