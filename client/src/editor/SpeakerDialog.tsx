/**
 * The speaker form: honorific, name, delegation, function, preposition and organisation, with a
 * live preview of the running text the notice will show. Used to insert a speaker and to edit one.
 */
import { type SpeakerAttrs, speakerText } from '@convene/schema'
import { type FormEvent, useId, useState } from 'react'
import { useLocale } from '../i18n/LocaleProvider'
import { Dialog } from '../ui/Dialog'
import { TextField } from '../ui/TextField'

/** Props of `SpeakerDialog`. */
export type SpeakerDialogProps = {
  /** The speaker being edited, or null to insert a new one. */
  mode: 'insert' | 'edit'
  initial: SpeakerAttrs
  /** The language of the notice (the preview is text of the notice, not of the interface). */
  noticeLanguage: string
  onSubmit: (attrs: SpeakerAttrs) => void
  onCancel: () => void
}

/** A modal form for one speaker. Mount it when needed; it opens at once. */
export function SpeakerDialog({ mode, initial, noticeLanguage, onSubmit, onCancel }: SpeakerDialogProps) {
  const { t } = useLocale()
  const [attrs, setAttrs] = useState<SpeakerAttrs>(initial)
  const [nameError, setNameError] = useState('')
  const previewLabelId = useId()
  const field = (name: keyof SpeakerAttrs) => ({
    value: attrs[name],
    onChange: (event: { target: { value: string } }) => {
      setAttrs((previous) => ({ ...previous, [name]: event.target.value }))
      if (name === 'name') setNameError('')
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const clean = Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, v.trim()])) as SpeakerAttrs
    if (!clean.name) {
      setNameError(t.speakerNameRequired)
      return
    }
    onSubmit(clean)
  }
  const preview = speakerText(attrs)
  return (
    <Dialog open title={mode === 'insert' ? t.speakerInsertTitle : t.speakerEditTitle} onClose={onCancel}>
      <form className="dialog__form speaker-form" onSubmit={submit} noValidate>
        <div className="speaker-form__grid">
          <TextField
            label={t.honorific}
            hint={t.honorificHint}
            className="speaker-form__honorific"
            autoFocus
            {...field('honorific')}
          />
          <TextField
            label={t.speakerName}
            className="speaker-form__name"
            required
            error={nameError || undefined}
            {...field('name')}
          />
          <TextField label={t.delegation} hint={t.delegationHint} {...field('delegation')} />
          <TextField label={t.role} {...field('role')} />
          <TextField label={t.preposition} hint={t.prepositionHint} {...field('preposition')} />
          <TextField label={t.organisation} {...field('organisation')} />
        </div>
        <div className="speaker-form__preview">
          <span className="speaker-form__preview-label" id={previewLabelId}>
            {t.preview}
          </span>
          <output
            className="speaker-form__preview-text"
            lang={noticeLanguage}
            aria-labelledby={previewLabelId}
          >
            {preview || '\u00a0'}
          </output>
        </div>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onCancel}>
            {t.cancel}
          </button>
          <button type="submit" className="button button--primary">
            {mode === 'insert' ? t.insert : t.save}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
