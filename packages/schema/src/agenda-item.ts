/**
 * The agenda item: a titled section holding body blocks and nested sub-items to any depth, with a
 * stable id that comments, diffs and links hold on to while the item moves and is renumbered.
 */
import { mergeAttributes, Node } from '@tiptap/core'
import type { ParsedElement } from './parsed-element'

/** Options of the {@link AgendaItem} node. */
export type AgendaItemOptions = { HTMLAttributes: Record<string, unknown> }

/**
 * Node `agendaItem`: content `agendaTitle (block | agendaItem)*`, attribute `id` (DOM `data-id`),
 * DOM `<section data-type="agenda-item" data-id="…">`. The id defaults to null so that an id
 * generator (such as @tiptap/extension-unique-id, which fills nulls) can assign it on the client.
 */
export const AgendaItem = Node.create<AgendaItemOptions>({
  name: 'agendaItem',
  // Body blocks and sub-items may interleave: two peers inserting at the boundary between the body and
  // the sub-items (one a paragraph, one a sub-item) can merge in either order, and a stricter
  // `agendaTitle block* agendaItem*` would then make the merged document invalid for every editor.
  content: 'agendaTitle (block | agendaItem)*',
  defining: true,
  isolating: true,

  addOptions() {
    return { HTMLAttributes: {} }
  },

  addAttributes() {
    return {
      id: {
        default: null,
        keepOnSplit: false,
        parseHTML: (element: ParsedElement) => element.getAttribute('data-id'),
        renderHTML: (attributes: Record<string, unknown>) =>
          attributes.id ? { 'data-id': attributes.id } : {},
      },
    }
  },

  parseHTML() {
    return [{ tag: 'section[data-type="agenda-item"]' }]
  },

  renderHTML({ HTMLAttributes }) {
    return [
      'section',
      mergeAttributes({ 'data-type': 'agenda-item' }, this.options.HTMLAttributes, HTMLAttributes),
      0,
    ]
  },
})

/**
 * A new random agenda item id (for items created outside an editor, e.g. by the server or tests).
 * Uses `crypto.randomUUID` where the runtime has it (Node 20, browsers).
 */
export function createAgendaItemId(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto
  if (crypto?.randomUUID) return `item-${crypto.randomUUID()}`
  return `item-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`
}
