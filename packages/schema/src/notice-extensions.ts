/**
 * THE extension list of a notice, and the ProseMirror schema built from it. Client, server and
 * exporters all build from this one list, so that a document cannot mean two things (and the Yjs
 * binding never drops a node one side does not know).
 */
import { type AnyExtension, getSchema } from '@tiptap/core'
import Bold from '@tiptap/extension-bold'
import HardBreak from '@tiptap/extension-hard-break'
import Italic from '@tiptap/extension-italic'
import Link from '@tiptap/extension-link'
import { BulletList, ListItem, OrderedList } from '@tiptap/extension-list'
import Paragraph from '@tiptap/extension-paragraph'
import Text from '@tiptap/extension-text'
import type { Schema } from '@tiptap/pm/model'
import { AgendaItem } from './agenda-item'
import { AgendaTitle } from './agenda-title'
import { DocumentSymbol } from './document-symbol'
import { NoticeDocument } from './notice-document'
import type { NoticeLanguage } from './notice-language'
import { Speaker } from './speaker'

/** Options of {@link noticeExtensions}: the notice language (used by symbol links). */
export type NoticeExtensionsOptions = { language?: NoticeLanguage }

/**
 * The extensions of a notice: document, paragraph, text, bold, italic, link, hardBreak, bulletList,
 * orderedList, listItem, agendaItem, agendaTitle, speaker, symbol. The client adds behaviour with
 * `.extend()` on these nodes, never new node types of its own.
 */
export function noticeExtensions(options: NoticeExtensionsOptions = {}): AnyExtension[] {
  const language = options.language ?? 'en'
  return [
    NoticeDocument,
    Paragraph,
    Text,
    Bold,
    Italic,
    Link.configure({ openOnClick: false }),
    HardBreak,
    BulletList,
    OrderedList,
    ListItem,
    AgendaItem,
    AgendaTitle,
    Speaker,
    DocumentSymbol.configure({ language }),
  ]
}

/** The ProseMirror schema of a notice, built without a DOM from {@link noticeExtensions}. */
export const noticeSchema: Schema = getSchema(noticeExtensions())
