/**
 * The names of a notice's node and mark types, as one table. Every workspace that looks at a node by
 * its name (the editor's behaviours, the compare view, the exporters, the Yjs moves) reads it here,
 * so renaming a node fails to compile instead of silently dropping what was keyed on the old name.
 */

/**
 * The node type names of {@link noticeExtensions}, also the `nodeName` of their Y.XmlElements.
 * `doc`, `paragraph`, `text`, `hardBreak` and the lists are Tiptap's own names, checked against the
 * extensions by node-names.test.ts.
 */
export const NODE_NAMES = {
  doc: 'doc',
  paragraph: 'paragraph',
  text: 'text',
  hardBreak: 'hardBreak',
  bulletList: 'bulletList',
  orderedList: 'orderedList',
  listItem: 'listItem',
  agendaItem: 'agendaItem',
  agendaTitle: 'agendaTitle',
  speaker: 'speaker',
  symbol: 'symbol',
} as const

/** One node type name of a notice. */
export type NodeName = (typeof NODE_NAMES)[keyof typeof NODE_NAMES]

/** The mark type names of {@link noticeExtensions} (Tiptap's own names). */
export const MARK_NAMES = {
  bold: 'bold',
  italic: 'italic',
  link: 'link',
} as const

/** One mark type name of a notice. */
export type MarkName = (typeof MARK_NAMES)[keyof typeof MARK_NAMES]
