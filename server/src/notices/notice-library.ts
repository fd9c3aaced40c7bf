/**
 * The notice library: the notices list searched (title, symbol, meeting date, metadata and text,
 * accents and case ignored), filtered (status, language, organisation, archived), sorted, and shown
 * with what a secretariat needs to pick one: the meeting date, the latest frozen label, open comment
 * threads, who has it open now and where it was made from. Archiving hides a notice from the list.
 */
import type { NoticeEditor, NoticeListQuery, NoticeSort } from '@convene/protocol'
import { matchesSearch } from '@convene/schema'
import type { Role } from '../accounts/permissions'
import type { LibraryEntry, LibraryStorage } from '../storage/library-storage'
import type { RevisionStorage } from '../storage/revision-storage'
import type { NoticeRecord, NoticeStorage } from '../storage/storage'
import type { NoticeIndexer } from './notice-indexer'

/** One notice as the library lists it (without the caller's role, which the route adds). */
export type LibraryItem = {
  id: string
  title: string
  symbol: string
  language: string
  /** ISO 8601. */
  updatedAt: string
  organisation: string
  meetingDate: string
  latestFrozenLabel: string | null
  openComments: number
  archived: boolean
  editing: NoticeEditor[]
  duplicatedFrom: LibraryEntry['origin']
}

/** What {@link NoticeLibrary} reads. */
export type NoticeLibraryOptions = {
  catalogue: Pick<NoticeStorage, 'listNotices' | 'getNotice'>
  library: LibraryStorage
  revisions: Pick<RevisionStorage, 'listRevisions'>
  indexer: Pick<NoticeIndexer, 'refresh'>
  /** The number of comment threads of notice `id` that are not resolved. */
  openComments: (id: string) => Promise<number>
  /** Who has notice `id` open now (on this instance and, through presence, the others). */
  editing: (id: string) => NoticeEditor[]
  now?: () => number
}

/** A notice read for the list, with what the filters and the sort need. */
type Candidate = { record: NoticeRecord; entry: LibraryEntry | null }

const compareText = new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare

const SORTS: Record<NoticeSort, (a: LibraryItem, b: LibraryItem) => number> = {
  updated: (a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id),
  // Latest meeting first; notices without a date after every dated one.
  'meeting-date': (a, b) =>
    (b.meetingDate === '' ? -1 : 0) - (a.meetingDate === '' ? -1 : 0) ||
    b.meetingDate.localeCompare(a.meetingDate) ||
    SORTS.updated(a, b),
  title: (a, b) => compareText(a.title, b.title) || SORTS.updated(a, b),
  symbol: (a, b) => compareText(a.symbol, b.symbol) || SORTS.updated(a, b),
}

/** The notice library over the catalogue, the library's facts and the revisions. */
export class NoticeLibrary {
  private readonly options: NoticeLibraryOptions
  private readonly now: () => number

  constructor(options: NoticeLibraryOptions) {
    this.options = options
    this.now = options.now ?? Date.now
  }

  /** The notices `visible` lets through that match `query`, sorted as it says (default: last changed first). */
  async list(query: NoticeListQuery, visible: (id: string) => Role | null): Promise<LibraryItem[]> {
    const { catalogue, library, indexer } = this.options
    await indexer.refresh()
    const [records, entries] = await Promise.all([catalogue.listNotices(), library.listEntries()])
    const entryOf = new Map(entries.map((entry) => [entry.noticeId, entry]))
    const archived = query.archived ?? 'exclude'
    const candidates: Candidate[] = records
      .filter((record) => visible(record.id) !== null)
      .map((record) => ({ record, entry: entryOf.get(record.id) ?? null }))
      .filter(({ entry }) => {
        const isArchived = (entry?.archivedAt ?? null) !== null
        return archived === 'include' || (archived === 'only') === isArchived
      })
      .filter(({ record, entry }) => this.matches(query, record, entry))
    const items = await Promise.all(candidates.map((candidate) => this.item(candidate)))
    const status = query.status
    return items
      .filter((item) => {
        if (status === 'draft') return item.latestFrozenLabel === null
        if (status === 'frozen') return item.latestFrozenLabel !== null
        if (status === 'open-comments') return item.openComments > 0
        return true
      })
      .sort(SORTS[query.sort ?? 'updated'])
  }

  /** Archives notice `id` (or with false brings it back); resolves when it was archived, or null. */
  async archive(id: string, archived: boolean): Promise<number | null> {
    const archivedAt = archived ? this.now() : null
    await this.options.library.setArchived(id, archivedAt)
    return archivedAt
  }

  private matches(query: NoticeListQuery, record: NoticeRecord, entry: LibraryEntry | null): boolean {
    const organisation = entry?.index?.organisation ?? ''
    if (query.language && record.language !== query.language) return false
    if (query.organisation && organisation.toUpperCase() !== query.organisation.toUpperCase()) return false
    if (!query.q) return true
    const index = entry?.index
    return matchesSearch(query.q, [record.title, record.symbol, index?.meetingDate ?? '', index?.text ?? ''])
  }

  private async item({ record, entry }: Candidate): Promise<LibraryItem> {
    const { revisions, openComments, editing } = this.options
    const [history, comments] = await Promise.all([
      revisions.listRevisions(record.id),
      openComments(record.id),
    ])
    const frozen = history.filter((revision) => revision.frozen).sort((a, b) => b.rev - a.rev)[0]
    return {
      id: record.id,
      title: record.title,
      symbol: record.symbol,
      language: record.language,
      updatedAt: new Date(record.updatedAt).toISOString(),
      organisation: entry?.index?.organisation ?? '',
      meetingDate: entry?.index?.meetingDate ?? '',
      latestFrozenLabel: frozen ? (frozen.label ?? `rev ${frozen.rev}`) : null,
      openComments: comments,
      archived: (entry?.archivedAt ?? null) !== null,
      editing: editing(record.id),
      duplicatedFrom: entry?.origin ?? null,
    }
  }
}
