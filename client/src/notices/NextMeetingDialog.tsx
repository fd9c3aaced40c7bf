/**
 * "New notice from this one": the dialog that makes the notice of the next meeting from a notice
 * or one of its revisions. It asks for the meeting date and time and the new symbol (the next in
 * the series proposed), lists the agenda items with tick boxes (recurring ones ticked for good),
 * and opens the new notice once the server made it.
 */
import {
  agendaOutline,
  docFromJSON,
  type NoticeMeta,
  nextSymbolInSeries,
  organisationNamed,
} from '@convene/schema'
import type { JSONContent } from '@tiptap/core'
import { type FormEvent, useId, useMemo, useState } from 'react'
import { ApiError } from '../api/api-error'
import { useLocale } from '../i18n/LocaleProvider'
import { navigate, noticePath } from '../router/routes'
import { Dialog } from '../ui/Dialog'
import { TextField } from '../ui/TextField'
import { duplicateNotice } from './notices-api'

/** Props of `NextMeetingDialog`. */
export type NextMeetingDialogProps = {
  noticeId: string
  /** The revision to start from, with its label for the intro; absent: the live notice. */
  revision?: { rev: number; label: string }
  /** What the notice (or revision) holds now: its metadata and content. */
  source: { meta: Partial<NoticeMeta>; content: JSONContent }
  onClose: () => void
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** The dialog; mount it when needed, it opens at once. */
export function NextMeetingDialog({ noticeId, revision, source, onClose }: NextMeetingDialogProps) {
  const { t } = useLocale()
  const words = t.nextMeeting
  const outline = useMemo(
    () => agendaOutline(docFromJSON(source.content, { strict: false })),
    [source.content],
  )
  const organisation = organisationNamed(source.meta.organisation ?? '') ?? 'WTO'
  const [meetingDate, setMeetingDate] = useState('')
  const [meetingTime, setMeetingTime] = useState(source.meta.meetingTime ?? '')
  const [symbol, setSymbol] = useState(() => nextSymbolInSeries(source.meta.symbol ?? '', organisation) ?? '')
  const [dropped, setDropped] = useState<ReadonlySet<string>>(new Set())
  const [state, setState] = useState<{ busy: boolean; error: string; field?: string }>({
    busy: false,
    error: '',
  })
  const itemsId = useId()
  const itemsHintId = useId()

  const name = source.meta.symbol || source.meta.title || t.untitled
  const sourceName = revision ? `${name}, ${words.fromRevision(revision.label)}` : name
  const fieldError = (field: string) => (state.field === field ? state.error : undefined)

  // An entry is inside `other` when `other`'s path starts its own.
  const within = (entry: (typeof outline)[number], other: (typeof outline)[number]) =>
    other.path.length <= entry.path.length && other.path.every((part, index) => entry.path[index] === part)
  /** Kept whatever is ticked: recurring, or holding a recurring item. */
  const alwaysKept = (entry: (typeof outline)[number]) =>
    outline.some((other) => other.recurring && within(other, entry))
  /** Left out with an item around it. */
  const goesWithParent = (entry: (typeof outline)[number]) =>
    !alwaysKept(entry) &&
    outline.some((other) => other !== entry && within(entry, other) && dropped.has(other.id))

  const toggle = (id: string, keep: boolean) =>
    setDropped((previous) => {
      const next = new Set(previous)
      if (keep) next.delete(id)
      else next.add(id)
      return next
    })

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setState({ busy: true, error: '' })
    try {
      const created = await duplicateNotice(noticeId, {
        ...(revision ? { fromRevision: revision.rev } : {}),
        meetingDate,
        meetingTime,
        symbol: symbol.trim(),
        keepItems: outline.filter((entry) => !dropped.has(entry.id)).map((entry) => entry.id),
      })
      onClose()
      navigate(noticePath(created.id))
    } catch (error) {
      const field = error instanceof ApiError ? error.field : undefined
      setState({ busy: false, error: words.failed(errorText(error)), ...(field ? { field } : {}) })
    }
  }

  return (
    <Dialog open title={words.title} onClose={onClose} className="dialog--wide next-meeting">
      <form className="dialog__form" onSubmit={submit} noValidate>
        <p className="dialog__intro">{words.intro(sourceName)}</p>
        <div className="next-meeting__fields">
          <TextField
            label={words.meetingDate}
            type="date"
            value={meetingDate}
            autoFocus
            error={fieldError('meetingDate')}
            onChange={(event) => setMeetingDate(event.target.value)}
          />
          <TextField
            label={words.meetingTime}
            type="time"
            value={meetingTime}
            error={fieldError('meetingTime')}
            onChange={(event) => setMeetingTime(event.target.value)}
          />
          <TextField
            label={words.symbol}
            hint={words.symbolHint}
            className="field--mono"
            value={symbol}
            error={fieldError('symbol')}
            onChange={(event) => setSymbol(event.target.value)}
          />
        </div>
        {outline.length > 0 && (
          <fieldset className="next-meeting__items" aria-describedby={itemsHintId}>
            <legend id={itemsId} className="field__label">
              {words.items}
            </legend>
            <p id={itemsHintId} className="field__hint">
              {words.itemsHint}
            </p>
            <ul className="next-meeting__list">
              {outline.map((entry) => (
                <li key={entry.id} style={{ paddingInlineStart: `${(entry.level - 1) * 1.5}rem` }}>
                  <label className="next-meeting__item" data-item-id={entry.id}>
                    <input
                      type="checkbox"
                      checked={alwaysKept(entry) || (!dropped.has(entry.id) && !goesWithParent(entry))}
                      disabled={alwaysKept(entry) || goesWithParent(entry)}
                      onChange={(event) => toggle(entry.id, event.target.checked)}
                    />
                    <span className="next-meeting__number">{entry.number}</span>
                    <span className="next-meeting__title">{entry.title || t.untitled}</span>
                    {entry.recurring && <span className="next-meeting__recurring">{words.recurring}</span>}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        )}
        {state.error && !state.field && (
          <p className="form-error" role="alert">
            {state.error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            {t.cancel}
          </button>
          <button type="submit" className="button button--primary" disabled={state.busy}>
            {state.busy ? words.creating : words.create}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
