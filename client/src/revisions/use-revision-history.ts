/**
 * The revisions state of an open notice, shared by the panel, the reading bar and the page: the
 * timeline, and which revision (or comparison) is being read instead of the live text.
 */
import { useState } from 'react'
import { nextFrozenLabel } from './revision-labels'
import type { CompareSide } from './revisions-api'
import { type TimelineState, useRevisionTimeline } from './use-revision-timeline'

/** What is read instead of the live notice: one revision, or a comparison of two versions. */
export type Reading = { mode: 'open'; rev: number } | { mode: 'compare'; from: number; to: CompareSide }

/** What `useRevisionHistory` gives. */
export type RevisionHistory = TimelineState & {
  noticeId: string
  /** The signed-in user's id (their revisions are shown as "You"). */
  userId: string | null
  reading: Reading | null
  setReading: (reading: Reading | null) => void
  /** The label proposed for the next freeze (the server's proposal, else the next Rev.n). */
  proposedLabel: string
}

/** The revisions state of notice `noticeId`; the timeline is loaded while `panelOpen` or reading. */
export function useRevisionHistory(
  noticeId: string,
  panelOpen: boolean,
  userId: string | null,
): RevisionHistory {
  const [reading, setReading] = useState<Reading | null>(null)
  const timeline = useRevisionTimeline(noticeId, panelOpen || reading !== null)
  const revisions = timeline.timeline?.revisions ?? []
  const proposedLabel =
    timeline.timeline?.nextFrozenLabel ??
    nextFrozenLabel(revisions.filter((revision) => revision.frozen).map((revision) => revision.label))
  return { ...timeline, noticeId, userId, reading, setReading, proposedLabel }
}
