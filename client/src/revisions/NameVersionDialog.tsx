/** The form that names the current version of the notice, so it can be found again in the timeline. */
import { REVISION_LABEL_MAX_LENGTH } from '@convene/protocol'
import { useLocale } from '../i18n/LocaleProvider'
import { Dialog } from '../ui/Dialog'
import { TextField } from '../ui/TextField'
import { useLabelForm } from './use-label-form'

/** Props of `NameVersionDialog`. */
export type NameVersionDialogProps = {
  /** Saves the version; rejects with a message to show when the server refuses. */
  onSubmit: (label: string) => Promise<void>
  onCancel: () => void
}

/** A modal form asking for a version's name. Mount it when needed; it opens at once. */
export function NameVersionDialog({ onSubmit, onCancel }: NameVersionDialogProps) {
  const { t } = useLocale()
  const words = t.revisions
  const { label, error, saving, onChange, submit } = useLabelForm('', words.nameRequired, onSubmit)
  return (
    <Dialog open title={words.nameTitle} onClose={onCancel}>
      <form className="dialog__form" onSubmit={submit} noValidate>
        <p className="dialog__intro">{words.nameIntro}</p>
        <TextField
          label={words.nameLabel}
          hint={words.nameHint}
          value={label}
          maxLength={REVISION_LABEL_MAX_LENGTH}
          autoFocus
          error={error || undefined}
          onChange={onChange}
        />
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onCancel}>
            {t.cancel}
          </button>
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? words.saving : words.nameSave}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
