/**
 * The top node of a notice: preamble paragraphs (meeting and logistics text), then the agenda.
 * Header data (issuing body, symbol, dates) lives in the notice metadata, not here.
 */
import Document from '@tiptap/extension-document'

/**
 * Node `doc`: content `(block | agendaItem)*`: preamble blocks, then the agenda items. The order is
 * what editors produce, not a schema rule, so that concurrent inserts at the boundary always merge
 * into a valid document (see agenda-item.ts); readers take the blocks as the preamble.
 */
export const NoticeDocument = Document.extend({
  content: '(block | agendaItem)*',
})
