/**
 * The comments side panel: the comment being written (on the passage it quotes), then the open
 * threads and the resolved ones, each in the order of their passages in the notice.
 */
import type { SessionUser } from '../auth/auth-api'
import { useLocale } from '../i18n/LocaleProvider'
import type { NoticeAccess } from '../sharing/roles'
import { formatShortcut } from '../ui/shortcuts'
import { CommentEditor } from './CommentEditor'
import { CommentThreadCard } from './CommentThreadCard'
import { COMMENT_SHORTCUT } from './comment-highlights'
import type { CommentsController } from './use-comments'

/** Props of `CommentsPanel`. */
export type CommentsPanelProps = {
  comments: CommentsController
  user: SessionUser
  access: NoticeAccess
  /** A message about the last attempt to comment ("select text first"). */
  notice: string
  /** Called after a comment is posted or dropped (the focus goes back to the text). */
  onDraftClosed: () => void
}

/** The comments panel. */
export function CommentsPanel({ comments, user, access, notice, onDraftClosed }: CommentsPanelProps) {
  const { t } = useLocale()
  const { draft, open, resolved, activeId } = comments
  const renderThread = (thread: (typeof open)[number]) => (
    <li key={thread.id}>
      <CommentThreadCard
        thread={thread}
        active={thread.id === activeId}
        user={user}
        access={access}
        comments={comments}
      />
    </li>
  )
  return (
    <section className="comments-panel" aria-label={t.comments.title}>
      <p className="comments-panel__status" role="status">
        {notice}
      </p>
      {draft && (
        <div className="thread thread--draft">
          <p className="thread__quote thread__quote--static">
            <span className="thread__quote-text">{draft.quote}</span>
          </p>
          <CommentEditor
            label={t.comments.newLabel(draft.quote)}
            placeholder={t.comments.newPlaceholder}
            submitLabel={t.comments.post}
            autoFocus
            onSubmit={(text) => {
              comments.post(text)
              onDraftClosed()
            }}
            onCancel={() => {
              comments.cancelDraft()
              onDraftClosed()
            }}
          />
        </div>
      )}
      {!comments.synced && <p className="panel__empty">{t.loading}</p>}
      {comments.synced && open.length === 0 && !draft && (
        <p className="panel__empty">
          {access.canComment
            ? t.comments.emptyCanComment(formatShortcut(COMMENT_SHORTCUT))
            : t.comments.empty}
        </p>
      )}
      {open.length > 0 && (
        <>
          <h3 className="comments-panel__heading">{t.comments.openCount(open.length)}</h3>
          <ol className="comments-panel__list">{open.map(renderThread)}</ol>
        </>
      )}
      {resolved.length > 0 && (
        <details className="comments-panel__resolved">
          <summary className="comments-panel__heading">{t.comments.resolvedCount(resolved.length)}</summary>
          <ol className="comments-panel__list">{resolved.map(renderThread)}</ol>
        </details>
      )}
    </section>
  )
}
