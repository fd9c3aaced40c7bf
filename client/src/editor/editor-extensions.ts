/**
 * The editor's extension list: the schema's `noticeExtensions()` with client behaviour added to
 * its nodes by `.extend()`, plus collaboration (sync and undo through Yjs), remote carets, title
 * placeholders and drop and gap cursors. No node is defined here.
 */
import { CONTENT_FIELD, NODE_NAMES, type NoticeLanguage, noticeExtensions } from '@convene/schema'
import type { AnyExtension, Node } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import { Dropcursor, Gapcursor, Placeholder } from '@tiptap/extensions'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { withAgendaItemBehaviour } from './agenda-item-behaviour'
import { type CollabUser, renderCaret, renderSelection } from './collab-carets'
import { ContainedCollaborationCaret } from './contained-carets'
import { type SpeakerFormRequest, withSpeakerBehaviour } from './speaker-behaviour'
import { withSymbolBehaviour } from './symbol-behaviour'

/** What the editor needs from its surroundings. */
export type EditorExtensionsOptions = {
  ydoc: Y.Doc
  provider: WebsocketProvider
  user: CollabUser
  /** The notice's language (links of document symbols). */
  language: NoticeLanguage
  /** Interface text used inside the document view. */
  text: {
    titlePlaceholder: string
    /** Shown in the empty paragraph of an empty notice. */
    textPlaceholder: string
    describeSpeaker: (text: string) => string
    describeSymbol: (symbol: string) => string
  }
  onOpenSpeakerForm: (request: SpeakerFormRequest) => void
  onOpenSymbolForm: () => void
  /** Told after this person moved an agenda item: its number before and after. */
  onItemMoved?: (from: string, to: string) => void
}

// biome-ignore lint/suspicious/noExplicitAny: node options differ per node; each behaviour is typed where it is defined.
type AnyNode = Node<any, any>

/** The full extension list of the collaborative notice editor. */
export function editorExtensions(options: EditorExtensionsOptions): AnyExtension[] {
  const behaviours: Record<string, (node: AnyNode) => AnyNode> = {
    [NODE_NAMES.agendaItem]: (node) => withAgendaItemBehaviour(node, options.onItemMoved),
    [NODE_NAMES.speaker]: (node) =>
      withSpeakerBehaviour(node, {
        onOpenForm: options.onOpenSpeakerForm,
        describe: options.text.describeSpeaker,
      }),
    [NODE_NAMES.symbol]: (node) =>
      withSymbolBehaviour(node, {
        onOpenForm: options.onOpenSymbolForm,
        describe: options.text.describeSymbol,
      }),
  }
  const base = noticeExtensions({ language: options.language }).map((extension) => {
    const add = behaviours[extension.name]
    return add && extension.type === 'node' ? add(extension as AnyNode) : extension
  })
  return [
    ...base,
    Collaboration.configure({ document: options.ydoc, field: CONTENT_FIELD }),
    ContainedCollaborationCaret.configure({
      provider: options.provider,
      user: options.user,
      render: renderCaret,
      selectionRender: renderSelection,
    }),
    Placeholder.configure({
      includeChildren: true,
      showOnlyCurrent: false,
      placeholder: ({ editor, node }) => {
        if (node.type.name === NODE_NAMES.agendaTitle) return options.text.titlePlaceholder
        const { doc } = editor.state
        return doc.childCount === 1 && doc.firstChild === node ? options.text.textPlaceholder : ''
      },
    }),
    Dropcursor.configure({ color: '#0b57a8', width: 2 }),
    Gapcursor,
  ]
}
