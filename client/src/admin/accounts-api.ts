/** The client side of the accounts API (administrators only): list the accounts, create one. */
import { request } from '../notices/notices-api'

/** One account as the accounts list shows it. */
export type Account = {
  id: string
  username: string
  displayName: string
  isAdmin: boolean
}

/** What a new account is made of (the display name defaults to the username on the server). */
export type NewAccount = { username: string; password: string; displayName?: string }

/** Every account, in the server's order. */
export async function listAccounts(): Promise<Account[]> {
  const body = await request<Account[] | { users: Account[] }>('GET', '/api/users')
  return Array.isArray(body) ? body : body.users
}

/** Creates an account; rejects with the server's `ApiError` (400 naming the bad field, 409 for a taken username). */
export async function createAccount(account: NewAccount): Promise<Account> {
  const body = await request<Account | { user: Account }>('POST', '/api/users', account)
  return 'user' in body ? body.user : body
}
