/**
 * The title of an agenda item ("DISCUSSIONS THÉMATIQUES"). Its number is not part of it: numbers
 * are derived from the item's position (see numbering.ts).
 */
import { mergeAttributes, Node } from '@tiptap/core'
import { NODE_NAMES } from './node-names'

/** Options of the {@link AgendaTitle} node. */
export type AgendaTitleOptions = { HTMLAttributes: Record<string, unknown> }

/** Node `agendaTitle`: inline content, DOM `<h2 data-type="agenda-title">`; always the first child of an agendaItem. */
export const AgendaTitle = Node.create<AgendaTitleOptions>({
  name: NODE_NAMES.agendaTitle,
  content: 'inline*',
  defining: true,

  addOptions() {
    return { HTMLAttributes: {} }
  },

  parseHTML() {
    return [{ tag: 'h2[data-type="agenda-title"]' }]
  },

  renderHTML({ HTMLAttributes }) {
    return [
      'h2',
      mergeAttributes({ 'data-type': 'agenda-title' }, this.options.HTMLAttributes, HTMLAttributes),
      0,
    ]
  },
})
