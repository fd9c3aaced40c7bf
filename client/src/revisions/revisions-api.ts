/**
 * The client side of the server's revisions API: the timeline of a notice, naming and freezing a
 * version, reading one revision, comparing two versions, and restoring one. Every failure is an
 * `ApiError` with the server's status and message.
 */
import type { NoticeDiff, NoticeMeta } from '@convene/schema'
import type { JSONContent } from '@tiptap/core'
import { request } from '../notices/notices-api'

/** How a revision came to be: saved automatically while people edit, or asked for by someone. */
export type RevisionKind = 'auto' | 'named'

/** One entry of a notice's timeline. */
export type RevisionSummary = {
  rev: number
  kind: RevisionKind
  /** "Rev.1", "Before the chair's edits"; null for an unnamed automatic revision. */
  label: string | null
  frozen: boolean
  /** SHA-256 of the notice's content at this revision. */
  hash: string
  /** The account that made it (null: the server itself, for automatic revisions). */
  authorId: string | null
  /** That account's display name, when the server gives it. */
  authorName: string | null
  /** ISO 8601. */
  createdAt: string
}

/** One revision with the notice as it was. */
export type RevisionDetail = RevisionSummary & { meta: Partial<NoticeMeta>; content: JSONContent }

/** The timeline and what the server proposes as the next frozen label. */
export type RevisionTimeline = { revisions: RevisionSummary[]; nextFrozenLabel: string | null }

/** A version of the notice to compare: a revision number or the live notice. */
export type CompareSide = number | 'live'

const base = (noticeId: string) => `/api/notices/${encodeURIComponent(noticeId)}`

/** A revision as the server sends it: tolerant of a numeric time and a missing author or kind. */
function toSummary(raw: Record<string, unknown>): RevisionSummary {
  const createdAt = raw.createdAt
  const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)
  const label = typeof raw.label === 'string' && raw.label !== '' ? raw.label : null
  return {
    rev: Number(raw.rev),
    kind: raw.kind === 'auto' ? 'auto' : raw.kind === 'named' ? 'named' : label === null ? 'auto' : 'named',
    label,
    frozen: raw.frozen === true,
    hash: typeof raw.hash === 'string' ? raw.hash : '',
    authorId: text(raw.author),
    authorName: text(raw.authorName),
    createdAt: typeof createdAt === 'number' ? new Date(createdAt).toISOString() : String(createdAt ?? ''),
  }
}

/** The revisions of notice `noticeId`, newest first. */
export async function listRevisions(noticeId: string): Promise<RevisionTimeline> {
  const body = await request<unknown>('GET', `${base(noticeId)}/revisions`)
  const record = (Array.isArray(body) ? { revisions: body } : (body ?? {})) as Record<string, unknown>
  const rows = Array.isArray(record.revisions) ? (record.revisions as Record<string, unknown>[]) : []
  const revisions = rows.map(toSummary).sort((a, b) => b.rev - a.rev)
  const next = record.nextFrozenLabel ?? record.nextLabel
  return { revisions, nextFrozenLabel: typeof next === 'string' && next !== '' ? next : null }
}

/** Saves the notice as it is now as a revision, named `label`, frozen when `freeze` is set. */
export async function createRevision(
  noticeId: string,
  options: { label?: string; freeze?: boolean },
): Promise<RevisionSummary> {
  const body = await request<Record<string, unknown>>('POST', `${base(noticeId)}/revisions`, options)
  return toSummary((body.revision as Record<string, unknown> | undefined) ?? body)
}

/** Revision `rev` with its content. */
export async function getRevision(noticeId: string, rev: number): Promise<RevisionDetail> {
  const body = await request<Record<string, unknown>>('GET', `${base(noticeId)}/revisions/${rev}`)
  return {
    ...toSummary(body),
    meta: (body.meta ?? {}) as Partial<NoticeMeta>,
    content: body.content as JSONContent,
  }
}

/** Freezes revision `rev` as `label` ("Rev.2"), for good. */
export async function freezeRevision(noticeId: string, rev: number, label: string): Promise<RevisionSummary> {
  const body = await request<Record<string, unknown>>('POST', `${base(noticeId)}/revisions/${rev}/freeze`, {
    label,
  })
  return toSummary((body.revision as Record<string, unknown> | undefined) ?? body)
}

/** Makes the live notice read as revision `rev` again (the server records this as a new revision). */
export async function restoreRevision(noticeId: string, rev: number): Promise<void> {
  await request<unknown>('POST', `${base(noticeId)}/revisions/${rev}/restore`)
}

/** The structured difference between two versions of the notice (see the schema's `diffNotices`). */
export async function compareVersions(
  noticeId: string,
  from: CompareSide,
  to: CompareSide,
): Promise<NoticeDiff> {
  const query = new URLSearchParams({ from: String(from), to: String(to) })
  const body = await request<Record<string, unknown>>('GET', `${base(noticeId)}/compare?${query}`)
  return ((body.diff as NoticeDiff | undefined) ?? body) as NoticeDiff
}
