import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { registerCompanionStorageContractTests } from '../account-storage-contract'
import { openSqliteDatabase } from './sqlite-database'

registerCompanionStorageContractTests('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'convene-accounts-'))
  const database = openSqliteDatabase({ file: join(dir, 'convene.sqlite') })
  return {
    notices: database.notices,
    accounts: database.accounts,
    comments: database.comments,
    close: async () => {
      await database.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
})

describe('sqlite accounts beside the notices', () => {
  it('forget the roles and comments of a notice deleted from the notice storage', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convene-accounts-'))
    const database = openSqliteDatabase({ file: join(dir, 'convene.sqlite') })
    try {
      const { notices, accounts, comments } = database
      await notices.createNotice({
        id: 'n1',
        summary: { title: '', symbol: '', language: 'en' },
        state: Uint8Array.of(0, 0),
      })
      await accounts.createUser({
        id: 'u1',
        username: 'ana',
        displayName: 'Ana',
        passwordHash: 'x',
        isAdmin: false,
        disabled: false,
        createdAt: 0,
        updatedAt: 0,
      })
      await accounts.setMembership({ noticeId: 'n1', userId: 'u1', role: 'owner', grantedAt: 0 })
      await comments.appendUpdates([{ noticeId: 'n1', update: Uint8Array.of(1) }])
      await expect(
        accounts.setMembership({ noticeId: 'ghost', userId: 'u1', role: 'owner', grantedAt: 0 }),
      ).rejects.toThrow('There is no stored notice with id "ghost"')

      await notices.deleteNotice('n1')

      expect(await accounts.listMembershipsOfUser('u1')).toEqual([])
      expect(await comments.loadUpdates('n1')).toBeNull()
    } finally {
      await database.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
