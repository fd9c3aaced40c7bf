/**
 * The page shown in place of the live text while a revision or a comparison is read: for a
 * comparison, the list of changes in words first (each leading to its item), then the newer
 * version set like the live page, read-only, with insertions and deletions marked in the text.
 */
import type { NoticeMeta } from '@convene/schema'
import { EditorContent } from '@tiptap/react'
import { useState } from 'react'
import { NoticeHeader } from '../editor/NoticeHeader'
import { goToItem } from '../editor/OutlinePanel'
import type { SharedMeta } from '../editor/use-shared-meta'
import { useLocale } from '../i18n/LocaleProvider'
import { NextMeetingDialog } from '../notices/NextMeetingDialog'
import { Icon } from '../ui/Icon'
import { changeSentence } from './change-sentences'
import { revisionName } from './revision-text'
import type { CompareSide } from './revisions-api'
import type { RevisionHistory } from './use-revision-history'
import type { RevisionReader } from './use-revision-reader'

/** Props of `RevisionPage`. */
export type RevisionPageProps = { history: RevisionHistory; reader: RevisionReader }

/** The read-only page of what `reader` shows. */
export function RevisionPage({ history, reader }: RevisionPageProps) {
  const { t } = useLocale()
  const words = t.revisions
  const { data, editor } = reader
  const [nextMeeting, setNextMeeting] = useState(false)
  const nameOf = (side: CompareSide) => {
    if (side === 'live') return words.currentVersion
    const found = history.timeline?.revisions.find((revision) => revision.rev === side)
    return found ? revisionName(found, t, history.timeline?.revisions) : words.autoSaveNumbered(side)
  }

  if (reader.status === 'failed') {
    return (
      <div className="plain-page__message" role="alert">
        <p>{words.readFailed(reader.error)}</p>
        <button type="button" className="button" onClick={() => history.setReading(null)}>
          {words.backToEditing}
        </button>
      </div>
    )
  }
  if (!data || !editor) {
    return (
      <p className="plain-page__message" aria-busy="true">
        {words.opening}
      </p>
    )
  }

  const diff = data.diff
  const reading = data.reading
  const renumbered = diff?.items.filter((change) => change.kind === 'renumbered').length ?? 0
  return (
    <div className="revision-page">
      {diff && reading.mode === 'compare' && (
        <section className="changes" aria-labelledby="changes-heading">
          <h2 id="changes-heading" className="changes__title">
            {words.changesTitle(nameOf(reading.from), nameOf(reading.to))}
          </h2>
          {diff.summary.length === 0 ? (
            <p className="changes__none">{words.noChanges}</p>
          ) : (
            <ul className="changes__list">
              {diff.summary.map((entry, index) => {
                const sentence = changeSentence(entry, t)
                const linked = entry.number !== null && entry.code !== 'item.removed'
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: summary lines have no identity of their own and never reorder.
                  <li key={index} className="changes__entry" data-code={entry.code}>
                    {linked ? (
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => goToItem(editor, entry.number ?? '')}
                      >
                        {sentence}
                      </button>
                    ) : (
                      sentence
                    )}
                  </li>
                )
              })}
            </ul>
          )}
          {renumbered > 0 && <p className="changes__quiet">{words.renumbered(renumbered)}</p>}
          {reader.unmatched > 0 && (
            <p className="changes__quiet" role="note">
              {words.mismatch}
            </p>
          )}
        </section>
      )}
      {reading.mode === 'open' && (
        <div className="revision-page__actions">
          <button type="button" className="button button--small" onClick={() => setNextMeeting(true)}>
            <Icon name="plus" />
            {t.nextMeeting.open}
          </button>
        </div>
      )}
      {nextMeeting && reading.mode === 'open' && (
        <NextMeetingDialog
          noticeId={history.noticeId}
          revision={{ rev: reading.rev, label: nameOf(reading.rev) }}
          source={{ meta: data.meta as Partial<NoticeMeta>, content: data.content }}
          onClose={() => setNextMeeting(false)}
        />
      )}
      <article className="page page--revision" lang={String(data.meta.language ?? 'en')}>
        <NoticeHeader meta={data.meta as SharedMeta} onFillIn={() => {}} />
        <EditorContent editor={editor} className="page__text" />
      </article>
    </div>
  )
}
