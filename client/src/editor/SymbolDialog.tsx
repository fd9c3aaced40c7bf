/** The form that inserts a document symbol, validated by the schema's grammar (the error names the bad part). */
import { parseSymbol, SymbolError } from '@convene/schema'
import { type FormEvent, useState } from 'react'
import { useLocale } from '../i18n/LocaleProvider'
import { Dialog } from '../ui/Dialog'
import { TextField } from '../ui/TextField'

/** Props of `SymbolDialog`. */
export type SymbolDialogProps = { onSubmit: (symbol: string) => void; onCancel: () => void }

/** A modal form for one document symbol. Mount it when needed; it opens at once. */
export function SymbolDialog({ onSubmit, onCancel }: SymbolDialogProps) {
  const { t } = useLocale()
  const [symbol, setSymbol] = useState('')
  const [error, setError] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const clean = symbol.trim()
    if (!clean) {
      setError(t.symbolRequired)
      return
    }
    try {
      parseSymbol(clean)
    } catch (cause) {
      if (!(cause instanceof SymbolError)) throw cause
      setError(t.symbolInvalid(cause.part || clean))
      return
    }
    onSubmit(clean)
  }
  return (
    <Dialog open title={t.symbolInsertTitle} onClose={onCancel}>
      <form className="dialog__form" onSubmit={submit} noValidate>
        <TextField
          label={t.symbolLabel}
          hint={t.symbolHint}
          value={symbol}
          spellCheck={false}
          autoCapitalize="characters"
          className="field--mono"
          autoFocus
          error={error || undefined}
          onChange={(event) => {
            setSymbol(event.target.value)
            setError('')
          }}
        />
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onCancel}>
            {t.cancel}
          </button>
          <button type="submit" className="button button--primary">
            {t.insert}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
