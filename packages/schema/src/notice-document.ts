/**
 * The top node of a notice: preamble paragraphs (meeting and logistics text), then the agenda.
 * Header data (issuing body, symbol, dates) lives in the notice metadata, not here.
 */
import Document from '@tiptap/extension-document'

/** Node `doc`: content `block* agendaItem*` (preamble blocks, then the agenda items). */
export const NoticeDocument = Document.extend({
  content: 'block* agendaItem*',
})
