/**
 * Editing behaviour added to the schema's `speaker` node: a node view that shows the speaker's
 * running text and opens the speaker form on click (or Enter when selected), and commands to
 * insert and update speakers. The node and its text stay the schema's.
 */
import { NODE_NAMES, SPEAKER_FIELDS, type SpeakerAttrs, speakerText, toSpeakerAttrs } from '@convene/schema'
import type { Node } from '@tiptap/core'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { NodeSelection } from '@tiptap/pm/state'

/** A request for the speaker form: `pos` is the speaker being edited, or null to insert a new one. */
export type SpeakerFormRequest = { pos: number | null; attrs: SpeakerAttrs }

/** Options the client adds to the speaker node. */
export type SpeakerBehaviourOptions = {
  /** Opens the speaker form. */
  onOpenForm: (request: SpeakerFormRequest) => void
  /** The accessible description of a speaker in the text (from its running text). */
  describe: (text: string) => string
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    speaker: {
      /** Inserts a speaker at the selection. */
      insertSpeaker: (attrs: SpeakerAttrs) => ReturnType
      /** Replaces the fields of the speaker at `pos`. */
      updateSpeaker: (pos: number, attrs: SpeakerAttrs) => ReturnType
      /** Opens the speaker form, for the selected speaker or for a new one. */
      openSpeakerForm: () => ReturnType
    }
  }
}

/** Shortcut that opens the speaker form. */
export const SPEAKER_SHORTCUT = 'Alt-Shift-s'

/** An empty set of speaker fields. */
export const EMPTY_SPEAKER: SpeakerAttrs = Object.fromEntries(
  SPEAKER_FIELDS.map((f) => [f, '']),
) as SpeakerAttrs

/** Adds the node view, commands and shortcuts to the schema's speaker node. */
export function withSpeakerBehaviour<O, S>(
  speaker: Node<O, S>,
  behaviour: SpeakerBehaviourOptions,
): Node<O & SpeakerBehaviourOptions, S> {
  return speaker.extend<O & SpeakerBehaviourOptions, S>({
    addOptions() {
      return { ...(this.parent?.() as O), ...behaviour }
    },

    addNodeView() {
      return ({ node, getPos }) => {
        const dom = document.createElement('span')
        dom.className = 'speaker'
        dom.dataset.type = 'speaker'
        const render = (attrs: SpeakerAttrs) => {
          const text = speakerText(attrs)
          dom.textContent = text
          dom.title = this.options.describe(text)
        }
        render(toSpeakerAttrs(node.attrs))
        const open = () => {
          const pos = getPos()
          if (typeof pos !== 'number' || !this.editor.isEditable) return
          const current = this.editor.state.doc.nodeAt(pos)
          if (current?.type.name !== this.name) return
          this.options.onOpenForm({ pos, attrs: toSpeakerAttrs(current.attrs) })
        }
        dom.addEventListener('click', open)
        return {
          dom,
          update: (updated) => {
            if (updated.type.name !== this.name) return false
            render(toSpeakerAttrs(updated.attrs))
            return true
          },
          selectNode: () => dom.classList.add('is-selected'),
          deselectNode: () => dom.classList.remove('is-selected'),
          destroy: () => dom.removeEventListener('click', open),
          ignoreMutation: () => true,
        }
      }
    },

    addCommands() {
      return {
        insertSpeaker:
          (attrs) =>
          ({ commands }) =>
            commands.insertContent({ type: this.name, attrs }),
        updateSpeaker:
          (pos, attrs) =>
          ({ tr, dispatch }) => {
            const node = tr.doc.nodeAt(pos)
            if (node?.type.name !== this.name) return false
            if (dispatch) tr.setNodeMarkup(pos, undefined, { ...node.attrs, ...attrs })
            return true
          },
        openSpeakerForm:
          () =>
          ({ state }) => {
            const { selection } = state
            if (selection instanceof NodeSelection && selection.node.type.name === this.name) {
              this.options.onOpenForm({ pos: selection.from, attrs: toSpeakerAttrs(selection.node.attrs) })
            } else {
              this.options.onOpenForm({ pos: null, attrs: EMPTY_SPEAKER })
            }
            return true
          },
      }
    },

    addKeyboardShortcuts() {
      // Enter on a selected speaker opens its form (elsewhere Enter keeps its usual meaning).
      const editSelected = () => {
        const { selection } = this.editor.state
        if (!(selection instanceof NodeSelection) || selection.node.type.name !== this.name) return false
        return this.editor.commands.openSpeakerForm()
      }
      return { [SPEAKER_SHORTCUT]: () => this.editor.commands.openSpeakerForm(), Enter: editSelected }
    },
  })
}

/**
 * The position of the speaker a form was opened on, found again after the document changed
 * (collaborators keep typing while the form is open): the node at `pos` if it is still that
 * speaker, else the nearest speaker with the same fields; null when it is gone.
 */
export function findSpeaker(doc: ProseMirrorNode, pos: number, attrs: SpeakerAttrs): number | null {
  const same = (node: ProseMirrorNode | null | undefined) =>
    node?.type.name === NODE_NAMES.speaker &&
    SPEAKER_FIELDS.every((field) => node.attrs[field] === attrs[field])
  if (pos <= doc.content.size && same(doc.nodeAt(pos))) return pos
  let best: number | null = null
  doc.descendants((node, at) => {
    if (same(node) && (best === null || Math.abs(at - pos) < Math.abs(best - pos))) best = at
    return !node.isInline
  })
  return best
}
