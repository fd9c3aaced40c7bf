/** The client side of the accounts API (administrators only): list the accounts, create one. */
import { type CreateUserRequest, type PublicUser, publicUserSchema, userListSchema } from '@convene/protocol'
import { apiFetch } from '../api/api-fetch'

/** One account as the accounts list shows it. */
export type Account = PublicUser

/** What a new account is made of (the display name defaults to the username on the server). */
export type NewAccount = Pick<CreateUserRequest, 'username' | 'password' | 'displayName'>

/** Every account, in the server's order. */
export function listAccounts(): Promise<Account[]> {
  return apiFetch('/api/users', {}, userListSchema)
}

/** Creates an account; rejects with the server's `ApiError` (400 naming the bad field, 409 for a taken username). */
export function createAccount(account: NewAccount): Promise<Account> {
  return apiFetch('/api/users', { method: 'POST', body: account }, publicUserSchema)
}
