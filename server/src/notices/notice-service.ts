/**
 * What the HTTP API does with notices: list, create (from the sample or blank), read, patch
 * metadata and delete. Reads and writes go through the live room when the notice is open, so
 * an HTTP change reaches connected editors exactly like a peer's edit.
 */
import { randomUUID } from 'node:crypto'
import {
  blankNotice,
  DEFAULT_NOTICE_LIMITS,
  META_MAP,
  type Notice,
  type NoticeLanguage,
  type NoticeLimits,
  type NoticeMetaPatch,
  parseNoticeMeta,
  parseNoticeMetaPatch,
  readNoticeFromYDoc,
  sampleNotice,
  writeMeta,
} from '@convene/schema'
import * as Y from 'yjs'
import type { NoticeRecord, NoticeStorage } from '../storage/storage'
import { loadNoticeDoc } from '../sync/notice-doc'
import { NoticeNotFoundError } from '../sync/notice-errors'
import { RoomClosedError } from '../sync/room'
import type { RoomRegistry } from '../sync/room-registry'
import { storeNewNotice } from './store-new-notice'

/** A whole notice as the API returns it: metadata and Tiptap JSON content. */
export type NoticeJson = { id: string } & ReturnType<typeof readNoticeFromYDoc>

/** One row of the notices list as the API returns it. */
export type NoticeListItem = {
  id: string
  title: string
  symbol: string
  language: string
  /** ISO 8601. */
  updatedAt: string
}

/** What a new notice starts from. */
export type NewNoticeInput = {
  /** The sample notice or a blank one (default blank). */
  from?: 'sample' | 'blank'
  /** The notice language (for a blank notice, also the language of its empty metadata). */
  language?: NoticeLanguage
  /** Metadata fields to set on top of the starting point; validated like a PATCH. */
  meta?: unknown
}

/** Options of {@link NoticeService}. */
export type NoticeServiceOptions = {
  storage: NoticeStorage
  registry: RoomRegistry
  /** Makes ids for new notices (default: random UUIDs). */
  createId?: () => string
  /**
   * Called before a notice is deleted; throws to refuse (a notice with frozen revisions, which
   * are never deleted, is never deleted either).
   */
  beforeDelete?: (id: string) => Promise<void>
  /** Called once a notice is deleted: the rest of it goes too (comments room, roles). */
  afterDelete?: (id: string) => Promise<void>
  /** How large a new notice may be (default `DEFAULT_NOTICE_LIMITS`). */
  limits?: NoticeLimits
}

const toListItem = (record: NoticeRecord): NoticeListItem => ({
  id: record.id,
  title: record.title,
  symbol: record.symbol,
  language: record.language,
  updatedAt: new Date(record.updatedAt).toISOString(),
})

/** The notice operations behind the HTTP API. */
export class NoticeService {
  private readonly storage: NoticeStorage
  private readonly registry: RoomRegistry
  private readonly createId: () => string
  private readonly beforeDelete: (id: string) => Promise<void>
  private readonly afterDelete: (id: string) => Promise<void>
  private readonly limits: NoticeLimits

  constructor(options: NoticeServiceOptions) {
    this.limits = options.limits ?? DEFAULT_NOTICE_LIMITS
    this.storage = options.storage
    this.registry = options.registry
    this.createId = options.createId ?? randomUUID
    this.beforeDelete = options.beforeDelete ?? (async () => {})
    this.afterDelete = options.afterDelete ?? (async () => {})
  }

  /** Every notice, most recently updated first. */
  async list(): Promise<NoticeListItem[]> {
    return (await this.storage.listNotices()).map(toListItem)
  }

  /**
   * Creates and stores a notice from the sample or blank, with `meta` applied on top. Throws
   * `MetaError` (naming the field) for invalid metadata, `NoticeLimitError` for one over `limits` (null: none). The document is written by a fresh
   * Y.Doc, so it carries a client id of its own.
   */
  async create(input: NewNoticeInput = {}, limits: NoticeLimits | null = this.limits): Promise<NoticeJson> {
    const base = input.from === 'sample' ? sampleNotice : blankNotice(input.language ?? 'en')
    const patch: NoticeMetaPatch = input.meta === undefined ? {} : parseNoticeMetaPatch(input.meta)
    const meta = parseNoticeMeta({
      ...base.meta,
      ...(input.language ? { language: input.language } : {}),
      ...patch,
    })
    return this.store({ meta, content: base.content }, limits)
  }

  /**
   * Creates and stores a notice holding `notice` (validated metadata and schema content, such as
   * `nextMeetingNotice` makes), within the limits. Throws `NoticeLimitError` for one over them.
   */
  async createFrom(notice: Notice): Promise<NoticeJson> {
    return this.store(notice, this.limits)
  }

  private async store(notice: Notice, limits: NoticeLimits | null): Promise<NoticeJson> {
    return storeNewNotice(this.storage, this.createId(), notice, limits)
  }

  /** Creates the sample notice if there is no notice at all, so a new install opens on something real. */
  async seedIfEmpty(): Promise<NoticeJson | null> {
    if ((await this.storage.listNotices()).length > 0) return null
    // Our own sample, whatever the limits: a server with tight ones still starts.
    return this.create({ from: 'sample' }, null)
  }

  /**
   * Notice `id` as it is now: from its live room when open (once what it holds is stored), from
   * storage otherwise. Throws `NoticeNotFoundError` or `NoticeLoadError`.
   */
  async get(id: string): Promise<NoticeJson> {
    const room = this.registry.peek(id)
    if (room) {
      room.retain()
      try {
        await room.whenDurable()
        return { id, ...readNoticeFromYDoc(room.doc) }
      } catch (error) {
        // The room closed meanwhile (a failed write, a deletion): storage has the answer.
        if (!(error instanceof RoomClosedError)) throw error
      } finally {
        room.release()
      }
    }
    const { doc } = await loadNoticeDoc(this.storage, id)
    try {
      return { id, ...readNoticeFromYDoc(doc) }
    } finally {
      doc.destroy()
    }
  }

  /**
   * Notice `id`'s Yjs updates as they are now, for a reader elsewhere (a worker thread): the live
   * room's state when open (once stored), the stored log otherwise. Throws `NoticeNotFoundError`.
   */
  async updates(id: string): Promise<Uint8Array[]> {
    const room = this.registry.peek(id)
    if (room) {
      room.retain()
      try {
        await room.whenDurable()
        return [Y.encodeStateAsUpdate(room.doc)]
      } catch (error) {
        if (!(error instanceof RoomClosedError)) throw error
      } finally {
        room.release()
      }
    }
    const log = await this.storage.loadUpdates(id)
    if (log === null) throw new NoticeNotFoundError(id)
    return log.map((row) => row.bytes)
  }

  /**
   * Applies a metadata patch (validated first: `MetaError` names the field) to notice `id`'s live
   * document as a server change, stored and then broadcast to connected editors; resolves with
   * the notice once the change is stored. Fields already holding the value are not rewritten.
   */
  async patchMeta(id: string, patch: unknown): Promise<NoticeJson> {
    const valid = parseNoticeMetaPatch(patch)
    const room = await this.registry.acquire(id)
    try {
      const current = room.doc.getMap<unknown>(META_MAP)
      const changed = Object.fromEntries(
        Object.entries(valid).filter(([field, value]) => current.get(field) !== value),
      )
      if (Object.keys(changed).length > 0) await room.change((doc) => writeMeta(doc, changed))
      else await room.whenDurable()
      return { id, ...readNoticeFromYDoc(room.doc) }
    } finally {
      room.release()
    }
  }

  /**
   * Deletes notice `id`, closing its connections. Throws `NoticeNotFoundError` if there is none,
   * and what `beforeDelete` throws to refuse.
   */
  async delete(id: string): Promise<void> {
    await this.beforeDelete(id)
    if (!(await this.registry.delete(id))) throw new NoticeNotFoundError(id)
    await this.afterDelete(id)
  }
}
