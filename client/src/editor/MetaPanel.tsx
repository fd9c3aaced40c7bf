/**
 * The notice details form: header and meeting logistics, every field of NoticeMeta, bound live to
 * the shared Yjs map so all editors see each change. A value the schema refuses stays in this
 * browser, with its error, until it is corrected: others never receive invalid metadata.
 */
import {
  LOGISTICS_DISPLAYS,
  MEETING_MODES,
  NOTICE_LANGUAGES,
  type NoticeMeta,
  ORGANISATIONS,
} from '@convene/schema'
import { useId, useState } from 'react'
import { useLocale } from '../i18n/LocaleProvider'
import { TextField } from '../ui/TextField'
import { formatIsoDate } from './iso-date'
import { META_FIELD_KINDS, metaFieldError } from './meta-validation'
import type { SharedMeta } from './use-shared-meta'

type Field = keyof NoticeMeta

const HEADER_FIELDS = [
  'organisation',
  'issuingBody',
  'title',
  'symbol',
  'revisionLabel',
  'issueDate',
  'language',
] as const
const MEETING_FIELDS = [
  'meetingDate',
  'meetingTime',
  'duration',
  'mode',
  'place',
  'platform',
  'coordinator',
  'logistics',
] as const

// Every metadata field appears in the form exactly once (a new field fails the typecheck here).
type Listed = (typeof HEADER_FIELDS)[number] | (typeof MEETING_FIELDS)[number]
const everyFieldListed: [Exclude<Field, Listed>] extends [never] ? true : never = true
void everyFieldListed

/** Props of `MetaPanel`. */
export type MetaPanelProps = {
  meta: SharedMeta
  onChange: (field: Field, value: string) => void
  /** Show the details without letting them be changed (reviewers and viewers). */
  readOnly?: boolean
}

/** The metadata form. */
export function MetaPanel({ meta, onChange, readOnly = false }: MetaPanelProps) {
  const { t, locale } = useLocale()
  const [drafts, setDrafts] = useState<Partial<Record<Field, string>>>({})
  const headingId = useId()

  const edit = (field: Field, value: string) => {
    if (metaFieldError(field, value, t) === '') {
      onChange(field, value)
      setDrafts(({ [field]: _dropped, ...rest }) => rest)
    } else {
      setDrafts((previous) => ({ ...previous, [field]: value }))
    }
  }

  const renderField = (field: Field) => {
    const draft = drafts[field]
    const value = draft ?? meta[field] ?? ''
    const error = metaFieldError(field, value, t)
    const kind = META_FIELD_KINDS[field]
    const common = {
      label: t.meta[field],
      error: error || undefined,
      errorNote: error && draft !== undefined ? t.notSavedUntilValid : undefined,
    }
    if (kind === 'language' || kind === 'mode' || kind === 'organisation' || kind === 'logistics') {
      const options = {
        language: () => NOTICE_LANGUAGES.map((code) => ({ value: code, label: t.noticeLanguages[code] })),
        mode: () => MEETING_MODES.map((mode) => ({ value: mode, label: t.meetingModes[mode] })),
        // Organisations are known by their acronym in every language.
        organisation: () => ORGANISATIONS.map((code) => ({ value: code, label: code })),
        logistics: () =>
          LOGISTICS_DISPLAYS.map((shown) => ({ value: shown, label: t.logisticsDisplays[shown] })),
      }[kind]()
      return (
        <SelectField
          key={field}
          {...common}
          value={value}
          options={options}
          disabled={readOnly}
          onChange={(v) => edit(field, v)}
        />
      )
    }
    return (
      <TextField
        key={field}
        {...common}
        name={field}
        type={kind === 'date' ? 'date' : kind === 'time' ? 'time' : 'text'}
        // Pickers follow the browser's locale (03/08/2024 is ambiguous): spell dates and times out.
        hint={value && !error ? spelledOut(kind, value, locale) : undefined}
        value={value}
        readOnly={readOnly}
        spellCheck={kind === 'text'}
        className={kind === 'symbol' ? 'field--mono' : undefined}
        onChange={(event) => edit(field, event.target.value)}
      />
    )
  }

  return (
    <section className="meta-panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__title">
        {t.details}
      </h2>
      <form className="meta-form" onSubmit={(event) => event.preventDefault()} noValidate>
        <fieldset className="meta-form__group">
          <legend>{t.detailsHeader}</legend>
          {HEADER_FIELDS.map(renderField)}
        </fieldset>
        <fieldset className="meta-form__group">
          <legend>{t.detailsMeeting}</legend>
          {MEETING_FIELDS.map(renderField)}
        </fieldset>
      </form>
    </section>
  )
}

/** Dates and times as words in the interface language, since pickers follow the browser's locale. */
function spelledOut(kind: string, value: string, locale: string): string | undefined {
  if (kind === 'date') return formatIsoDate(value, locale, 'full')
  if (kind === 'time') {
    const [hours, minutes] = value.split(':').map(Number)
    const time = new Date(Date.UTC(2000, 0, 1, hours ?? 0, minutes ?? 0))
    return new Intl.DateTimeFormat(locale, { timeStyle: 'short', hourCycle: 'h23', timeZone: 'UTC' }).format(
      time,
    )
  }
  return undefined
}

type SelectFieldProps = {
  label: string
  value: string
  error?: string
  errorNote?: string
  options: { value: string; label: string }[]
  disabled?: boolean
  onChange: (value: string) => void
}

function SelectField({ label, value, error, options, disabled, onChange }: SelectFieldProps) {
  const { t } = useLocale()
  const id = useId()
  const known = options.some((option) => option.value === value)
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <select
        id={id}
        className="field__input"
        value={known ? value : ''}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      >
        {!known && (
          <option value="" disabled>
            {t.chooseOne}
          </option>
        )}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </div>
  )
}
