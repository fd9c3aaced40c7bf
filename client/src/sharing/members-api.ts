/** The client side of a notice's members API: who has which role, and changing that (owners and administrators). */
import { request } from '../notices/notices-api'
import type { Role } from './roles'

/** One person with a role on a notice. */
export type Member = { username: string; displayName: string; role: Role }

const membersPath = (noticeId: string) => `/api/notices/${encodeURIComponent(noticeId)}/members`

/** The members of notice `noticeId`. */
export async function listMembers(noticeId: string): Promise<Member[]> {
  const body = await request<Member[] | { members: Member[] }>('GET', membersPath(noticeId))
  return Array.isArray(body) ? body : body.members
}

/** Gives `username` the role `role` on the notice (adds them if they had none). */
export async function setMemberRole(noticeId: string, username: string, role: Role): Promise<void> {
  await request<unknown>('PUT', `${membersPath(noticeId)}/${encodeURIComponent(username)}`, { role })
}

/** Takes away `username`'s role on the notice. */
export async function removeMember(noticeId: string, username: string): Promise<void> {
  await request<unknown>('DELETE', `${membersPath(noticeId)}/${encodeURIComponent(username)}`)
}
