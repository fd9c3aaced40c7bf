/**
 * The client side of the server's revisions API: the timeline of a notice, naming and freezing a
 * version, reading one revision, comparing two versions, and restoring one. Answers are parsed
 * with @convene/protocol's schemas (revisions.ts); every failure is an `ApiError`.
 */
import {
  type CompareResult,
  type CompareSide,
  compareResultSchema,
  type RestoreResult,
  type RevisionDetail,
  type RevisionKind,
  type RevisionSummary,
  type RevisionTimeline,
  restoreResultSchema,
  revisionDetailSchema,
  revisionSummarySchema,
  revisionTimelineSchema,
  type TimelineEntry,
} from '@convene/protocol'
import { apiFetch } from '../api/api-fetch'

export type { CompareSide, RevisionDetail, RevisionKind, RevisionSummary, RevisionTimeline, TimelineEntry }

const base = (noticeId: string) => `/api/notices/${encodeURIComponent(noticeId)}`

/** The revisions of notice `noticeId`, newest first, and the label the next freeze proposes. */
export function listRevisions(noticeId: string): Promise<RevisionTimeline> {
  return apiFetch(`${base(noticeId)}/revisions`, {}, revisionTimelineSchema)
}

/** Saves the notice as it is now as a revision, named `label`, frozen when `freeze` is set. */
export function createRevision(
  noticeId: string,
  options: { label?: string; freeze?: boolean },
): Promise<RevisionSummary> {
  return apiFetch(`${base(noticeId)}/revisions`, { method: 'POST', body: options }, revisionSummarySchema)
}

/** Revision `rev` with its content. */
export function getRevision(noticeId: string, rev: number): Promise<RevisionDetail> {
  return apiFetch(`${base(noticeId)}/revisions/${rev}`, {}, revisionDetailSchema)
}

/** Freezes revision `rev` as `label` ("Rev.2"), for good. */
export function freezeRevision(noticeId: string, rev: number, label: string): Promise<RevisionSummary> {
  const path = `${base(noticeId)}/revisions/${rev}/freeze`
  return apiFetch(path, { method: 'POST', body: { label } }, revisionSummarySchema)
}

/** Makes the live notice read as revision `rev` again (the server records this as new revisions). */
export function restoreRevision(noticeId: string, rev: number): Promise<RestoreResult> {
  return apiFetch(`${base(noticeId)}/revisions/${rev}/restore`, { method: 'POST' }, restoreResultSchema)
}

/** Both versions compared and the structured difference between them (see the schema's `diffNotices`). */
export function compareVersions(
  noticeId: string,
  from: CompareSide,
  to: CompareSide,
): Promise<CompareResult> {
  const query = new URLSearchParams({ from: String(from), to: String(to) })
  return apiFetch(`${base(noticeId)}/compare?${query}`, {}, compareResultSchema)
}
