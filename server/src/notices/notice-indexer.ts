/**
 * Keeps the derived facts of every notice in step with its text: the library's search index
 * (organisation, meeting date, plain text) and the speakers' directory's mentions. A notice is read
 * again only when it changed since it was last indexed, so a search after a quiet period reads
 * nothing but the catalogue.
 */
import { randomUUID } from 'node:crypto'
import {
  docFromJSON,
  NODE_NAMES,
  NOTICE_META_FIELDS,
  type NoticeMeta,
  nodeText,
  toSpeakerAttrs,
} from '@convene/schema'
import { speakerKey } from '../speakers/speaker-key'
import type { LibraryStorage, NoticeIndex } from '../storage/library-storage'
import type { SpeakerMention, SpeakerStorage } from '../storage/speaker-storage'
import { type NoticeStorage, UnknownNoticeError } from '../storage/storage'
import { NoticeLoadError, NoticeNotFoundError } from '../sync/notice-errors'
import type { NoticeJson, NoticeService } from './notice-service'

/** What {@link NoticeIndexer} reads and writes. */
export type NoticeIndexerOptions = {
  notices: Pick<NoticeService, 'get'>
  catalogue: Pick<NoticeStorage, 'listNotices'>
  library: Pick<LibraryStorage, 'listEntries' | 'putIndex'>
  speakers: Pick<SpeakerStorage, 'recordMentions'>
  /** Ids for new directory entries (default: random UUIDs). */
  newSpeakerId?: () => string
}

type Content = NoticeJson['content']

/** The speakers notice content `content` names, once each person, with their fullest fields. */
export function speakerMentions(content: Content): SpeakerMention[] {
  const byKey = new Map<string, SpeakerMention>()
  const filled = (mention: SpeakerMention) =>
    Object.values(mention.fields).filter((value) => value !== '').length
  const visit = (node: Content): void => {
    if (node.type === NODE_NAMES.speaker) {
      const fields = toSpeakerAttrs(node.attrs ?? {})
      const key = speakerKey(fields.name)
      const mention = { key, fields }
      const known = byKey.get(key)
      if (key !== '' && (!known || filled(mention) > filled(known))) byKey.set(key, mention)
    }
    for (const child of node.content ?? []) visit(child)
  }
  visit(content)
  return [...byKey.values()]
}

/** The index of notice `notice`, read at the catalogue's `indexedAt`. */
export function noticeIndexOf(notice: Pick<NoticeJson, 'meta' | 'content'>, indexedAt: number): NoticeIndex {
  const meta = notice.meta as Partial<NoticeMeta>
  const metaText = NOTICE_META_FIELDS.map((field) => meta[field] ?? '').filter((value) => value !== '')
  const body = nodeText(docFromJSON(notice.content, { strict: false }), '\n')
  return {
    indexedAt,
    organisation: meta.organisation ?? '',
    meetingDate: meta.meetingDate ?? '',
    text: [...metaText, body].join('\n'),
  }
}

/** Brings the library index and the directory's mentions up to date with the notices. */
export class NoticeIndexer {
  private readonly options: NoticeIndexerOptions
  private readonly newSpeakerId: () => string
  private tail: Promise<void> = Promise.resolve()

  constructor(options: NoticeIndexerOptions) {
    this.options = options
    this.newSpeakerId = options.newSpeakerId ?? randomUUID
  }

  /**
   * Indexes every notice changed since it was last indexed; resolves once what was stored before
   * the call is indexed. Calls run one after another, so two never index one notice at once.
   */
  refresh(): Promise<void> {
    const run = this.tail.then(() => this.indexStale())
    this.tail = run.catch(() => undefined)
    return run
  }

  private async indexStale(): Promise<void> {
    const { catalogue, library, notices, speakers } = this.options
    const [records, entries] = await Promise.all([catalogue.listNotices(), library.listEntries()])
    const indexedAt = new Map(entries.map((entry) => [entry.noticeId, entry.index?.indexedAt ?? null]))
    for (const record of records) {
      const seen = indexedAt.get(record.id)
      if (seen !== undefined && seen !== null && seen >= record.updatedAt) continue
      try {
        const notice = await notices.get(record.id)
        const index = noticeIndexOf(notice, record.updatedAt)
        await speakers.recordMentions(
          record.id,
          index.organisation,
          speakerMentions(notice.content),
          this.newSpeakerId,
        )
        await library.putIndex(record.id, index)
      } catch (error) {
        // Deleted since the catalogue was read: nothing to index.
        if (error instanceof NoticeNotFoundError || error instanceof UnknownNoticeError) continue
        // A notice that cannot be read stays listed from the catalogue, unindexed, and is tried again.
        if (error instanceof NoticeLoadError) continue
        throw error
      }
    }
  }
}
