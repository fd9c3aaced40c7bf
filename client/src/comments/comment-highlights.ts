/**
 * Highlights commented text with ProseMirror decorations (never marks: the text itself is not
 * touched, so a reviewer's comment is no change to the notice). The plugin holds the threads'
 * anchors, places them after every change of the document (remote changes at once, through the
 * Yjs binding; local ones mapped at once, then placed again as soon as the binding has caught up)
 * and exposes where each thread sits, for the comments panel to list them in document order.
 */
import type { CommentAnchor } from '@convene/schema'
import { Extension } from '@tiptap/core'
import { keydownHandler } from '@tiptap/pm/keymap'
import { type EditorState, Plugin, PluginKey, type Transaction } from '@tiptap/pm/state'
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { containPlugin } from '../editor/contained-plugin'
import { type PlacedRange, placeAnchor } from './comment-anchors'

/** What the plugin needs to know of a thread. */
export type AnchoredThread = { id: string; anchor: CommentAnchor; resolved: boolean }

/** A thread placed in the current document. */
export type PlacedThread = PlacedRange & { id: string; resolved: boolean }

/** The plugin's state. */
export type CommentHighlightState = {
  threads: readonly AnchoredThread[]
  placed: readonly PlacedThread[]
  /** The thread shown as current (its highlight is stronger). */
  activeId: string | null
  /** The range of a comment being written, highlighted until it is posted or dropped. */
  draft: CommentAnchor | null
  draftRange: PlacedRange | null
  decorations: DecorationSet
  /** Positions were mapped through a local change and must be placed again from Yjs. */
  stale: boolean
}

/** What a transaction can tell the plugin (as its meta). */
export type CommentHighlightMeta = {
  threads?: readonly AnchoredThread[]
  activeId?: string | null
  draft?: CommentAnchor | null
  refresh?: true
}

/** Key of the comment highlight plugin. */
export const commentHighlightsKey = new PluginKey<CommentHighlightState>('commentHighlights')

/** The keyboard shortcut that comments on the selection. */
export const COMMENT_SHORTCUT = 'Mod-Alt-m'

function place(state: EditorState, threads: readonly AnchoredThread[]): PlacedThread[] {
  return threads.map((thread) => ({
    id: thread.id,
    resolved: thread.resolved,
    ...placeAnchor(state, thread.anchor),
  }))
}

function decorate(
  doc: EditorState['doc'],
  placed: readonly PlacedThread[],
  activeId: string | null,
  draftRange: PlacedRange | null,
): DecorationSet {
  const decorations: Decoration[] = []
  for (const thread of placed) {
    const active = thread.id === activeId
    // Resolved threads are out of the way unless their card is the current one.
    if (thread.detached || (thread.resolved && !active)) continue
    decorations.push(
      Decoration.inline(
        thread.from,
        thread.to,
        {
          class: active ? 'comment-highlight comment-highlight--active' : 'comment-highlight',
          'data-thread-id': thread.id,
        },
        { threadId: thread.id },
      ),
    )
  }
  if (draftRange && !draftRange.detached) {
    decorations.push(
      Decoration.inline(draftRange.from, draftRange.to, {
        class: 'comment-highlight comment-highlight--draft',
      }),
    )
  }
  return DecorationSet.create(doc, decorations)
}

function placeAll(state: EditorState, base: CommentHighlightState): CommentHighlightState {
  const placed = place(state, base.threads)
  const draftRange = base.draft ? placeAnchor(state, base.draft) : null
  return {
    ...base,
    placed,
    draftRange,
    stale: false,
    decorations: decorate(state.doc, placed, base.activeId, draftRange),
  }
}

function mapRange<R extends PlacedRange>(range: R, tr: Transaction): R {
  if (range.from < 0) return range
  const from = tr.mapping.map(range.from, 1)
  const to = Math.max(from, tr.mapping.map(range.to, -1))
  return { ...range, from, to, detached: range.detached || from >= to }
}

/** The ProseMirror plugin; `onActivate` is called with a thread's id when its highlight is clicked. */
export function commentHighlightsPlugin(
  onActivate: (threadId: string) => void,
): Plugin<CommentHighlightState> {
  return new Plugin<CommentHighlightState>({
    key: commentHighlightsKey,
    state: {
      init: (_config, state) => ({
        threads: [],
        placed: [],
        activeId: null,
        draft: null,
        draftRange: null,
        decorations: DecorationSet.create(state.doc, []),
        stale: false,
      }),
      apply(tr, previous, _oldState, newState) {
        const meta = tr.getMeta(commentHighlightsKey) as CommentHighlightMeta | undefined
        const remote = Boolean(
          (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin,
        )
        const next: CommentHighlightState = meta
          ? {
              ...previous,
              ...(meta.threads !== undefined && { threads: meta.threads }),
              ...(meta.activeId !== undefined && { activeId: meta.activeId }),
              ...(meta.draft !== undefined && { draft: meta.draft }),
            }
          : previous
        if (tr.docChanged && !remote) {
          // A local change reaches Yjs only in the y-sync plugin's view update: until then the
          // anchors cannot be placed from Yjs, so they are mapped, and placed again right after.
          const placed = next.placed.map((thread) => mapRange(thread, tr))
          const draftRange = next.draftRange && mapRange(next.draftRange, tr)
          return {
            ...next,
            placed,
            draftRange,
            stale: true,
            decorations: decorate(newState.doc, placed, next.activeId, draftRange),
          }
        }
        if (meta || remote) return placeAll(newState, next)
        return previous
      },
    },
    view: () => ({
      update(view: EditorView) {
        // The y-sync plugin writes a local change to Yjs in its own view update, before this one
        // (it comes first in the plugin list); place the anchors again once that is done.
        if (!commentHighlightsKey.getState(view.state)?.stale) return
        queueMicrotask(() => {
          if (view.isDestroyed || !commentHighlightsKey.getState(view.state)?.stale) return
          view.dispatch(
            view.state.tr.setMeta(commentHighlightsKey, { refresh: true }).setMeta('addToHistory', false),
          )
        })
      },
    }),
    props: {
      decorations: (state) => commentHighlightsKey.getState(state)?.decorations,
      handleClick(view, pos) {
        const state = commentHighlightsKey.getState(view.state)
        if (!state) return false
        // The innermost (shortest) highlighted thread under the click.
        const hit = state.placed
          .filter(
            (t) => !t.detached && (!t.resolved || t.id === state.activeId) && t.from <= pos && pos <= t.to,
          )
          .sort((a, b) => a.to - a.from - (b.to - b.from))[0]
        if (hit) onActivate(hit.id)
        return false
      },
    },
  })
}

/** Options of the comments extension. */
export type CommentsExtensionOptions = {
  /** Called by the shortcut: comment on the selection. */
  onComment: () => void
  /** Called when a highlighted passage is clicked. */
  onActivate: (threadId: string) => void
}

/**
 * The comment shortcut. ProseMirror runs keymaps only in editable text, and reviewers comment on
 * read-only text, so the shortcut is read from the raw keydown event, in either mode.
 */
function commentShortcutPlugin(onComment: () => void): Plugin {
  const handle = keydownHandler({
    [COMMENT_SHORTCUT]: () => {
      onComment()
      return true
    },
  })
  return new Plugin({
    key: new PluginKey('commentShortcut'),
    props: {
      handleDOMEvents: {
        keydown: (view, event) => {
          if (!handle(view, event)) return false
          event.preventDefault()
          return true
        },
      },
    },
  })
}

/** The Tiptap extension: the highlight plugin and the comment shortcut (which also works in read-only text). */
export const CommentsExtension = Extension.create<CommentsExtensionOptions>({
  name: 'comments',
  addOptions() {
    return { onComment: () => {}, onActivate: () => {} }
  },
  addProseMirrorPlugins() {
    return [
      containPlugin(
        commentHighlightsPlugin((id) => this.options.onActivate(id)),
        {
          name: 'comment highlight',
          // Without highlights until the next change places the anchors again.
          fallback: (previous) => ({
            threads: previous?.threads ?? [],
            placed: [],
            activeId: previous?.activeId ?? null,
            draft: previous?.draft ?? null,
            draftRange: null,
            decorations: DecorationSet.empty,
            stale: false,
          }),
        },
      ),
      commentShortcutPlugin(() => this.options.onComment()),
    ]
  },
})

/** Sets what the highlight plugin knows (threads, the current thread, a draft) in `view`. */
export function updateCommentHighlights(view: EditorView, meta: CommentHighlightMeta): void {
  if (view.isDestroyed) return
  view.dispatch(view.state.tr.setMeta(commentHighlightsKey, meta).setMeta('addToHistory', false))
}
