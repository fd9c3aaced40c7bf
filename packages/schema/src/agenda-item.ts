/**
 * The agenda item: a titled section holding body blocks and nested sub-items to any depth, with a
 * stable id that comments, diffs and links hold on to while the item moves and is renumbered.
 */
import { mergeAttributes, Node } from '@tiptap/core'
import { NODE_NAMES } from './node-names'
import type { ParsedElement } from './parsed-element'

/** Options of the {@link AgendaItem} node. */
export type AgendaItemOptions = { HTMLAttributes: Record<string, unknown> }

/**
 * Node `agendaItem`: content `agendaTitle (block | agendaItem)*`, attribute `id` (DOM `data-id`),
 * DOM `<section data-type="agenda-item" data-id="…">`. The id defaults to null (not yet assigned):
 * the editor's id plugin gives each item without one a {@link createAgendaItemId}. Attribute
 * `recurring` (DOM `data-recurring="true"`, default false) marks an item every meeting has ("Other
 * business", "Adoption of the agenda"): the notice for the next meeting always keeps it.
 */
export const AgendaItem = Node.create<AgendaItemOptions>({
  name: NODE_NAMES.agendaItem,
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
      recurring: {
        default: false,
        keepOnSplit: false,
        parseHTML: (element: ParsedElement) => element.getAttribute('data-recurring') === 'true',
        renderHTML: (attributes: Record<string, unknown>) =>
          attributes.recurring === true ? { 'data-recurring': 'true' } : {},
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

// Web Crypto is global in browsers and in Node 20; the schema is typed without DOM or Node globals.
const webCrypto = (
  globalThis as unknown as { crypto: { getRandomValues<T extends Uint8Array>(array: T): T } }
).crypto

/**
 * A fresh agenda item id: `item-` and a random UUID v4, the one id generator of the editor, the server
 * and tests. Built from `crypto.getRandomValues`, which, unlike `randomUUID`, browsers also offer
 * outside secure contexts (a notice served over plain http on a local network).
 */
export function createAgendaItemId(): string {
  const bytes = webCrypto.getRandomValues(new Uint8Array(16))
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `item-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
