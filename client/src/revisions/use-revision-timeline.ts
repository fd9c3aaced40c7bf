/**
 * The timeline of one notice's revisions as React state: loaded when the panel opens, refreshed
 * after every change made here and every half minute (others freeze and name versions too).
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { listRevisions, type RevisionTimeline } from './revisions-api'

/** How often an open timeline asks the server for news. */
const REFRESH_MS = 30_000

/** What `useRevisionTimeline` gives. */
export type TimelineState = {
  timeline: RevisionTimeline | null
  /** The last load failed with this message ('' when it did not). */
  error: string
  loading: boolean
  /** Loads the timeline again; resolves when it is shown. */
  refresh: () => Promise<void>
}

/** The revisions of `noticeId`, kept fresh while `active`. */
export function useRevisionTimeline(noticeId: string, active: boolean): TimelineState {
  const [timeline, setTimeline] = useState<RevisionTimeline | null>(null)
  const [error, setError] = useState('')
  const [loading, setLoading] = useState(false)
  const latest = useRef(0)

  const refresh = useCallback(async () => {
    const call = ++latest.current
    setLoading(true)
    try {
      const next = await listRevisions(noticeId)
      if (call !== latest.current) return
      setTimeline(next)
      setError('')
    } catch (cause) {
      if (call !== latest.current) return
      setError(cause instanceof Error ? cause.message : String(cause))
    } finally {
      if (call === latest.current) setLoading(false)
    }
  }, [noticeId])

  useEffect(() => {
    if (!active) return
    void refresh()
    const timer = window.setInterval(() => void refresh(), REFRESH_MS)
    return () => window.clearInterval(timer)
  }, [active, refresh])

  return { timeline, error, loading, refresh }
}
