/**
 * The editing view of a synced notice: toolbar, outline, the notice page bound to the shared
 * document through Tiptap, the details form, the comments, and the speaker and symbol forms. For
 * reviewers and viewers the text and details are read-only, and the toolbar says so.
 */
import { isNoticeLanguage, type NoticeMeta, type SpeakerAttrs } from '@convene/schema'
import { EditorContent, useEditor } from '@tiptap/react'
import { type ReactNode, useEffect, useRef, useState } from 'react'
import type { SessionUser } from '../auth/auth-api'
import { CommentsPanel } from '../comments/CommentsPanel'
import { CommentsExtension } from '../comments/comment-highlights'
import type { CommentsSession } from '../comments/comments-session'
import { useComments } from '../comments/use-comments'
import { useLocale } from '../i18n/LocaleProvider'
import { userColour } from '../identity/user-colour'
import { SidePanelTabs } from '../revisions/SidePanelTabs'
import { useRevisionsView } from '../revisions/use-revisions-view'
import { RoleBadge } from '../sharing/RoleBadge'
import { ReadOnlyGuard } from '../sharing/read-only-guard'
import type { NoticeAccess } from '../sharing/roles'
import type { CollabSession } from './collab-session'
import { editorExtensions } from './editor-extensions'
import { MetaPanel } from './MetaPanel'
import { NoticeHeader } from './NoticeHeader'
import { OutlinePanel } from './OutlinePanel'
import { SpeakerDialog } from './SpeakerDialog'
import { SymbolDialog } from './SymbolDialog'
import { findSpeaker, type SpeakerFormRequest } from './speaker-behaviour'
import { Toolbar } from './Toolbar'
import type { SharedMeta } from './use-shared-meta'

/** Props of `NoticeEditorView`. */
export type NoticeEditorViewProps = {
  session: CollabSession
  meta: SharedMeta
  onMetaChange: (field: keyof NoticeMeta, value: string) => void
  user: SessionUser
  access: NoticeAccess
  comments: CommentsSession
  /** Why the notice was opened again: a refused change (now read-only), or a new role. */
  reopened: 'refused' | 'role-changed' | null
  /** What is said above the text about the connection and the browser's copy (banners). */
  notices?: ReactNode
}

/** The toolbar, outline, page and details of a synced notice. */
export function NoticeEditorView(props: NoticeEditorViewProps) {
  const { session, meta, onMetaChange, user, access, reopened } = props
  const { t, locale } = useLocale()
  const language = isNoticeLanguage(meta.language) ? meta.language : 'en'
  const [speakerForm, setSpeakerForm] = useState<SpeakerFormRequest | null>(null)
  const [symbolForm, setSymbolForm] = useState(false)
  // The caret extension reads the user once, at creation; later changes go through updateUser.
  // The name is the session's display name; the colour follows the username, which never changes.
  const initialUser = useRef({ name: user.displayName, color: userColour(user.username) })
  // Read by the editor's extensions at each use, so they follow role changes without a rebuild.
  const accessRef = useRef(access)
  accessRef.current = access
  const commentActions = useRef({ start: () => {}, activate: (_id: string) => {} })
  // Said by screen readers after this person moves an item ("Item 3.2 moved to 4.1").
  const [moveAnnouncement, setMoveAnnouncement] = useState('')
  const itemMovedText = useRef(t.itemMoved)
  itemMovedText.current = t.itemMoved

  // Rebuilt only when the notice language (symbol links) or the interface language changes.
  const editor = useEditor(
    {
      // Built after the first render: creating it publishes this user's presence, which must not
      // update the banner while React is still rendering this view.
      immediatelyRender: false,
      // Replaced by the notice's text as soon as the binding renders; an empty paragraph rather than
      // an empty document, so that the caret it had (1) still lies in text once the notice, which
      // opens with a paragraph, is in (from an empty document, ProseMirror warns at every open).
      content: { type: 'doc', content: [{ type: 'paragraph' }] },
      editable: access.canEdit,
      extensions: [
        ...editorExtensions({
          ydoc: session.ydoc,
          provider: session.provider,
          user: initialUser.current,
          language,
          text: {
            titlePlaceholder: t.itemTitlePlaceholder,
            textPlaceholder: t.textPlaceholder,
            describeSpeaker: t.editSpeaker,
            describeSymbol: t.openSymbol,
          },
          onOpenSpeakerForm: (request) => accessRef.current.canEdit && setSpeakerForm(request),
          onOpenSymbolForm: () => accessRef.current.canEdit && setSymbolForm(true),
          onItemMoved: (from, to) => setMoveAnnouncement(itemMovedText.current(from, to)),
        }),
        ReadOnlyGuard.configure({ isReadOnly: () => !accessRef.current.canEdit }),
        CommentsExtension.configure({
          onComment: () => accessRef.current.canComment && commentActions.current.start(),
          onActivate: (id) => commentActions.current.activate(id),
        }),
      ],
      editorProps: {
        // A function, so that PM recomputes them on every update (read-only comes and goes).
        attributes: () => ({
          class: 'notice-text',
          'aria-label': t.noticeText,
          'aria-multiline': 'true',
          role: 'textbox',
          lang: language,
          // Read-only text still takes the focus, for reading by keyboard and the comment shortcut.
          ...(accessRef.current.canEdit ? {} : { 'aria-readonly': 'true', tabindex: '0' }),
        }),
      },
    },
    [session, language, locale],
  )

  useEffect(() => {
    if (!editor || editor.isDestroyed) return
    const caretUser = { name: user.displayName, color: userColour(user.username) }
    initialUser.current = caretUser
    editor.commands.updateUser(caretUser)
  }, [editor, user])

  useEffect(() => {
    if (editor && !editor.isDestroyed && editor.isEditable !== access.canEdit)
      editor.setEditable(access.canEdit)
  }, [editor, access.canEdit])

  const [sideTab, setSideTab] = useState<'details' | 'comments' | 'revisions'>(
    access.canEdit ? 'details' : 'comments',
  )
  const comments = useComments(editor, props.comments, user)
  const [commentNotice, setCommentNotice] = useState('')
  commentActions.current = {
    start: () => {
      setSideTab('comments')
      setCommentNotice(comments.start() ? '' : t.comments.selectFirst)
    },
    // A click in commented text marks its thread; it does not take the side panel away from
    // what the person has open there (an editor clicking into the text to type, say).
    activate: (id) => {
      comments.activate(id)
      // The card may be below the fold of the panel.
      requestAnimationFrame(() =>
        document
          .querySelector(`.comments-panel [data-thread-id="${CSS.escape(id)}"]`)
          ?.scrollIntoView({ block: 'nearest' }),
      )
    },
  }
  const revisions = useRevisionsView(session.noticeId, {
    panelOpen: sideTab === 'revisions',
    canEdit: access.canEdit,
    userId: user.id,
    onBackToEditing: () => editor?.commands.focus(),
    // Everyone editing is told, in their own language, through this user's presence.
    onRestored: (rev) => session.provider.awareness.setLocalStateField('restored', { rev, at: Date.now() }),
  })
  const outlined = revisions.reading ? revisions.readerEditor : editor

  const closeSpeakerForm = () => {
    setSpeakerForm(null)
    editor?.commands.focus()
  }
  const submitSpeaker = (attrs: SpeakerAttrs) => {
    if (!editor || !speakerForm) return
    if (speakerForm.pos === null) {
      editor.chain().focus().insertSpeaker(attrs).run()
    } else {
      const pos = findSpeaker(editor.state.doc, speakerForm.pos, speakerForm.attrs)
      if (pos !== null) editor.chain().focus().updateSpeaker(pos, attrs).setNodeSelection(pos).run()
    }
    setSpeakerForm(null)
  }

  return (
    <>
      <div className="visually-hidden" aria-live="polite" data-testid="move-announcement">
        {moveAnnouncement}
      </div>
      {revisions.bar ||
        (editor &&
          (access.canEdit || access.canComment ? (
            <Toolbar
              editor={editor}
              canEdit={access.canEdit}
              onComment={access.canComment ? () => commentActions.current.start() : undefined}
              leading={<RoleBadge access={access} />}
            />
          ) : (
            <div className="toolbar">
              <RoleBadge access={access} />
            </div>
          )))}
      <div className="workspace">
        <div className="workspace__side workspace__side--outline">
          {outlined && (
            <OutlinePanel
              key={revisions.reading ? 'revision' : 'live'}
              editor={outlined}
              onItemMoved={
                revisions.reading
                  ? undefined
                  : (from, to) => setMoveAnnouncement(itemMovedText.current(from, to))
              }
            />
          )}
        </div>
        <main id="main" className="workspace__main" tabIndex={-1}>
          {revisions.page}
          {reopened && !revisions.reading && (
            <p className="refused-banner" data-reason={reopened} role="alert">
              {reopened === 'refused' ? t.sharing.refused : t.sharing.roleNow(t.sharing.roles[access.role])}
            </p>
          )}
          {!revisions.reading && props.notices}
          <article className="page" lang={language} hidden={revisions.reading}>
            <NoticeHeader
              meta={meta}
              onFillIn={() => document.querySelector<HTMLInputElement>('.meta-panel input')?.focus()}
            />
            <EditorContent editor={editor} className="page__text" />
          </article>
        </main>
        <aside className="workspace__side workspace__side--details" aria-label={t.revisions.sidePanel}>
          <SidePanelTabs
            label={t.revisions.sidePanel}
            tabs={[
              { id: 'details', label: t.revisions.tabDetails },
              { id: 'comments', label: t.comments.tab(comments.open.length) },
              { id: 'revisions', label: t.revisions.tab },
            ]}
            value={sideTab}
            onChange={setSideTab}
          >
            {sideTab === 'details' && (
              <MetaPanel meta={meta} onChange={onMetaChange} readOnly={!access.canEdit} />
            )}
            {sideTab === 'comments' && (
              <CommentsPanel
                comments={comments}
                user={user}
                access={access}
                notice={commentNotice}
                onDraftClosed={() => {
                  setCommentNotice('')
                  editor?.commands.focus()
                }}
              />
            )}
            {sideTab === 'revisions' && revisions.panel}
          </SidePanelTabs>
        </aside>
      </div>
      {speakerForm && (
        <SpeakerDialog
          mode={speakerForm.pos === null ? 'insert' : 'edit'}
          initial={speakerForm.attrs}
          noticeLanguage={language}
          directory={meta.organisation ?? ''}
          onSubmit={submitSpeaker}
          onCancel={closeSpeakerForm}
        />
      )}
      {symbolForm && (
        <SymbolDialog
          onSubmit={(symbol) => {
            editor?.chain().focus().insertSymbol(symbol).run()
            setSymbolForm(false)
          }}
          onCancel={() => {
            setSymbolForm(false)
            editor?.commands.focus()
          }}
        />
      )}
    </>
  )
}
