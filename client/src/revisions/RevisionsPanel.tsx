/**
 * The revisions side panel: the current version with what an editor can do with it (name it,
 * freeze it as the next Rev.n, preview it as a draft), then the timeline of saved versions, newest
 * first, each with its author, time, label and kind; a frozen one has its export menu. Choosing a
 * version opens it read-only in place of the live text.
 */
import { useState } from 'react'
import { DraftPreview } from '../export/DraftPreview'
import { ExportMenu } from '../export/ExportMenu'
import { useLocale } from '../i18n/LocaleProvider'
import { Icon } from '../ui/Icon'
import { FreezeDialog } from './FreezeDialog'
import { NameVersionDialog } from './NameVersionDialog'
import { formatRevisionTime, revisionAuthor, revisionName } from './revision-text'
import { createRevision, type TimelineEntry as TimelineRevision } from './revisions-api'
import type { RevisionHistory } from './use-revision-history'

/** Props of `RevisionsPanel`. */
export type RevisionsPanelProps = {
  history: RevisionHistory
  /** The user may change the notice (name, freeze, preview the draft, restore). */
  canEdit: boolean
}

type Form = 'name' | 'freeze' | null

/** The revisions panel of the open notice. */
export function RevisionsPanel({ history, canEdit }: RevisionsPanelProps) {
  const { t, locale } = useLocale()
  const words = t.revisions
  const [form, setForm] = useState<Form>(null)
  const [showAuto, setShowAuto] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const revisions = history.timeline?.revisions ?? []
  const autoCount = revisions.filter((revision) => revision.kind === 'auto' && !revision.frozen).length
  const shown = showAuto
    ? revisions
    : revisions.filter((revision) => revision.kind !== 'auto' || revision.frozen)
  const { reading } = history

  const save = async (options: { label: string; freeze: boolean }) => {
    let saved: Awaited<ReturnType<typeof createRevision>>
    try {
      saved = await createRevision(history.noticeId, options)
    } catch (error) {
      // Someone may have frozen the proposed label meanwhile: the next proposal comes with the timeline.
      void history.refresh()
      throw error
    }
    setForm(null)
    setAnnouncement(options.freeze ? words.frozenDone(options.label) : words.namedDone(options.label))
    await history.refresh()
    return saved
  }

  return (
    <section className="revisions" aria-labelledby="revisions-heading">
      <h2 id="revisions-heading" className="visually-hidden">
        {words.panelTitle}
      </h2>

      <div className="revisions__current">
        <p className="revisions__current-title">
          <span className="live-dot" aria-hidden="true" />
          {words.currentVersion}
        </p>
        <p className="revisions__current-intro">{canEdit ? words.currentIntro : words.currentIntroReader}</p>
        {canEdit && (
          <div className="revisions__actions">
            <button type="button" className="button button--small" onClick={() => setForm('name')}>
              {words.nameVersion}
            </button>
            <button type="button" className="button button--small" onClick={() => setForm('freeze')}>
              <Icon name="lock" />
              {words.freezeAs(history.proposedLabel)}
            </button>
          </div>
        )}
        {canEdit && <DraftPreview noticeId={history.noticeId} />}
        <p className="visually-hidden" role="status">
          {announcement}
        </p>
      </div>

      <h3 className="revisions__timeline-title">{words.timeline}</h3>
      {history.error && (
        <div className="form-error" role="alert">
          <p>{words.loadFailed(history.error)}</p>
          <button type="button" className="button button--small" onClick={() => void history.refresh()}>
            {t.retry}
          </button>
        </div>
      )}
      {!history.timeline && !history.error && <p className="panel__empty">{words.loading}</p>}
      {history.timeline && shown.length === 0 && (
        <p className="panel__empty">{autoCount > 0 ? words.emptyNamed : words.empty}</p>
      )}
      {shown.length > 0 && (
        <ol className="timeline">
          {shown.map((revision) => (
            <TimelineEntry
              key={revision.rev}
              revision={revision}
              current={
                reading?.mode === 'open'
                  ? reading.rev === revision.rev
                  : reading?.mode === 'compare' &&
                    (reading.from === revision.rev || reading.to === revision.rev)
              }
              time={formatRevisionTime(revision.createdAt, locale)}
              onOpen={() => history.setReading({ mode: 'open', rev: revision.rev })}
              onCompare={() => history.setReading({ mode: 'compare', from: revision.rev, to: 'live' })}
              noticeId={history.noticeId}
              name={revisionName(revision, t, revisions)}
              author={revisionAuthor(revision, history.userId, t)}
            />
          ))}
        </ol>
      )}
      {autoCount > 0 && (
        <label className="revisions__auto-toggle">
          <input type="checkbox" checked={showAuto} onChange={(event) => setShowAuto(event.target.checked)} />
          {words.showAuto(autoCount)}
        </label>
      )}

      {form === 'name' && (
        <NameVersionDialog
          onSubmit={async (label) => {
            await save({ label, freeze: false })
          }}
          onCancel={() => setForm(null)}
        />
      )}
      {form === 'freeze' && (
        <FreezeDialog
          proposedLabel={history.proposedLabel}
          subject={null}
          onSubmit={async (label) => {
            await save({ label, freeze: true })
          }}
          onCancel={() => setForm(null)}
        />
      )}
    </section>
  )
}

type TimelineEntryProps = {
  noticeId: string
  name: string
  /** Who made it ('' for an automatic save). */
  author: string
  revision: TimelineRevision
  current: boolean
  time: string
  onOpen: () => void
  onCompare: () => void
}

function TimelineEntry({
  noticeId,
  revision,
  name,
  author,
  current,
  time,
  onOpen,
  onCompare,
}: TimelineEntryProps) {
  const { t } = useLocale()
  const words = t.revisions
  const kind = revision.frozen ? 'frozen' : revision.kind
  return (
    <li className="timeline__entry" data-kind={kind} aria-current={current ? 'true' : undefined}>
      <span className="timeline__marker" aria-hidden="true" />
      <button type="button" className="timeline__open" onClick={onOpen} aria-label={words.openRevision(name)}>
        <span className="timeline__name">{name}</span>
        <span className="timeline__meta">
          {author && `${author} · `}
          <time dateTime={revision.createdAt}>{time}</time>
        </span>
      </button>
      <span className="timeline__badges">
        {revision.frozen ? (
          <span className="badge badge--frozen">
            <Icon name="lock" />
            {words.frozen}
          </span>
        ) : (
          <span className="badge">{revision.kind === 'auto' ? words.auto : words.named}</span>
        )}
      </span>
      <div className="timeline__actions">
        <button type="button" className="link-button" onClick={onCompare}>
          {words.compareWithCurrent}
        </button>
        {revision.frozen && <ExportMenu noticeId={noticeId} rev={revision.rev} label={name} compact />}
      </div>
    </li>
  )
}
