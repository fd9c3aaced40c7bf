/**
 * The speaker form: honorific, name, delegation, function, preposition and organisation, with a
 * live preview of the running text the notice will show. Used to insert a speaker and to edit one.
 * Typing a name offers the people of the speakers' directory (a combobox: arrows, Enter, Escape);
 * picking one fills every field, which the notice then keeps as its own copy.
 */
import type { DirectorySpeaker } from '@convene/protocol'
import { type SpeakerAttrs, speakerText } from '@convene/schema'
import { type FormEvent, type KeyboardEvent, useEffect, useId, useState } from 'react'
import { useLocale } from '../i18n/LocaleProvider'
import { searchSpeakers } from '../speakers/speakers-api'
import { Dialog } from '../ui/Dialog'
import { TextField } from '../ui/TextField'

/** Props of `SpeakerDialog`. */
export type SpeakerDialogProps = {
  /** The speaker being edited, or null to insert a new one. */
  mode: 'insert' | 'edit'
  initial: SpeakerAttrs
  /** The language of the notice (the preview is text of the notice, not of the interface). */
  noticeLanguage: string
  /** The directory to suggest people from: the notice's organisation (`WTO`). */
  directory?: string
  onSubmit: (attrs: SpeakerAttrs) => void
  onCancel: () => void
}

/** The fields of a speaker node from a directory entry. */
const attrsOf = (person: DirectorySpeaker): SpeakerAttrs => ({
  honorific: person.honorific,
  name: person.name,
  delegation: person.delegation,
  role: person.function,
  preposition: person.preposition,
  organisation: person.organisation,
})

/** The fewest letters typed before the directory is asked. */
const SUGGEST_FROM = 2

/** A modal form for one speaker. Mount it when needed; it opens at once. */
export function SpeakerDialog({
  mode,
  initial,
  noticeLanguage,
  directory = '',
  onSubmit,
  onCancel,
}: SpeakerDialogProps) {
  const { t } = useLocale()
  const [attrs, setAttrs] = useState<SpeakerAttrs>(initial)
  const [nameError, setNameError] = useState('')
  const [typedName, setTypedName] = useState<string | null>(null)
  const [suggestions, setSuggestions] = useState<DirectorySpeaker[]>([])
  const [active, setActive] = useState(-1)
  const previewLabelId = useId()
  const listId = useId()
  const field = (name: keyof SpeakerAttrs) => ({
    value: attrs[name],
    onChange: (event: { target: { value: string } }) => {
      setAttrs((previous) => ({ ...previous, [name]: event.target.value }))
      if (name === 'name') {
        setNameError('')
        setTypedName(event.target.value)
      }
    },
  })

  // The directory is asked once typing pauses; an answer to an older name is dropped.
  useEffect(() => {
    const query = typedName?.trim() ?? ''
    if (query.length < SUGGEST_FROM) {
      setSuggestions([])
      return
    }
    let current = true
    const timer = setTimeout(() => {
      searchSpeakers(query, directory).then(
        (found) => {
          if (!current) return
          setSuggestions(found.slice(0, 8))
          setActive(-1)
        },
        () => {
          if (current) setSuggestions([])
        },
      )
    }, 200)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [typedName, directory])

  const open = suggestions.length > 0
  const pick = (person: DirectorySpeaker) => {
    setAttrs(attrsOf(person))
    setTypedName(null)
    setSuggestions([])
  }
  const onNameKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (!open) return
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      const step = event.key === 'ArrowDown' ? 1 : -1
      setActive((index) => (index + step + suggestions.length) % suggestions.length)
    } else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault()
      const person = suggestions[active]
      if (person) pick(person)
    } else if (event.key === 'Escape') {
      // Closes the suggestions, not the dialog.
      event.preventDefault()
      event.stopPropagation()
      setSuggestions([])
    }
  }
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
          <div className="speaker-form__name speaker-suggest">
            <TextField
              label={t.speakerName}
              required
              error={nameError || undefined}
              role="combobox"
              autoComplete="off"
              aria-autocomplete="list"
              aria-expanded={open}
              aria-controls={listId}
              aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
              onKeyDown={onNameKey}
              onBlur={() => setTimeout(() => setSuggestions([]), 150)}
              {...field('name')}
            />
            <div
              id={listId}
              role="listbox"
              aria-label={t.speakerSuggestions.label}
              className="speaker-suggest__list"
              hidden={!open}
            >
              {suggestions.map((person, index) => (
                <div
                  key={person.id}
                  id={`${listId}-${index}`}
                  role="option"
                  tabIndex={-1}
                  aria-selected={index === active}
                  className="speaker-suggest__option"
                  onMouseDown={(event) => {
                    // Picked before the input's blur closes the list.
                    event.preventDefault()
                    pick(person)
                  }}
                >
                  <span className="speaker-suggest__name">{person.name}</span>
                  <span className="speaker-suggest__detail">
                    {[person.function, person.organisation, person.delegation].filter(Boolean).join(' · ')}
                  </span>
                </div>
              ))}
            </div>
          </div>
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
