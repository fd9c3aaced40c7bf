/**
 * The speakers' directory: each person once per organisation's directory (the organisation whose
 * notices name them), with the fields a speaker node holds and the notices that mention them. The
 * mentions are read from the notices; the fields may be edited. Every backend passes
 * `registerSpeakerStorageContractTests`.
 */
import type { SpeakerAttrs } from '@convene/schema'

/** One person of a directory. */
export type SpeakerRecord = SpeakerAttrs & {
  id: string
  /** The organisation whose directory holds the person (`WTO`, the notices' organisation). */
  directory: string
  /** What identifies the person in the directory: the name folded for comparison (see speaker-key.ts). */
  key: string
  /** When somebody last edited the fields (milliseconds since the epoch), null if never. */
  editedAt: number | null
  /** The ids of the notices that mention the person, sorted. */
  notices: string[]
}

/** A speaker as one notice names them. */
export type SpeakerMention = { key: string; fields: SpeakerAttrs }

/**
 * Durable storage of the directory. Writes about a notice that is not stored reject with
 * `UnknownNoticeError`; a person's mentions go with the notice, the person stays.
 */
export interface SpeakerStorage {
  /**
   * Makes `mentions` the speakers notice `noticeId` names, in `directory`, in one transaction: a
   * person not yet in that directory is added with the mention's fields and an id from `newId`;
   * a person already there keeps their fields. The notice's earlier mentions are replaced.
   */
  recordMentions(
    noticeId: string,
    directory: string,
    mentions: readonly SpeakerMention[],
    newId: () => string,
  ): Promise<void>
  /** Every person, of every directory, in no particular order. */
  listSpeakers(): Promise<SpeakerRecord[]>
  /** One person, or null. */
  getSpeaker(id: string): Promise<SpeakerRecord | null>
  /** Changes some of a person's fields (their key stays); resolves the person after, null when unknown. */
  updateSpeaker(id: string, fields: Partial<SpeakerAttrs>, editedAt: number): Promise<SpeakerRecord | null>
  /** Releases the backend's resources. */
  close(): Promise<void>
}
