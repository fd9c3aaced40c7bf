/**
 * One open notice: owns its collaboration sessions (the text, and the comments beside it) for as
 * long as the notice is open, shows the banner (presence, connection state, sharing) at once, and
 * mounts the editing view after the first sync, so the editor is built once, with the notice's
 * real content and language.
 */
import { type NoticeMeta, observeMoveReplays, readNoticeFromYDoc, readNoticeLeniently } from '@convene/schema'
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import type { SessionUser } from '../auth/auth-api'
import { guardConnection } from '../auth/connection-guard'
import { CommentsSession } from '../comments/comments-session'
import { useLocale } from '../i18n/LocaleProvider'
import { NextMeetingDialog } from '../notices/NextMeetingDialog'
import { LocalCopyRescue } from '../offline/LocalCopyRescue'
import { localCopyName } from '../offline/local-copy'
import { Link } from '../router/Link'
import type { NoticeAccess } from '../sharing/roles'
import { ShareDialog } from '../sharing/ShareDialog'
import { AppHeader } from '../ui/AppHeader'
import { Icon } from '../ui/Icon'
import { ConnectionIndicator } from './ConnectionIndicator'
import { CollabSession } from './collab-session'
import { NoticeEditorView } from './NoticeEditorView'
import { PresenceList } from './PresenceList'
import { UnreadablePartsBanner } from './UnreadablePartsBanner'
import { usePresence } from './use-presence'
import { useRestoreNotes } from './use-restore-notes'
import { useSharedMeta } from './use-shared-meta'

/** Props of `NoticeWorkspace`. */
export type NoticeWorkspaceProps = {
  noticeId: string
  user: SessionUser
  access: NoticeAccess
  /** Why the notice was opened again (after a 4403), to say so above the text; null the first time. */
  reopened: 'refused' | 'role-changed' | null
  /** Called when the server refuses a change to the text or the comments (close code 4403). */
  onRefused: () => void
}

/** The transaction origin of replayed edits (not the user's own: the undo history leaves them alone). */
const MOVE_REPLAY_ORIGIN = { name: 'agenda-move-replay' }

type Sessions = { text: CollabSession; comments: CommentsSession }

/** Opens the notice `noticeId` for collaborative work as `user`, with the rights `access`. */
export function NoticeWorkspace(props: NoticeWorkspaceProps) {
  const { noticeId, onRefused } = props
  const [sessions, setSessions] = useState<Sessions | null>(null)
  const { user, access } = props
  // Only people who may edit keep a copy in the browser: nothing else could be sent.
  const localCopy = access.canEdit ? localCopyName(user.id, noticeId) : null
  useEffect(() => {
    const text = new CollabSession(noticeId, { localCopy })
    const unguard = guardConnection(text.provider, onRefused)
    const comments = new CommentsSession(noticeId, onRefused)
    setSessions({ text, comments })
    return () => {
      unguard()
      comments.destroy()
      text.destroy()
    }
  }, [noticeId, onRefused, localCopy])
  if (!sessions) return null
  return <Workspace {...props} session={sessions.text} comments={sessions.comments} />
}

function Workspace({
  noticeId,
  session,
  comments,
  user,
  access,
  reopened,
}: NoticeWorkspaceProps & { session: CollabSession; comments: CommentsSession }) {
  const { t } = useLocale()
  const [meta, setMetaField] = useSharedMeta(session.ydoc)
  const people = usePresence(session.provider.awareness)
  const connection = useSyncExternalStore(session.subscribe, session.getState)
  // A session the server stopped for good takes no more keystrokes: they could not be sent.
  const effectiveAccess = useMemo(
    () => (connection.finalReason === null ? access : { ...access, canEdit: false }),
    [access, connection.finalReason],
  )
  const gone = connection.finalReason === 'notice-missing' || connection.finalReason === 'notice-deleted'
  const copyName = localCopyName(user.id, noticeId)
  const [hasSynced, setHasSynced] = useState(false)
  // What the first synced state holds that the schema cannot read, named before the editor binds
  // to it (the binding leaves out what does not fit, so afterwards it would no longer be seen).
  const [unreadable, setUnreadable] = useState<readonly string[]>([])
  const [sharing, setSharing] = useState(false)
  const restoreNote = useRestoreNotes(session.provider.awareness)
  // The notice as it reads when "New notice from this one" is chosen.
  const [nextFrom, setNextFrom] = useState<ReturnType<typeof readNoticeFromYDoc> | null>(null)
  useEffect(() => {
    if (!connection.synced || hasSynced) return
    setUnreadable(readNoticeLeniently(session.ydoc).problems)
    setHasSynced(true)
  }, [connection.synced, hasSynced, session])
  // Editors re-apply edits that others made in items they moved (the server does too); a reader
  // would be refused any change, so only writers do.
  useEffect(
    () => (access.canEdit ? observeMoveReplays(session.ydoc, MOVE_REPLAY_ORIGIN) : undefined),
    [access.canEdit, session],
  )
  useEffect(() => {
    document.title = `${meta.title || t.untitled} · ${t.appName}`
  }, [meta.title, t])

  return (
    <div className="editor-page">
      <AppHeader skipTo="notice">
        <Link href="/" className="back-link">
          <Icon name="back" />
          {t.allNotices}
        </Link>
        <p className="editor-page__name">
          <span className="editor-page__title" title={meta.title || t.untitled}>
            {meta.title || t.untitled}
          </span>
          {meta.symbol && <span className="editor-page__symbol">{meta.symbol}</span>}
        </p>
        <div className="editor-page__status">
          <ConnectionIndicator session={session} />
          <PresenceList people={people} />
          {hasSynced && (
            <button
              type="button"
              className="button button--small"
              onClick={() => setNextFrom(readNoticeFromYDoc(session.ydoc))}
            >
              <Icon name="plus" />
              {t.nextMeeting.open}
            </button>
          )}
          {access.canShare && (
            <button type="button" className="button button--small" onClick={() => setSharing(true)}>
              <Icon name="share" />
              {t.sharing.share}
            </button>
          )}
        </div>
      </AppHeader>
      {hasSynced ? (
        <NoticeEditorView
          session={session}
          comments={comments}
          meta={meta}
          onMetaChange={setMetaField}
          user={user}
          access={effectiveAccess}
          reopened={reopened}
          notices={
            <>
              <UnreadablePartsBanner problems={unreadable} />
              {restoreNote && (
                <p className="restore-note" role="status" key={restoreNote.at}>
                  {t.revisions.restoredByOther(restoreNote.name, restoreNote.rev)}
                </p>
              )}
              {connection.finalReason !== null && (
                <p className="refused-banner" data-reason={connection.finalReason} role="alert">
                  {t.connection.closedBecause[connection.finalReason]}
                </p>
              )}
              {session.localCopy ? (
                gone && (
                  <LocalCopyRescue
                    name={copyName}
                    noticeGone
                    live={{ doc: session.ydoc, waiting: connection.waiting }}
                  />
                )
              ) : (
                <LocalCopyRescue name={copyName} noticeGone={gone} />
              )}
            </>
          }
        />
      ) : (
        <main id="main" className="editor-page__opening" aria-busy="true">
          <p className="plain-page__message">{t.openingNotice}</p>
        </main>
      )}
      {nextFrom && (
        <NextMeetingDialog
          noticeId={noticeId}
          source={{ meta: nextFrom.meta as Partial<NoticeMeta>, content: nextFrom.content }}
          onClose={() => setNextFrom(null)}
        />
      )}
      {sharing && (
        <ShareDialog
          noticeId={noticeId}
          noticeTitle={meta.title || t.untitled}
          me={user.username}
          onClose={() => setSharing(false)}
        />
      )}
    </div>
  )
}
