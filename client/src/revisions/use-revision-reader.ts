/**
 * Loads what is being read (one revision, or the newer side of a comparison with the diff) and
 * builds a read-only, non-collaborative Tiptap editor for it, numbered like the live editor, with
 * the comparison drawn as decorations.
 */
import { isNoticeLanguage, type NoticeDiff, type NoticeMeta } from '@convene/schema'
import type { Editor, JSONContent } from '@tiptap/core'
import { useEditor } from '@tiptap/react'
import { useEffect, useMemo, useState } from 'react'
import { useLocale } from '../i18n/LocaleProvider'
import { getNotice } from '../notices/notices-api'
import { diffDecorations } from './diff-decorations'
import { revisionExtensions } from './revision-extensions'
import { compareVersions, getRevision, type RevisionDetail } from './revisions-api'
import type { Reading } from './use-revision-history'

/** The loaded side shown: its metadata and content, and the revision it is (null: the live notice). */
export type ReaderData = {
  reading: Reading
  meta: Partial<NoticeMeta>
  content: JSONContent
  revision: RevisionDetail | null
  diff: NoticeDiff | null
}

/** What `useRevisionReader` gives. */
export type RevisionReader = {
  status: 'idle' | 'loading' | 'ready' | 'failed'
  error: string
  data: ReaderData | null
  /** The read-only editor, once the data is loaded. */
  editor: Editor | null
  /** Changed bodies of the comparison that could not be drawn (the live notice moved on meanwhile). */
  unmatched: number
}

const sameReading = (a: Reading | null, b: Reading | null): boolean => JSON.stringify(a) === JSON.stringify(b)

async function load(noticeId: string, reading: Reading): Promise<ReaderData> {
  if (reading.mode === 'open') {
    const revision = await getRevision(noticeId, reading.rev)
    return { reading, meta: revision.meta, content: revision.content, revision, diff: null }
  }
  const [compared, to] = await Promise.all([
    compareVersions(noticeId, reading.from, reading.to),
    reading.to === 'live' ? getNotice(noticeId) : getRevision(noticeId, reading.to),
  ])
  const revision = 'rev' in to ? to : null
  return { reading, meta: to.meta, content: to.content, revision, diff: compared.diff }
}

/** The reader of `reading` in notice `noticeId` (idle when `reading` is null). */
export function useRevisionReader(noticeId: string, reading: Reading | null): RevisionReader {
  const { t } = useLocale()
  const [data, setData] = useState<ReaderData | null>(null)
  const [error, setError] = useState('')
  const [unmatched, setUnmatched] = useState(0)

  useEffect(() => {
    setError('')
    if (reading === null) {
      setData(null)
      return
    }
    let current = true
    load(noticeId, reading).then(
      (loaded) => current && setData(loaded),
      (cause: unknown) => current && setError(cause instanceof Error ? cause.message : String(cause)),
    )
    return () => {
      current = false
    }
  }, [noticeId, reading])

  const shown = data && sameReading(data.reading, reading) ? data : null
  const language = isNoticeLanguage(shown?.meta.language) ? shown.meta.language : 'en'
  const words = t.revisions.marks
  const extensions = useMemo(() => {
    const diff = shown?.diff
    const fieldNames = (fields: string[]) =>
      fields
        .map((field) => t.revisions.speakerFields[field as keyof typeof t.revisions.speakerFields] ?? field)
        .join(', ')
    return revisionExtensions(
      language,
      diff
        ? (doc) => {
            const drawn = diffDecorations(doc, diff, words, fieldNames)
            setUnmatched(drawn.unmatched)
            return drawn.decorations
          }
        : undefined,
    )
  }, [shown, language, words, t])

  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: false,
      extensions,
      content: shown?.content ?? null,
      editorProps: {
        attributes: {
          class: 'notice-text notice-text--readonly',
          'aria-label': t.revisions.readOnlyText,
          'aria-readonly': 'true',
          role: 'document',
          lang: language,
        },
      },
    },
    [extensions],
  )

  const status = reading === null ? 'idle' : error ? 'failed' : shown ? 'ready' : 'loading'
  // Until the editor is rebuilt for what is shown, the previous one (or an empty one) must not be used.
  const built =
    shown && editor && !editor.isDestroyed && editor.options.content === shown.content ? editor : null
  return { status, error, data: shown, editor: built, unmatched }
}
