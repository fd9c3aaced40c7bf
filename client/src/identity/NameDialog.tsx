/** Asks for the name others will see beside this person's caret (once; the name is remembered). */
import { type FormEvent, useState } from 'react'
import { useLocale } from '../i18n/LocaleProvider'
import { Dialog } from '../ui/Dialog'
import { TextField } from '../ui/TextField'
import { MAX_NAME_LENGTH } from './display-name'
import { initials, userColour } from './user-colour'

/** Props of `NameDialog`. */
export type NameDialogProps = {
  open: boolean
  initialName: string
  onSave: (name: string) => void
  /** Absent when a name is required (first visit): the dialog then cannot be dismissed. */
  onCancel?: () => void
}

/** The display-name dialog, with a live preview of the avatar and colour the name gets. */
export function NameDialog({ open, initialName, onSave, onCancel }: NameDialogProps) {
  const { t } = useLocale()
  const [name, setName] = useState(initialName)
  const [error, setError] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const clean = name.trim()
    if (!clean) {
      setError(t.nameRequired)
      return
    }
    onSave(clean)
  }
  const preview = name.trim()
  return (
    <Dialog open={open} title={t.nameDialogTitle} onClose={() => onCancel?.()}>
      <form className="dialog__form" onSubmit={submit} noValidate>
        <p className="dialog__intro">{t.nameDialogIntro}</p>
        <div className="name-dialog__row">
          <span
            className="avatar avatar--large"
            aria-hidden="true"
            style={{ backgroundColor: preview ? userColour(preview) : '#8a96a0' }}
          >
            {preview ? initials(preview) : '?'}
          </span>
          <TextField
            label={t.nameLabel}
            value={name}
            maxLength={MAX_NAME_LENGTH}
            autoComplete="name"
            autoFocus
            error={error || undefined}
            onChange={(event) => {
              setName(event.target.value)
              setError('')
            }}
          />
        </div>
        <div className="dialog__actions">
          {onCancel && (
            <button type="button" className="button" onClick={onCancel}>
              {t.cancel}
            </button>
          )}
          <button type="submit" className="button button--primary">
            {t.nameSave}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
