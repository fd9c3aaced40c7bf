/**
 * Where a comment sits in the text. A thread's anchor is a pair of Yjs relative positions in the
 * notice's content fragment, made from ProseMirror positions through the binding's mapping
 * (y-tiptap's `absolutePositionToRelativePosition`) and turned back into positions the same way
 * (`relativePositionToAbsolutePosition`). They follow the text wherever other people edit it; when
 * the commented text is deleted, both ends meet and the thread is "detached".
 */
import { anchorFromRelativePositions, anchorToRelativePositions, type CommentAnchor } from '@convene/schema'
import type { EditorState } from '@tiptap/pm/state'
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap'
import * as Y from 'yjs'

/** The binding's map from Yjs types to ProseMirror nodes, as y-tiptap's position functions take it. */
type BindingMapping = Parameters<typeof relativePositionToAbsolutePosition>[3]

/** The parts of the y-sync plugin's state this module reads. */
type YSyncState = {
  doc: Y.Doc
  type: Y.XmlFragment
  binding: { mapping: BindingMapping } | null
}

function ySyncState(state: EditorState): YSyncState | null {
  const ystate = ySyncPluginKey.getState(state) as YSyncState | undefined
  return ystate?.binding && ystate.doc ? ystate : null
}

/**
 * y-tiptap ties a position to the character before it, so text typed just before a commented
 * passage would join the passage. The start of a comment is tied to what follows it instead: the
 * next character, or, at the end of a run of text, the next node (a speaker or a symbol).
 */
function tiedToNextCharacter(position: Y.RelativePosition, doc: Y.Doc): Y.RelativePosition {
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc)
  if (!absolute || !(absolute.type instanceof Y.XmlText)) return position
  if (absolute.index < absolute.type.length) {
    return Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, 0)
  }
  const parent = absolute.type.parent
  if (!(parent instanceof Y.XmlElement)) return position
  const next = parent.toArray().indexOf(absolute.type) + 1
  return next > 0 && next < parent.length ? Y.createRelativePositionFromTypeIndex(parent, next, 0) : position
}

/**
 * y-tiptap refuses a position tied to a character when it lands on the first text position of
 * the document (its `isMisresolvedTextPosition`), which is where a comment on the notice's first
 * words starts. Such a position, when it stands before the first character of a text, is the
 * start of that text, which y-tiptap resolves; any other position is returned as it is.
 */
function asStartOfText(position: Y.RelativePosition, doc: Y.Doc): Y.RelativePosition {
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc)
  if (!absolute || !(absolute.type instanceof Y.XmlText) || absolute.index !== 0) return position
  return Y.createRelativePositionFromTypeIndex(absolute.type, 0, -1)
}

/** The anchor of the range `from`..`to` of `state`'s document, or null before the editor is bound to Yjs. */
export function anchorForRange(state: EditorState, from: number, to: number): CommentAnchor | null {
  const ystate = ySyncState(state)
  if (!ystate?.binding) return null
  const { mapping } = ystate.binding
  const start = absolutePositionToRelativePosition(from, ystate.type, mapping) as Y.RelativePosition
  const end = absolutePositionToRelativePosition(to, ystate.type, mapping) as Y.RelativePosition
  return anchorFromRelativePositions(tiedToNextCharacter(start, ystate.doc), end)
}

/** Where an anchor lies in the current document. */
export type PlacedRange = {
  /** -1 when the anchor cannot be placed at all (its whole block was deleted). */
  from: number
  to: number
  /** The commented text is gone (the range is empty, or cannot be placed). */
  detached: boolean
}

/** Resolves `anchor` against `state`'s document; an end that cannot be resolved counts as absent. */
export function placeAnchor(state: EditorState, anchor: CommentAnchor): PlacedRange {
  const ystate = ySyncState(state)
  if (!ystate?.binding) return { from: -1, to: -1, detached: true }
  const { start, end } = anchorToRelativePositions(anchor)
  const size = state.doc.content.size
  const { mapping } = ystate.binding
  const resolve = (position: Y.RelativePosition): number | null => {
    let pos: number | null
    try {
      pos =
        relativePositionToAbsolutePosition(ystate.doc, ystate.type, position, mapping) ??
        relativePositionToAbsolutePosition(
          ystate.doc,
          ystate.type,
          asStartOfText(position, ystate.doc),
          mapping,
        )
    } catch {
      // A position Yjs cannot resolve (hostile or damaged data) is treated as absent: detached.
      pos = null
    }
    return pos === null ? null : Math.max(0, Math.min(pos, size))
  }
  const from = resolve(start)
  const to = resolve(end)
  if (from === null && to === null) return { from: -1, to: -1, detached: true }
  if (from === null || to === null) {
    const at = (from ?? to) as number
    return { from: at, to: at, detached: true }
  }
  return { from, to, detached: from >= to }
}
