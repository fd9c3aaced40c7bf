/**
 * The bar shown in place of the editing toolbar while a revision or a comparison is read: the way
 * back to editing, what is shown (a read-only revision, or "compare A with B" with a legend), and
 * what can be done with it: compare, export a frozen one, freeze a named one, restore.
 */
import { useState } from 'react'
import { ExportMenu } from '../export/ExportMenu'
import { useLocale } from '../i18n/LocaleProvider'
import { Icon } from '../ui/Icon'
import { FreezeDialog } from './FreezeDialog'
import { RestoreDialog } from './RestoreDialog'
import { formatRevisionTime, revisionAuthor, revisionName } from './revision-text'
import { type CompareSide, freezeRevision, restoreRevision } from './revisions-api'
import type { Reading, RevisionHistory } from './use-revision-history'

/** Props of `RevisionBar`. */
export type RevisionBarProps = {
  history: RevisionHistory
  reading: Reading
  canEdit: boolean
  /** Goes back to the live notice (after a restore, too). */
  onClose: () => void
  /** Told once a restore is done, to tell the others editing. */
  onRestored?: (rev: number) => void
}

type Form = 'restore' | 'freeze' | null

/** The reading bar of `reading`. */
export function RevisionBar({ history, reading, canEdit, onClose, onRestored }: RevisionBarProps) {
  const { t, locale } = useLocale()
  const words = t.revisions
  const [form, setForm] = useState<Form>(null)
  const revisions = history.timeline?.revisions ?? []

  const back = (
    <button type="button" className="button button--small revision-bar__back" onClick={onClose}>
      <Icon name="back" />
      {words.backToEditing}
    </button>
  )

  if (reading.mode === 'compare') {
    const options = revisions.map((revision) => (
      <option key={revision.rev} value={revision.rev}>
        {revisionName(revision, t, revisions)}
        {revision.frozen ? '' : ` · ${formatRevisionTime(revision.createdAt, locale)}`}
      </option>
    ))
    const parse = (value: string): CompareSide => (value === 'live' ? 'live' : Number(value))
    return (
      <div className="toolbar revision-bar" role="toolbar" aria-label={words.compareTitle}>
        {back}
        <div className="revision-bar__compare">
          <label className="revision-bar__field">
            <span>{words.compareFrom}</span>
            <select
              className="select select--small"
              value={String(reading.from)}
              onChange={(event) => history.setReading({ ...reading, from: Number(event.target.value) })}
            >
              {options}
            </select>
          </label>
          <label className="revision-bar__field">
            <span>{words.compareTo}</span>
            <select
              className="select select--small"
              value={String(reading.to)}
              onChange={(event) => history.setReading({ ...reading, to: parse(event.target.value) })}
            >
              <option value="live">{words.currentVersion}</option>
              {options}
            </select>
          </label>
        </div>
        <p className="revision-bar__legend">
          <ins className="diff-insert">{words.legendInserted}</ins>
          <del className="diff-delete">{words.legendDeleted}</del>
        </p>
      </div>
    )
  }

  const revision = revisions.find((entry) => entry.rev === reading.rev)
  const name = revision ? revisionName(revision, t, revisions) : words.autoSaveNumbered(reading.rev)
  return (
    <div className="toolbar revision-bar" role="toolbar" aria-label={words.readingBar(name)}>
      {back}
      <p className="revision-bar__what">
        <span className="revision-bar__name">{name}</span>
        {revision?.frozen ? (
          <span className="badge badge--frozen">
            <Icon name="lock" />
            {words.frozen}
          </span>
        ) : null}
        <span className="badge badge--readonly">{words.readOnly}</span>
        {revision && (
          <span className="revision-bar__meta">
            {[revisionAuthor(revision, history.userId, t), formatRevisionTime(revision.createdAt, locale)]
              .filter(Boolean)
              .join(' · ')}
          </span>
        )}
      </p>
      <div className="revision-bar__actions">
        <button
          type="button"
          className="button button--small"
          onClick={() => history.setReading({ mode: 'compare', from: reading.rev, to: 'live' })}
        >
          {words.compareWithCurrent}
        </button>
        {revision?.frozen && <ExportMenu noticeId={history.noticeId} rev={reading.rev} label={name} />}
        {canEdit && revision && !revision.frozen && (
          <button type="button" className="button button--small" onClick={() => setForm('freeze')}>
            <Icon name="lock" />
            {words.freezeAs(history.proposedLabel)}
          </button>
        )}
        {canEdit && (
          <button type="button" className="button button--small" onClick={() => setForm('restore')}>
            {words.restore}
          </button>
        )}
      </div>
      {form === 'restore' && (
        <RestoreDialog
          name={name}
          onCancel={() => setForm(null)}
          onConfirm={async () => {
            await restoreRevision(history.noticeId, reading.rev)
            onRestored?.(reading.rev)
            setForm(null)
            void history.refresh()
            onClose()
          }}
        />
      )}
      {form === 'freeze' && (
        <FreezeDialog
          proposedLabel={history.proposedLabel}
          subject={name}
          onCancel={() => setForm(null)}
          onSubmit={async (label) => {
            await freezeRevision(history.noticeId, reading.rev, label)
            setForm(null)
            await history.refresh()
          }}
        />
      )}
    </div>
  )
}
