/**
 * The notice library's own facts about each notice, beside the catalogue: where a notice was made
 * from, whether it is archived, and the index the library searches (organisation, meeting date and
 * plain text, as of one version of the notice). Every backend passes `registerLibraryStorageContractTests`.
 */

/** The notice (and revision, if one) a notice was made from by "New notice from this one". */
export type NoticeOrigin = {
  notice: string
  /** The revision it was made from, or null for the live notice. */
  revision: number | null
}

/** What the library searches in a notice, read from one version of it. */
export type NoticeIndex = {
  /** The `updatedAt` of the notice version this was read from (milliseconds since the epoch). */
  indexedAt: number
  /** The notice's organisation (its metadata field). */
  organisation: string
  /** The meeting date, YYYY-MM-DD or ''. */
  meetingDate: string
  /** The notice's metadata and text as plain text. */
  text: string
}

/** One notice's library facts; a field never written is null. */
export type LibraryEntry = {
  noticeId: string
  origin: NoticeOrigin | null
  /** When it was archived (milliseconds since the epoch), null when it is not. */
  archivedAt: number | null
  index: NoticeIndex | null
}

/**
 * Durable storage of the library's facts, one entry per notice, gone with the notice. Writes to a
 * notice that is not stored reject with `UnknownNoticeError`; a resolved write is durable.
 */
export interface LibraryStorage {
  /** Records where notice `noticeId` was made from. */
  setOrigin(noticeId: string, origin: NoticeOrigin): Promise<void>
  /** Archives notice `noticeId` at `archivedAt`, or with null brings it back. */
  setArchived(noticeId: string, archivedAt: number | null): Promise<void>
  /** Stores the index of notice `noticeId`, replacing the one before. */
  putIndex(noticeId: string, index: NoticeIndex): Promise<void>
  /** One notice's entry, or null when nothing was written for it (or there is no such notice). */
  getEntry(noticeId: string): Promise<LibraryEntry | null>
  /** Every entry written, in no particular order. */
  listEntries(): Promise<LibraryEntry[]>
  /** Releases the backend's resources. */
  close(): Promise<void>
}
