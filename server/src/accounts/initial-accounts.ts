/**
 * The accounts a server creates by itself on start: the administrator named by ADMIN_USERNAME and
 * ADMIN_PASSWORD if it does not exist yet, and, on the first start of an empty database, demo
 * accounts with random passwords and roles on the sample notice, printed once so that someone who
 * just ran `pnpm start` can sign in.
 */
import { randomBytes } from 'node:crypto'
import type { AccountService } from './account-service'
import type { MembershipService } from './membership-service'
import type { Role } from './permissions'

/** A demo account as created (its password is shown once and stored only hashed). */
export type DemoAccount = {
  username: string
  displayName: string
  password: string
  isAdmin: boolean
  /** Its role on the sample notice (administrators need none). */
  role: Role | null
}

/** The demo accounts: an administrator, two editors (one owning the sample) and a reviewer. */
export const DEMO_ACCOUNTS = [
  { username: 'admin', displayName: 'Administrator', isAdmin: true, role: null },
  { username: 'amina', displayName: 'Amina Diallo', isAdmin: false, role: 'owner' },
  { username: 'bruno', displayName: 'Bruno Costa', isAdmin: false, role: 'editor' },
  { username: 'chen', displayName: 'Chen Wei', isAdmin: false, role: 'reviewer' },
] as const satisfies readonly Omit<DemoAccount, 'password'>[]

/**
 * Creates administrator `username` with `password` unless an account of that name exists (its
 * password is then left as it is). Resolves whether it was created.
 */
export async function ensureAdmin(
  accounts: AccountService,
  username: string,
  password: string,
): Promise<boolean> {
  if (await accounts.findUser(username)) return false
  await accounts.createUser({ username, password, isAdmin: true })
  return true
}

/**
 * Creates the demo accounts that do not exist yet, with random passwords, and gives them their
 * roles on notice `sampleId`; resolves the ones created.
 */
export async function createDemoAccounts(
  accounts: AccountService,
  memberships: MembershipService,
  sampleId: string,
): Promise<DemoAccount[]> {
  const created: DemoAccount[] = []
  for (const demo of DEMO_ACCOUNTS) {
    if (await accounts.findUser(demo.username)) continue
    const password = randomBytes(12).toString('base64url')
    await accounts.createUser({ ...demo, password })
    if (demo.role) await memberships.grant(sampleId, demo.username, demo.role)
    created.push({ ...demo, password })
  }
  return created
}

/** The console text announcing demo accounts, with the URL to open. */
export function describeDemoAccounts(url: string, demo: readonly DemoAccount[]): string {
  const width = Math.max(...demo.map((account) => account.username.length))
  const lines = demo.map(
    (account) =>
      `  ${account.username.padEnd(width)}  ${account.password}  ${account.isAdmin ? 'administrator' : `${account.role} of the sample notice`}`,
  )
  return [
    `Demo accounts (shown once; sign in at ${url}):`,
    ...lines,
    'Set DEMO_ACCOUNTS=0 to start without them; create accounts with `pnpm --filter @convene/server cli create-user`.',
  ].join('\n')
}
