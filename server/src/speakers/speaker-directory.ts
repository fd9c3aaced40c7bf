/**
 * The speakers' directory: every person the notices name, once per organisation, searchable by
 * name, organisation or delegation (accents and case ignored) and editable. Notices keep their own
 * copy of the fields (a frozen revision never changes); after an edit the directory names the open
 * drafts that still print the person otherwise, and can update them by ordinary edits.
 */
import type { DirectorySpeaker, SpeakerDraft, SpeakerPatch } from '@convene/protocol'
import { matchesSearch, rewriteSpeakers, type SpeakerAttrs, speakersInYDoc } from '@convene/schema'
import type { NoticeIndexer } from '../notices/notice-indexer'
import type { LibraryStorage } from '../storage/library-storage'
import type { SpeakerRecord, SpeakerStorage } from '../storage/speaker-storage'
import type { NoticeStorage } from '../storage/storage'
import type { RoomRegistry } from '../sync/room-registry'
import { speakerKey } from './speaker-key'

/** The most people one search answers. */
export const MAX_SPEAKERS_FOUND = 50

/** A person's id was not found in the directory (or the caller may not see them). */
export class UnknownSpeakerError extends Error {
  constructor(readonly speakerId: string) {
    super(`There is no speaker with id "${speakerId}"`)
    this.name = 'UnknownSpeakerError'
  }
}

/** The caller may see a person but edits none of the notices naming them. */
export class SpeakerEditRefusedError extends Error {
  constructor(readonly speakerId: string) {
    super(`Only an editor of a notice naming speaker "${speakerId}" can change them in the directory`)
    this.name = 'SpeakerEditRefusedError'
  }
}

/** What {@link SpeakerDirectory} reads and writes. */
export type SpeakerDirectoryOptions = {
  speakers: SpeakerStorage
  catalogue: Pick<NoticeStorage, 'getNotice'>
  library: Pick<LibraryStorage, 'getEntry'>
  indexer: Pick<NoticeIndexer, 'refresh'>
  registry: Pick<RoomRegistry, 'acquire'>
  now?: () => number
}

/** Which notices the caller may read and edit; `all` for an administrator. */
export type NoticeAccess = {
  canRead(noticeId: string): boolean
  canEdit(noticeId: string): boolean
  all: boolean
}

/** The fields of a directory entry as a speaker node holds them. */
const fieldsOf = (speaker: SpeakerRecord): SpeakerAttrs => ({
  honorific: speaker.honorific,
  name: speaker.name,
  delegation: speaker.delegation,
  role: speaker.role,
  preposition: speaker.preposition,
  organisation: speaker.organisation,
})

/** A directory entry as the API shows it to a caller who can read `readable` of its notices. */
function shown(speaker: SpeakerRecord, readable: string[]): DirectorySpeaker {
  return {
    id: speaker.id,
    directory: speaker.directory,
    honorific: speaker.honorific,
    name: speaker.name,
    function: speaker.role,
    preposition: speaker.preposition,
    organisation: speaker.organisation,
    delegation: speaker.delegation,
    notices: readable,
  }
}

/** The speakers' directory over the speaker storage and the live notices. */
export class SpeakerDirectory {
  private readonly options: SpeakerDirectoryOptions
  private readonly now: () => number

  constructor(options: SpeakerDirectoryOptions) {
    this.options = options
    this.now = options.now ?? Date.now
  }

  /**
   * The people whose name, organisation or delegation hold every word of `q`, in directory
   * `organisation` (any case) if given, by name; a caller sees the people of the notices they can
   * read (an administrator everyone), and only those notices.
   */
  async search(
    query: { q?: string; organisation?: string },
    access: NoticeAccess,
  ): Promise<DirectorySpeaker[]> {
    await this.options.indexer.refresh()
    const directory = query.organisation?.trim().toUpperCase()
    const found: DirectorySpeaker[] = []
    for (const speaker of await this.options.speakers.listSpeakers()) {
      if (directory && speaker.directory.toUpperCase() !== directory) continue
      const readable = speaker.notices.filter((id) => access.canRead(id))
      if (readable.length === 0 && !access.all) continue
      if (!matchesSearch(query.q ?? '', [speaker.name, speaker.organisation, speaker.delegation])) continue
      found.push(shown(speaker, readable))
    }
    const collator = new Intl.Collator('fr', { sensitivity: 'base' })
    return found.sort((a, b) => collator.compare(a.name, b.name)).slice(0, MAX_SPEAKERS_FOUND)
  }

  /**
   * Changes a person's fields in the directory (`function` is the node's `role`); resolves the
   * person and the open drafts the caller may edit that still print them otherwise. Throws
   * {@link UnknownSpeakerError} for a person the caller cannot see, {@link SpeakerEditRefusedError}
   * when they edit no notice naming the person.
   */
  async update(
    id: string,
    patch: SpeakerPatch,
    access: NoticeAccess,
  ): Promise<{ speaker: DirectorySpeaker; drafts: SpeakerDraft[] }> {
    const { function: role, ...rest } = patch
    const fields: Partial<SpeakerAttrs> = { ...rest, ...(role === undefined ? {} : { role }) }
    const before = await this.editable(id, access)
    const updated = await this.options.speakers.updateSpeaker(before.id, fields, this.now())
    if (!updated) throw new UnknownSpeakerError(id)
    return {
      speaker: shown(
        updated,
        updated.notices.filter((notice) => access.canRead(notice)),
      ),
      drafts: await this.draftsDiffering(updated, access),
    }
  }

  /**
   * Gives the speaker nodes naming person `id` in each of `noticeIds` the directory's fields, as
   * ordinary edits every editor sees; resolves how many nodes changed in each. The caller must be
   * able to edit every one (checked by the route); an archived or unknown notice is skipped.
   */
  async apply(
    id: string,
    noticeIds: readonly string[],
    access: NoticeAccess,
  ): Promise<{ id: string; mentions: number }[]> {
    const speaker = await this.editable(id, access)
    const fields = fieldsOf(speaker)
    const samePerson = (attrs: SpeakerAttrs) => speakerKey(attrs.name) === speaker.key
    const updated: { id: string; mentions: number }[] = []
    for (const noticeId of new Set(noticeIds)) {
      if (!(await this.isOpenDraft(noticeId))) continue
      const room = await this.options.registry.acquire(noticeId)
      try {
        const mentions = await room.change((doc) => rewriteSpeakers(doc, samePerson, fields))
        updated.push({ id: noticeId, mentions })
      } finally {
        room.release()
      }
    }
    return updated
  }

  private async visible(id: string, access: NoticeAccess): Promise<SpeakerRecord> {
    const speaker = await this.options.speakers.getSpeaker(id)
    if (!speaker || (!access.all && !speaker.notices.some((notice) => access.canRead(notice)))) {
      throw new UnknownSpeakerError(id)
    }
    return speaker
  }

  /** The person, whom the caller must edit a notice naming (administrators: anyone). */
  private async editable(id: string, access: NoticeAccess): Promise<SpeakerRecord> {
    const speaker = await this.visible(id, access)
    if (!access.all && !speaker.notices.some((notice) => access.canEdit(notice))) {
      throw new SpeakerEditRefusedError(id)
    }
    return speaker
  }

  private async isOpenDraft(noticeId: string): Promise<boolean> {
    const [record, entry] = await Promise.all([
      this.options.catalogue.getNotice(noticeId),
      this.options.library.getEntry(noticeId),
    ])
    return record !== null && (entry?.archivedAt ?? null) === null
  }

  /** The open drafts naming `speaker` that the caller may edit and that print the person otherwise. */
  private async draftsDiffering(speaker: SpeakerRecord, access: NoticeAccess): Promise<SpeakerDraft[]> {
    const fields = fieldsOf(speaker)
    const drafts: SpeakerDraft[] = []
    for (const noticeId of speaker.notices) {
      if (!access.canEdit(noticeId) || !(await this.isOpenDraft(noticeId))) continue
      const room = await this.options.registry.acquire(noticeId)
      try {
        const differing = speakersInYDoc(
          room.doc,
          (attrs) =>
            speakerKey(attrs.name) === speaker.key &&
            (Object.keys(fields) as (keyof SpeakerAttrs)[]).some((field) => attrs[field] !== fields[field]),
        )
        const record = await this.options.catalogue.getNotice(noticeId)
        if (differing.length > 0 && record) {
          drafts.push({
            id: noticeId,
            title: record.title,
            symbol: record.symbol,
            mentions: differing.length,
          })
        }
      } finally {
        room.release()
      }
    }
    return drafts
  }
}
