import { describe, expect, it } from 'vitest'
import { hashPassword, SCRYPT_PARAMS, verifyPassword } from './password-hash'

describe('password hashing', () => {
  it('stores scrypt parameters, a per-password salt and the key, never the password', async () => {
    const first = await hashPassword('correct horse battery')
    const second = await hashPassword('correct horse battery')
    const { log2N, r, p } = SCRYPT_PARAMS
    expect(first).toMatch(
      new RegExp(`^scrypt\\$${log2N}\\$${r}\\$${p}\\$[A-Za-z0-9_-]{22}\\$[A-Za-z0-9_-]{86}$`),
    )
    expect(first).not.toContain('horse')
    expect(first).not.toBe(second)
  })

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery')
    expect(await verifyPassword('correct horse battery', stored)).toBe(true)
    expect(await verifyPassword('correct horse batterz', stored)).toBe(false)
    expect(await verifyPassword('', stored)).toBe(false)
  })

  it('throws for a stored value that is not a scrypt hash rather than calling it a wrong password', async () => {
    await expect(verifyPassword('x', 'plaintext')).rejects.toThrow(
      'The stored password hash is not of the form scrypt$log2N$r$p$salt$key',
    )
  })
})
