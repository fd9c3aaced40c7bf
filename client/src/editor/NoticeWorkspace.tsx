/**
 * The editing workspace of one open notice: toolbar, outline, the notice page bound to the shared
 * document, and the details form, with presence and connection state in the banner. It owns the
 * collaboration session for as long as the notice is open.
 */
import { isNoticeLanguage, type SpeakerAttrs } from '@convene/schema'
import { EditorContent, useEditor } from '@tiptap/react'
import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { useLocale } from '../i18n/LocaleProvider'
import { NameDialog } from '../identity/NameDialog'
import { userColour } from '../identity/user-colour'
import { Link } from '../router/Link'
import { AppHeader } from '../ui/AppHeader'
import { Icon } from '../ui/Icon'
import { ConnectionIndicator } from './ConnectionIndicator'
import { CollabSession } from './collab-session'
import { editorExtensions } from './editor-extensions'
import { MetaPanel } from './MetaPanel'
import { NoticeHeader } from './NoticeHeader'
import { OutlinePanel } from './OutlinePanel'
import { PresenceList } from './PresenceList'
import { SpeakerDialog } from './SpeakerDialog'
import { SymbolDialog } from './SymbolDialog'
import { findSpeaker, type SpeakerFormRequest } from './speaker-behaviour'
import { Toolbar } from './Toolbar'
import { usePresence } from './use-presence'
import { useSharedMeta } from './use-shared-meta'

/** Props of `NoticeWorkspace`. */
export type NoticeWorkspaceProps = { noticeId: string; userName: string; onRename: (name: string) => void }

/** Opens the notice `noticeId` for collaborative editing as `userName`. */
export function NoticeWorkspace(props: NoticeWorkspaceProps) {
  const [session, setSession] = useState<CollabSession | null>(null)
  useEffect(() => {
    const opened = new CollabSession(props.noticeId)
    setSession(opened)
    return () => opened.destroy()
  }, [props.noticeId])
  if (!session) return null
  return <Workspace {...props} session={session} />
}

function Workspace({ session, userName, onRename }: NoticeWorkspaceProps & { session: CollabSession }) {
  const { t, locale } = useLocale()
  const [meta, setMetaField] = useSharedMeta(session.ydoc)
  const language = isNoticeLanguage(meta.language) ? meta.language : 'en'
  const people = usePresence(session.provider.awareness)
  const connection = useSyncExternalStore(session.subscribe, session.getState)
  const [speakerForm, setSpeakerForm] = useState<SpeakerFormRequest | null>(null)
  const [symbolForm, setSymbolForm] = useState(false)
  const [renaming, setRenaming] = useState(false)
  const firstSync = useRef(false)
  if (connection.synced) firstSync.current = true
  const user = { name: userName, color: userColour(userName) }
  const userRef = useRef(user)
  userRef.current = user

  const editor = useEditor(
    {
      extensions: editorExtensions({
        ydoc: session.ydoc,
        provider: session.provider,
        user: userRef.current,
        language,
        text: {
          titlePlaceholder: t.itemTitlePlaceholder,
          textPlaceholder: t.textPlaceholder,
          describeSpeaker: t.editSpeaker,
          describeSymbol: t.openSymbol,
        },
        onOpenSpeakerForm: setSpeakerForm,
        onOpenSymbolForm: () => setSymbolForm(true),
      }),
      editorProps: {
        attributes: {
          class: 'notice-text',
          'aria-label': t.noticeText,
          'aria-multiline': 'true',
          role: 'textbox',
          lang: language,
        },
      },
    },
    [session, language, locale],
  )

  useEffect(() => {
    if (!editor || editor.isDestroyed) return
    editor.commands.updateUser({ name: userName, color: userColour(userName) })
  }, [editor, userName])

  useEffect(() => {
    document.title = `${meta.title || t.untitled} · ${t.appName}`
  }, [meta.title, t])

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
    <div className="editor-page">
      <AppHeader>
        <Link href="/" className="back-link">
          <Icon name="back" />
          {t.allNotices}
        </Link>
        <p className="editor-page__name">
          <span className="editor-page__title">{meta.title || t.untitled}</span>
          {meta.symbol && <span className="editor-page__symbol">{meta.symbol}</span>}
        </p>
        <div className="editor-page__status">
          <ConnectionIndicator session={session} />
          <PresenceList people={people} onRename={() => setRenaming(true)} />
        </div>
      </AppHeader>
      {editor && <Toolbar editor={editor} />}
      <div className="workspace">
        <div className="workspace__side workspace__side--outline">
          {editor && <OutlinePanel editor={editor} />}
        </div>
        <main id="main" className="workspace__main" tabIndex={-1}>
          <article className="page" lang={language} aria-busy={!firstSync.current}>
            <NoticeHeader
              meta={meta}
              onFillIn={() => document.querySelector<HTMLInputElement>('.meta-panel input')?.focus()}
            />
            {!firstSync.current && <p className="page__loading">{t.openingNotice}</p>}
            <EditorContent editor={editor} className="page__text" />
          </article>
        </main>
        <aside className="workspace__side workspace__side--details" aria-label={t.details}>
          <MetaPanel meta={meta} onChange={setMetaField} />
        </aside>
      </div>
      {speakerForm && (
        <SpeakerDialog
          mode={speakerForm.pos === null ? 'insert' : 'edit'}
          initial={speakerForm.attrs}
          noticeLanguage={language}
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
      <NameDialog
        key={String(renaming)}
        open={renaming}
        initialName={userName}
        onSave={(name) => {
          onRename(name)
          setRenaming(false)
        }}
        onCancel={() => setRenaming(false)}
      />
    </div>
  )
}
