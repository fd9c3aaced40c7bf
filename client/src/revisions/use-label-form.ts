/** The state of a one-field form that submits a revision label: the text, its error, and saving. */
import { type ChangeEvent, type FormEvent, useState } from 'react'
import { useLocale } from '../i18n/LocaleProvider'

/** What a label form renders from, and its two handlers. */
export type LabelForm = {
  label: string
  error: string
  saving: boolean
  onChange: (event: ChangeEvent<HTMLInputElement>) => void
  submit: (event: FormEvent) => Promise<void>
}

/**
 * A label starting at `initial`, refused with `requiredMessage` when blank, passed trimmed to
 * `onSubmit`; a rejection shows the server's message and lets the user try again.
 */
export function useLabelForm(
  initial: string,
  requiredMessage: string,
  onSubmit: (label: string) => Promise<void>,
): LabelForm {
  const { t } = useLocale()
  const [label, setLabel] = useState(initial)
  const [error, setError] = useState('')
  const [saving, setSaving] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const clean = label.trim()
    if (!clean) {
      setError(requiredMessage)
      return
    }
    setSaving(true)
    try {
      await onSubmit(clean)
    } catch (cause) {
      setError(t.revisions.actionFailed(cause instanceof Error ? cause.message : String(cause)))
      setSaving(false)
    }
  }
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    setLabel(event.target.value)
    setError('')
  }
  return { label, error, saving, onChange, submit }
}
