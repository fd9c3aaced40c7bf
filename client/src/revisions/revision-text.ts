/** How a revision is named and dated in the interface, in the user's language. */
import type { Messages } from '../i18n/messages'
import type { RevisionSummary, TimelineEntry } from './revisions-api'

const RESTORED = /^Restored rev (\d+)$/
const BEFORE_RESTORING = /^Before restoring rev (\d+)$/

/**
 * A revision's name: its label, else "Automatic save 12". The labels the server gives the two
 * revisions of a restore ("Restored rev 4", "Before restoring rev 4") are said in the interface
 * language, naming the version restored as the timeline `revisions` names it.
 */
export function revisionName(
  revision: Pick<RevisionSummary, 'rev' | 'label'>,
  t: Messages,
  revisions: readonly Pick<RevisionSummary, 'rev' | 'label'>[] = [],
  depth = 0,
): string {
  const label = revision.label
  if (label === null) return t.revisions.autoSaveNumbered(revision.rev)
  const restored = RESTORED.exec(label)
  const before = BEFORE_RESTORING.exec(label)
  const rev = Number((restored ?? before)?.[1] ?? Number.NaN)
  if (Number.isNaN(rev) || depth > 2) return label
  const source = revisions.find((entry) => entry.rev === rev) ?? { rev, label: null }
  const name = revisionName(source, t, revisions, depth + 1)
  return restored ? t.revisions.restoredName(name) : t.revisions.beforeRestoringName(name)
}

/** Who made a revision: "You", their name, or "Another editor" ('' for the server's automatic saves). */
export function revisionAuthor(
  revision: Pick<TimelineEntry, 'author' | 'authorName'>,
  myId: string | null,
  t: Messages,
): string {
  if (revision.author === null) return ''
  if (revision.author === myId) return t.revisions.byYou
  return revision.authorName ?? t.revisions.byAnotherEditor
}

/** A revision's time, as "8 Mar 2024, 14:03" in the interface language ('' when unreadable). */
export function formatRevisionTime(iso: string, locale: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}
