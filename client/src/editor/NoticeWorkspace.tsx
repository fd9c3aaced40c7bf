/**
 * One open notice: owns its collaboration session for as long as the notice is open, shows the
 * banner (presence, connection state) at once, and mounts the editing view after the first sync,
 * so the editor is built once, with the notice's real content and language.
 */
import { useEffect, useState, useSyncExternalStore } from 'react'
import { useLocale } from '../i18n/LocaleProvider'
import { NameDialog } from '../identity/NameDialog'
import { Link } from '../router/Link'
import { AppHeader } from '../ui/AppHeader'
import { Icon } from '../ui/Icon'
import { ConnectionIndicator } from './ConnectionIndicator'
import { CollabSession } from './collab-session'
import { NoticeEditorView } from './NoticeEditorView'
import { PresenceList } from './PresenceList'
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
  const { t } = useLocale()
  const [meta, setMetaField] = useSharedMeta(session.ydoc)
  const people = usePresence(session.provider.awareness)
  const connection = useSyncExternalStore(session.subscribe, session.getState)
  const [hasSynced, setHasSynced] = useState(false)
  const [renaming, setRenaming] = useState(false)
  useEffect(() => {
    if (connection.synced) setHasSynced(true)
  }, [connection.synced])
  useEffect(() => {
    document.title = `${meta.title || t.untitled} · ${t.appName}`
  }, [meta.title, t])

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
      {hasSynced ? (
        <NoticeEditorView session={session} meta={meta} onMetaChange={setMetaField} userName={userName} />
      ) : (
        <main id="main" className="editor-page__opening" aria-busy="true">
          <p className="plain-page__message">{t.openingNotice}</p>
        </main>
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
