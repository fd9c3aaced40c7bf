/**
 * The revisions feature as the editing view mounts it, in one hook: the panel for the side tab,
 * and, while a revision or a comparison is read, the bar that replaces the toolbar, the page that
 * replaces the live text and the read-only editor whose outline replaces the live one.
 */
import type { Editor } from '@tiptap/core'
import type { ReactNode } from 'react'
import { RevisionBar } from './RevisionBar'
import { RevisionPage } from './RevisionPage'
import { RevisionsPanel } from './RevisionsPanel'
import { useRevisionHistory } from './use-revision-history'
import { useRevisionReader } from './use-revision-reader'

/** What the editing view shows of the revisions feature. */
export type RevisionsView = {
  /** A revision or a comparison is shown instead of the live text. */
  reading: boolean
  /** The reading bar (in place of the toolbar) while reading, else null. */
  bar: ReactNode
  /** The read-only page (in place of the live text) while reading, else null. */
  page: ReactNode
  /** The read-only editor while reading (for the outline), else null. */
  readerEditor: Editor | null
  /** The revisions panel. */
  panel: ReactNode
}

/** The revisions of notice `noticeId`; `panelOpen` while its side tab is shown. */
export function useRevisionsView(
  noticeId: string,
  options: {
    panelOpen: boolean
    canEdit: boolean
    userId: string | null
    onBackToEditing?: () => void
    /** Called once this user restored revision `rev`, to tell the others. */
    onRestored?: (rev: number) => void
  },
): RevisionsView {
  const history = useRevisionHistory(noticeId, options.panelOpen, options.userId)
  const reader = useRevisionReader(noticeId, history.reading)
  const { reading } = history
  const close = () => {
    history.setReading(null)
    options.onBackToEditing?.()
  }
  return {
    reading: reading !== null,
    bar: reading && (
      <RevisionBar
        history={history}
        reading={reading}
        canEdit={options.canEdit}
        onClose={close}
        {...(options.onRestored ? { onRestored: options.onRestored } : {})}
      />
    ),
    page: reading && <RevisionPage history={history} reader={reader} />,
    readerEditor: reading ? reader.editor : null,
    panel: <RevisionsPanel history={history} canEdit={options.canEdit} />,
  }
}
