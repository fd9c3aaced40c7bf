/**
 * Who holds which role on which notice: granting, changing and revoking roles (a notice always
 * keeps an owner), the role a user acts with (administrators act as owners), and announcing every
 * change so that open connections follow it.
 */
import type { AccountStorage, MembershipRecord } from '../storage/account-storage'
import { UnknownNoticeError } from '../storage/storage'
import { AccountError } from './account-errors'
import type { AccountEvents } from './account-events'
import { normalizeUsername, type SessionUser } from './account-service'
import { effectiveRole, type Role } from './permissions'

/** One member of a notice as the API shows it. */
export type NoticeMember = {
  username: string
  displayName: string
  role: Role
  /** ISO 8601. */
  grantedAt: string
}

/** Options of {@link MembershipService}. */
export type MembershipServiceOptions = {
  storage: AccountStorage
  events: AccountEvents
  /** Whether notice `id` exists (roles are only granted on existing notices). */
  noticeExists: (id: string) => Promise<boolean>
  /** The clock (default `Date.now`). */
  now?: () => number
}

/** Roles on notices. */
export class MembershipService {
  private readonly storage: AccountStorage
  private readonly events: AccountEvents
  private readonly noticeExists: (id: string) => Promise<boolean>
  private readonly now: () => number

  constructor(options: MembershipServiceOptions) {
    this.storage = options.storage
    this.events = options.events
    this.noticeExists = options.noticeExists
    this.now = options.now ?? Date.now
  }

  /** The role `user` acts with on notice `noticeId`, or null when they have none. */
  async roleOf(user: Pick<SessionUser, 'id' | 'isAdmin'>, noticeId: string): Promise<Role | null> {
    if (user.isAdmin) return effectiveRole(user, null)
    return (await this.storage.getMembership(noticeId, user.id))?.role ?? null
  }

  /** The membership roles of `userId`, by notice id (administrators' implicit rights not included). */
  async rolesOf(userId: string): Promise<Map<string, Role>> {
    const memberships = await this.storage.listMembershipsOfUser(userId)
    return new Map(memberships.map((membership) => [membership.noticeId, membership.role]))
  }

  /**
   * The members of notice `noticeId`, in the order they were granted their role. Throws
   * {@link AccountError} `notFound` when there is no such notice (an administrator may ask).
   */
  async listMembers(noticeId: string): Promise<NoticeMember[]> {
    if (!(await this.noticeExists(noticeId))) {
      throw new AccountError('notFound', `There is no notice with id "${noticeId}"`)
    }
    const members: NoticeMember[] = []
    for (const membership of await this.storage.listMembershipsOfNotice(noticeId)) {
      const user = await this.storage.getUserById(membership.userId)
      if (!user) continue
      members.push({
        username: user.username,
        displayName: user.displayName,
        role: membership.role,
        grantedAt: new Date(membership.grantedAt).toISOString(),
      })
    }
    return members
  }

  /** Makes `userId` an owner of the notice they just created. */
  async makeOwner(noticeId: string, userId: string): Promise<void> {
    await this.write({ noticeId, userId, role: 'owner', grantedAt: this.now() })
  }

  /**
   * Grants `role` on notice `noticeId` to `username`, or changes the role they hold. Throws
   * {@link AccountError}: `notFound` for an unknown user or notice, `conflict` when it would leave
   * the notice without an owner.
   */
  async grant(noticeId: string, username: string, role: Role): Promise<NoticeMember> {
    const user = await this.storage.getUserByUsername(normalizeUsername(username))
    if (!user) throw new AccountError('notFound', `There is no user "${normalizeUsername(username)}"`)
    const current = await this.storage.getMembership(noticeId, user.id)
    if (current?.role === 'owner' && role !== 'owner') await this.keepAnotherOwner(noticeId, user.id)
    const grantedAt = current?.role === role ? current.grantedAt : this.now()
    await this.write({ noticeId, userId: user.id, role, grantedAt })
    return {
      username: user.username,
      displayName: user.displayName,
      role,
      grantedAt: new Date(grantedAt).toISOString(),
    }
  }

  /**
   * Revokes the role `username` holds on notice `noticeId`. Throws {@link AccountError}: `notFound`
   * for an unknown user or one without a role, `conflict` for the last owner.
   */
  async revoke(noticeId: string, username: string): Promise<void> {
    const name = normalizeUsername(username)
    const user = await this.storage.getUserByUsername(name)
    const current = user ? await this.storage.getMembership(noticeId, user.id) : null
    if (!user || !current) throw new AccountError('notFound', `The user "${name}" has no role on this notice`)
    if (current.role === 'owner') await this.keepAnotherOwner(noticeId, user.id)
    if (await this.storage.deleteMembership(noticeId, user.id)) {
      this.events.emit({ type: 'membership-changed', noticeId, userId: user.id })
    }
  }

  /** Forgets every role on a deleted notice. */
  async forgetNotice(noticeId: string): Promise<void> {
    const members = await this.storage.listMembershipsOfNotice(noticeId)
    await this.storage.deleteMembershipsOfNotice(noticeId)
    for (const member of members)
      this.events.emit({ type: 'membership-changed', noticeId, userId: member.userId })
  }

  private async write(membership: MembershipRecord): Promise<void> {
    if (!(await this.noticeExists(membership.noticeId))) {
      throw new AccountError('notFound', `There is no notice with id "${membership.noticeId}"`)
    }
    try {
      await this.storage.setMembership(membership)
    } catch (error) {
      if (error instanceof UnknownNoticeError) {
        throw new AccountError('notFound', `There is no notice with id "${membership.noticeId}"`, {
          cause: error,
        })
      }
      throw error
    }
    this.events.emit({ type: 'membership-changed', noticeId: membership.noticeId, userId: membership.userId })
  }

  private async keepAnotherOwner(noticeId: string, leavingUserId: string): Promise<void> {
    const members = await this.storage.listMembershipsOfNotice(noticeId)
    if (!members.some((member) => member.role === 'owner' && member.userId !== leavingUserId)) {
      throw new AccountError(
        'conflict',
        'A notice must keep at least one owner: make someone else an owner first',
      )
    }
  }
}
