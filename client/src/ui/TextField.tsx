/** A labelled text input with an optional hint and error, wired for assistive technology (`aria-describedby`, `aria-invalid`). */
import { type InputHTMLAttributes, useId } from 'react'

/** Props of `TextField`: a label, hint and error on top of the usual input attributes. */
export type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  label: string
  hint?: string
  error?: string
  /** A second line under the error (why it matters). */
  errorNote?: string
}

/** A labelled input with its hint and error message. */
export function TextField({ label, hint, error, errorNote, className, ...input }: TextFieldProps) {
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  return (
    <div className={`field${error ? ' field--invalid' : ''} ${className ?? ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <input
        id={id}
        className="field__input"
        aria-invalid={error ? true : undefined}
        aria-describedby={[errorId, hintId].filter(Boolean).join(' ') || undefined}
        {...input}
      />
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          {error}
          {errorNote && <span className="field__error-note"> {errorNote}</span>}
        </p>
      )}
    </div>
  )
}
