/**
 * The confirmation before freezing a revision: the label it will be cited by (proposed as the next
 * Rev.n), and what freezing means: a frozen revision never changes, and neither do its exports.
 */
import { REVISION_LABEL_MAX_LENGTH } from '@convene/protocol'
import { useLocale } from '../i18n/LocaleProvider'
import { Dialog } from '../ui/Dialog'
import { TextField } from '../ui/TextField'
import { useLabelForm } from './use-label-form'

/** Props of `FreezeDialog`. */
export type FreezeDialogProps = {
  /** The label proposed ("Rev.2"). */
  proposedLabel: string
  /** What is frozen: the current version, or a named one ("Before the chair's edits"). */
  subject: string | null
  /** Freezes; rejects with a message to show when the server refuses (a label already used …). */
  onSubmit: (label: string) => Promise<void>
  onCancel: () => void
}

/** A modal confirmation that freezes a revision. Mount it when needed; it opens at once. */
export function FreezeDialog({ proposedLabel, subject, onSubmit, onCancel }: FreezeDialogProps) {
  const { t } = useLocale()
  const words = t.revisions
  const { label, error, saving, onChange, submit } = useLabelForm(
    proposedLabel,
    words.labelRequired,
    onSubmit,
  )
  const shown = label.trim() || proposedLabel
  return (
    <Dialog open title={subject ? words.freezeNamedTitle(subject) : words.freezeTitle} onClose={onCancel}>
      <form className="dialog__form" onSubmit={submit} noValidate>
        <div className="freeze-note" role="note">
          <p className="freeze-note__lead">{words.freezeNeverChanges}</p>
          <p>{words.freezeExplain(shown)}</p>
        </div>
        <TextField
          label={words.freezeLabel}
          hint={words.freezeHint}
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
            {saving ? words.saving : words.freezeConfirm(shown)}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
