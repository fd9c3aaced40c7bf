/**
 * One thread in the comments panel: the passage it was opened on (or "Text deleted" when that
 * passage is gone), its comments with their authors and times, and the actions the signed-in
 * person may take: reply, edit and delete their own comments, resolve or reopen.
 */
import type { CommentData } from '@convene/schema'
import { type MouseEvent, useState } from 'react'
import type { SessionUser } from '../auth/auth-api'
import { useLocale } from '../i18n/LocaleProvider'
import { initials } from '../identity/user-colour'
import type { NoticeAccess } from '../sharing/roles'
import { CommentEditor } from './CommentEditor'
import { formatCommentTime } from './comment-time'
import type { CommentsController, ListedThread } from './use-comments'

/** Props of `CommentThreadCard`. */
export type CommentThreadCardProps = {
  thread: ListedThread
  active: boolean
  user: SessionUser
  access: NoticeAccess
  comments: CommentsController
}

/** A thread card. */
export function CommentThreadCard({ thread, active, user, access, comments }: CommentThreadCardProps) {
  const { t, locale } = useLocale()
  const [replying, setReplying] = useState(false)
  const detached = !thread.place || thread.place.detached
  const resolver =
    thread.resolvedBy === user.id
      ? t.you
      : thread.comments.find((c) => c.authorId === thread.resolvedBy)?.authorName

  // A click on the card (not on one of its controls) makes it current and shows its passage.
  const onCardClick = (event: MouseEvent) => {
    if ((event.target as Element).closest('button, a, textarea, input, select')) return
    if (!active) comments.activate(thread.id, { scroll: true })
  }

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the quote button is the keyboard way to the passage.
    <article
      className="thread"
      data-thread-id={thread.id}
      data-active={active || undefined}
      data-resolved={thread.resolved || undefined}
      data-detached={detached || undefined}
      aria-label={t.comments.threadLabel(thread.authorName, thread.quote)}
      onClick={onCardClick}
    >
      <div className="thread__anchor">
        <button
          type="button"
          className="thread__quote"
          disabled={detached}
          aria-label={detached ? undefined : t.comments.showInText(thread.quote)}
          onClick={() => comments.activate(thread.id, { scroll: true })}
        >
          <span className="thread__quote-text">{thread.quote || t.comments.noQuote}</span>
        </button>
        {detached && <span className="thread__detached">{t.comments.textDeleted}</span>}
      </div>
      <ol className="thread__comments">
        {thread.comments.map((comment) => (
          <CommentItem
            key={comment.id}
            threadId={thread.id}
            comment={comment}
            mine={access.canComment && comment.authorId === user.id}
            canDelete={access.canComment && (comment.authorId === user.id || access.canModerate)}
            comments={comments}
          />
        ))}
      </ol>
      {thread.resolved && thread.resolvedAt !== null && (
        <p className="thread__resolved-note">
          {resolver
            ? t.comments.resolvedBy(resolver, formatCommentTime(thread.resolvedAt, locale))
            : t.comments.resolvedAt(formatCommentTime(thread.resolvedAt, locale))}
        </p>
      )}
      {access.canComment && (
        <div className="thread__footer">
          {/* The reply box of the current thread only: a list of open boxes would be anything but calm. */}
          {!thread.resolved && (active || replying) && (
            <CommentEditor
              compact
              autoFocus={replying}
              label={t.comments.replyLabel(thread.authorName)}
              placeholder={t.comments.replyPlaceholder}
              submitLabel={t.comments.reply}
              onSubmit={(text) => {
                comments.reply(thread.id, text)
                setReplying(false)
              }}
              onCancel={() => setReplying(false)}
            />
          )}
          <div className="thread__buttons">
            {!thread.resolved && !active && !replying && (
              <button
                type="button"
                className="link-button"
                aria-label={t.comments.replyLabel(thread.authorName)}
                onClick={() => setReplying(true)}
              >
                {t.comments.reply}
              </button>
            )}
            <button
              type="button"
              className="button button--small thread__resolve"
              onClick={() => comments.resolve(thread.id, !thread.resolved)}
            >
              {thread.resolved ? t.comments.reopen : t.comments.resolve}
            </button>
          </div>
        </div>
      )}
    </article>
  )
}

function CommentItem({
  threadId,
  comment,
  mine,
  canDelete,
  comments,
}: {
  threadId: string
  comment: CommentData
  mine: boolean
  canDelete: boolean
  comments: CommentsController
}) {
  const { t, locale } = useLocale()
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm-delete'>('view')
  if (comment.deleted) {
    return (
      <li className="comment comment--deleted">
        <p className="comment__text">{t.comments.deleted}</p>
      </li>
    )
  }
  return (
    <li className="comment">
      <div className="comment__head">
        {/* Neutral: a comment knows its author's id, not the username their presence colour comes from. */}
        <span className="avatar avatar--small comment__avatar" aria-hidden="true">
          {initials(comment.authorName)}
        </span>
        <span className="comment__author">{comment.authorName}</span>
        <time className="comment__time" dateTime={new Date(comment.createdAt).toISOString()}>
          {formatCommentTime(comment.createdAt, locale)}
        </time>
        {comment.editedAt !== null && <span className="comment__edited">{t.comments.edited}</span>}
      </div>
      {mode === 'edit' ? (
        <CommentEditor
          label={t.comments.editLabel}
          submitLabel={t.save}
          initialText={comment.text}
          autoFocus
          onSubmit={(text) => {
            comments.edit(threadId, comment.id, text)
            setMode('view')
          }}
          onCancel={() => setMode('view')}
        />
      ) : (
        // Plain text, as React text: line breaks kept by CSS, nothing interpreted as markup.
        <p className="comment__text">{comment.text}</p>
      )}
      {mode === 'view' && (mine || canDelete) && (
        <div className="comment__actions">
          {mine && (
            <button type="button" className="link-button" onClick={() => setMode('edit')}>
              {t.comments.edit}
            </button>
          )}
          {canDelete && (
            <button type="button" className="link-button" onClick={() => setMode('confirm-delete')}>
              {t.comments.delete}
            </button>
          )}
        </div>
      )}
      {mode === 'confirm-delete' && (
        <fieldset className="comment__confirm">
          <legend>{t.comments.deleteQuestion}</legend>
          <div className="comment__confirm-buttons">
            <button
              type="button"
              className="button button--small button--danger"
              // biome-ignore lint/a11y/noAutofocus: the question just appeared; its answer is the next thing to do.
              autoFocus
              onClick={() => comments.remove(threadId, comment.id)}
            >
              {t.comments.delete}
            </button>
            <button type="button" className="button button--small" onClick={() => setMode('view')}>
              {t.cancel}
            </button>
          </div>
        </fieldset>
      )}
    </li>
  )
}
