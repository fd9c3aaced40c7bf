/**
 * The confirmation before restoring a revision: the notice will read as that version for everyone
 * editing it, and nothing is lost, since a restore is recorded as a new version of the history.
 */
import { useState } from 'react'
import { useLocale } from '../i18n/LocaleProvider'
import { Dialog } from '../ui/Dialog'

/** Props of `RestoreDialog`. */
export type RestoreDialogProps = {
  /** The version's name as the timeline shows it. */
  name: string
  onConfirm: () => Promise<void>
  onCancel: () => void
}

/** A modal confirmation that restores a revision. Mount it when needed; it opens at once. */
export function RestoreDialog({ name, onConfirm, onCancel }: RestoreDialogProps) {
  const { t } = useLocale()
  const words = t.revisions
  const [error, setError] = useState('')
  const [working, setWorking] = useState(false)
  const confirm = async () => {
    setWorking(true)
    try {
      await onConfirm()
    } catch (cause) {
      setError(words.actionFailed(cause instanceof Error ? cause.message : String(cause)))
      setWorking(false)
    }
  }
  return (
    <Dialog open title={words.restoreTitle(name)} onClose={onCancel}>
      <div className="dialog__form">
        <p>{words.restoreExplain}</p>
        <p className="dialog__intro">{words.restoreSafe}</p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onCancel}>
            {t.cancel}
          </button>
          <button type="button" className="button button--primary" disabled={working} onClick={confirm}>
            {working ? words.restoring : words.restoreConfirm}
          </button>
        </div>
      </div>
    </Dialog>
  )
}
