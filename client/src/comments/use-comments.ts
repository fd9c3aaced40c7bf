/**
 * The comments of the open notice as the editor view uses them: the threads (live from the
 * comments document), where each sits in the text, the current thread, the comment being written,
 * and the actions (open a thread on the selection, reply, edit, delete, resolve, reopen), each one
 * a write to the comments document through the schema's helpers.
 */
import {
  addReply,
  type CommentAnchor,
  type CommentAuthor,
  type CommentThread,
  createThread,
  deleteComment,
  editComment,
  setResolved,
} from '@convene/schema'
import { type Editor, getTextBetween, getTextSerializersFromSchema } from '@tiptap/core'
import { useEditorState } from '@tiptap/react'
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import type { SessionUser } from '../auth/auth-api'
import { anchorForRange } from './comment-anchors'
import { commentHighlightsKey, type PlacedThread, updateCommentHighlights } from './comment-highlights'
import type { CommentsSession } from './comments-session'

/** A comment being written on a passage of the text. */
export type CommentDraft = { anchor: CommentAnchor; quote: string }

/** A thread with where it sits in the text. */
export type ListedThread = CommentThread & { place: PlacedThread | undefined }

/** What `useComments` gives the view. */
export type CommentsController = {
  synced: boolean
  /** Open threads, then resolved ones, each in document order. */
  open: ListedThread[]
  resolved: ListedThread[]
  activeId: string | null
  draft: CommentDraft | null
  /** Makes `threadId` the current thread; `scroll` brings its passage into view. */
  activate: (threadId: string | null, options?: { scroll?: boolean }) => void
  /** Starts a comment on the selection; false when there is nothing to comment on. */
  start: () => boolean
  cancelDraft: () => void
  post: (text: string) => void
  reply: (threadId: string, text: string) => void
  edit: (threadId: string, commentId: string, text: string) => void
  remove: (threadId: string, commentId: string) => void
  resolve: (threadId: string, resolved: boolean) => void
}

const samePlaced = (a: readonly PlacedThread[] | null, b: readonly PlacedThread[] | null) =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.length === b.length &&
    a.every((p, i) => {
      const q = b[i]
      return q && p.id === q.id && p.from === q.from && p.to === q.to && p.detached === q.detached
    }))

/** The range a comment started at the selection covers: the selection, or the block of an empty one. */
function commentRange(editor: Editor): { from: number; to: number } | null {
  const { selection } = editor.state
  if (!selection.empty) return { from: selection.from, to: selection.to }
  // With nothing selected (a keyboard user in read-only text, say), the paragraph or title at the cursor.
  const { $from } = selection
  if (!$from.parent.isTextblock || $from.parent.content.size === 0) return null
  return { from: $from.start(), to: $from.end() }
}

/** The comments controller of `editor`'s notice (its comments in `session`), acting as `user`. */
export function useComments(
  editor: Editor | null,
  session: CommentsSession,
  user: SessionUser,
): CommentsController {
  const threads = useSyncExternalStore(session.subscribe, session.getThreads)
  const synced = useSyncExternalStore(session.subscribe, session.isSynced)
  const [activeId, setActiveId] = useState<string | null>(null)
  const [draft, setDraft] = useState<CommentDraft | null>(null)
  const author: CommentAuthor = useMemo(() => ({ id: user.id, name: user.displayName }), [user])

  // The plugin places every thread after each change; this reads where they are.
  const placed = useEditorState({
    editor,
    selector: ({ editor: e }) => (e ? (commentHighlightsKey.getState(e.state)?.placed ?? null) : null),
    equalityFn: samePlaced,
  })

  useEffect(() => {
    if (!editor || editor.isDestroyed) return
    updateCommentHighlights(editor.view, {
      threads: threads.map((t) => ({ id: t.id, anchor: t.anchor, resolved: t.resolved })),
    })
  }, [editor, threads])
  useEffect(() => {
    if (editor && !editor.isDestroyed) updateCommentHighlights(editor.view, { activeId })
  }, [editor, activeId])
  useEffect(() => {
    if (editor && !editor.isDestroyed) updateCommentHighlights(editor.view, { draft: draft?.anchor ?? null })
  }, [editor, draft])

  // A thread resolved while it is the current one stops being current: its card goes to the
  // folded "resolved" list, and its highlight must not stay behind in the text.
  const activeResolved = threads.find((t) => t.id === activeId)?.resolved
  const wasResolved = useRef(activeResolved)
  useEffect(() => {
    if (wasResolved.current === false && activeResolved === true) setActiveId(null)
    wasResolved.current = activeResolved
  }, [activeResolved])

  const { open, resolved } = useMemo(() => {
    const where = new Map((placed ?? []).map((p) => [p.id, p]))
    const listed = threads.map((t) => ({ ...t, place: where.get(t.id) }))
    const position = (t: ListedThread) =>
      t.place && t.place.from >= 0 ? t.place.from : Number.MAX_SAFE_INTEGER
    listed.sort((a, b) => position(a) - position(b) || a.createdAt - b.createdAt)
    return { open: listed.filter((t) => !t.resolved), resolved: listed.filter((t) => t.resolved) }
  }, [threads, placed])

  const activate = useCallback(
    (threadId: string | null, options: { scroll?: boolean } = {}) => {
      setActiveId(threadId)
      if (!threadId || !options.scroll || !editor || editor.isDestroyed) return
      const place = commentHighlightsKey.getState(editor.state)?.placed.find((p) => p.id === threadId)
      if (!place || place.from < 0) return
      const { node } = editor.view.domAtPos(place.from)
      const element = node instanceof Element ? node : node.parentElement
      element?.scrollIntoView({ block: 'center' })
    },
    [editor],
  )

  const start = useCallback(() => {
    if (!editor || editor.isDestroyed) return false
    const range = commentRange(editor)
    if (!range) return false
    const anchor = anchorForRange(editor.state, range.from, range.to)
    if (!anchor) return false
    const quote = getTextBetween(editor.state.doc, range, {
      blockSeparator: '\n',
      textSerializers: getTextSerializersFromSchema(editor.schema),
    }).trim()
    setDraft({ anchor, quote })
    setActiveId(null)
    return true
  }, [editor])

  const cancelDraft = useCallback(() => setDraft(null), [])

  const post = useCallback(
    (text: string) => {
      if (!draft) return
      const id = createThread(session.ydoc, { anchor: draft.anchor, quote: draft.quote, text, author })
      setDraft(null)
      setActiveId(id)
    },
    [draft, session, author],
  )

  const reply = useCallback(
    (threadId: string, text: string) => {
      addReply(session.ydoc, threadId, { text, author })
    },
    [session, author],
  )
  const edit = useCallback(
    (threadId: string, commentId: string, text: string) =>
      editComment(session.ydoc, threadId, commentId, text),
    [session],
  )
  const remove = useCallback(
    (threadId: string, commentId: string) => deleteComment(session.ydoc, threadId, commentId),
    [session],
  )
  const resolve = useCallback(
    (threadId: string, value: boolean) => setResolved(session.ydoc, threadId, value, user.id),
    [session, user.id],
  )

  return {
    synced,
    open,
    resolved,
    activeId,
    draft,
    activate,
    start,
    cancelDraft,
    post,
    reply,
    edit,
    remove,
    resolve,
  }
}
