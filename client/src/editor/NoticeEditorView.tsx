/**
 * The editing view of a synced notice: toolbar, outline, the notice page bound to the shared
 * document through Tiptap, the details form, and the speaker and symbol forms.
 */
import { isNoticeLanguage, type NoticeMeta, type SpeakerAttrs } from '@convene/schema'
import { EditorContent, useEditor } from '@tiptap/react'
import { useEffect, useRef, useState } from 'react'
import { useLocale } from '../i18n/LocaleProvider'
import { userColour } from '../identity/user-colour'
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
  userName: string
}

/** The toolbar, outline, page and details of a synced notice. */
export function NoticeEditorView({ session, meta, onMetaChange, userName }: NoticeEditorViewProps) {
  const { t, locale } = useLocale()
  const language = isNoticeLanguage(meta.language) ? meta.language : 'en'
  const [speakerForm, setSpeakerForm] = useState<SpeakerFormRequest | null>(null)
  const [symbolForm, setSymbolForm] = useState(false)
  // The caret extension reads the user once, at creation; later renames go through updateUser.
  const initialUser = useRef({ name: userName, color: userColour(userName) })

  // Rebuilt only when the notice language (symbol links) or the interface language changes.
  const editor = useEditor(
    {
      // Built after the first render: creating it publishes this user's presence, which must not
      // update the banner while React is still rendering this view.
      immediatelyRender: false,
      extensions: editorExtensions({
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
    const user = { name: userName, color: userColour(userName) }
    initialUser.current = user
    editor.commands.updateUser(user)
  }, [editor, userName])

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
      {editor && <Toolbar editor={editor} />}
      <div className="workspace">
        <div className="workspace__side workspace__side--outline">
          {editor && <OutlinePanel editor={editor} />}
        </div>
        <main id="main" className="workspace__main" tabIndex={-1}>
          <article className="page" lang={language}>
            <NoticeHeader
              meta={meta}
              onFillIn={() => document.querySelector<HTMLInputElement>('.meta-panel input')?.focus()}
            />
            <EditorContent editor={editor} className="page__text" />
          </article>
        </main>
        <aside className="workspace__side workspace__side--details" aria-label={t.details}>
          <MetaPanel meta={meta} onChange={onMetaChange} />
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
    </>
  )
}
