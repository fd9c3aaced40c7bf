/** The client side of a notice's members API: who has which role, and changing that (owners and administrators). */
import { type Member, memberListSchema, memberSchema, noContentSchema, type Role } from '@convene/protocol'
import { apiFetch } from '../api/api-fetch'

export type { Member }

const membersPath = (noticeId: string) => `/api/notices/${encodeURIComponent(noticeId)}/members`
const memberPath = (noticeId: string, username: string) =>
  `${membersPath(noticeId)}/${encodeURIComponent(username)}`

/** The members of notice `noticeId`. */
export function listMembers(noticeId: string): Promise<Member[]> {
  return apiFetch(membersPath(noticeId), {}, memberListSchema)
}

/** Gives `username` the role `role` on the notice (adds them if they had none); resolves with the member. */
export function setMemberRole(noticeId: string, username: string, role: Role): Promise<Member> {
  return apiFetch(memberPath(noticeId, username), { method: 'PUT', body: { role } }, memberSchema)
}

/** Takes away `username`'s role on the notice. */
export async function removeMember(noticeId: string, username: string): Promise<void> {
  await apiFetch(memberPath(noticeId, username), { method: 'DELETE' }, noContentSchema)
}
