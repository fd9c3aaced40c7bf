/**
 * The text box for writing a comment, a reply or an edit: plain text (rendered as text, never as
 * HTML), Ctrl+Enter to post, Escape to cancel, and the length limit the server enforces.
 */
import { COMMENT_TEXT_MAX_LENGTH } from '@convene/schema'
import { type FormEvent, type KeyboardEvent, useId, useState } from 'react'
import { useLocale } from '../i18n/LocaleProvider'
import { formatShortcut } from '../ui/shortcuts'

/** Props of `CommentEditor`. */
export type CommentEditorProps = {
  label: string
  submitLabel: string
  initialText?: string
  placeholder?: string
  /** Focus the box when it appears. */
  autoFocus?: boolean
  /** Keep the buttons hidden until something is typed (the always-present reply box). */
  compact?: boolean
  onSubmit: (text: string) => void
  onCancel?: () => void
}

/** A comment text box with its buttons. */
export function CommentEditor({
  label,
  submitLabel,
  initialText = '',
  placeholder,
  autoFocus,
  compact,
  onSubmit,
  onCancel,
}: CommentEditorProps) {
  const { t } = useLocale()
  const [text, setText] = useState(initialText)
  const id = useId()
  const tooLong = text.length > COMMENT_TEXT_MAX_LENGTH
  const empty = text.trim() === ''

  const submit = (event?: FormEvent) => {
    event?.preventDefault()
    if (empty || tooLong) return
    onSubmit(text)
    setText('')
  }
  const cancel = () => {
    setText(initialText)
    onCancel?.()
  }
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      submit()
    } else if (event.key === 'Escape' && (onCancel || text)) {
      // Escape clears or closes this box; it must not also close a dialog around it.
      event.preventDefault()
      event.stopPropagation()
      cancel()
    }
  }
  const showButtons = !compact || !empty || text !== initialText

  return (
    <form className={`comment-editor${compact ? ' comment-editor--compact' : ''}`} onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <textarea
        id={id}
        className="comment-editor__text"
        value={text}
        placeholder={placeholder}
        rows={compact && empty ? 1 : 3}
        // biome-ignore lint/a11y/noAutofocus: the box appears because the user asked to write in it.
        autoFocus={autoFocus}
        aria-invalid={tooLong || undefined}
        aria-describedby={tooLong ? `${id}-error` : undefined}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {tooLong && (
        <p id={`${id}-error`} className="field__error">
          {t.comments.tooLong(COMMENT_TEXT_MAX_LENGTH)}
        </p>
      )}
      {showButtons && (
        <div className="comment-editor__actions">
          <span className="comment-editor__hint">{t.comments.postHint(formatShortcut('Mod-Enter'))}</span>
          {(onCancel || compact) && (
            <button type="button" className="button button--small" onClick={cancel}>
              {t.cancel}
            </button>
          )}
          <button type="submit" className="button button--small button--primary" disabled={empty || tooLong}>
            {submitLabel}
          </button>
        </div>
      )}
    </form>
  )
}
