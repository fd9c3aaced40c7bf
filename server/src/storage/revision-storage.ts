/**
 * The narrow interface between revisions and the database, apart from `NoticeStorage` so that each
 * stays small. A revision is a numbered row (per notice: 1, 2, 3 ..., never reused) pointing at a
 * state blob; blobs are content-addressed per notice, so an unchanged notice never adds one. A
 * frozen revision is immutable: every backend refuses to change or delete it, the SQL ones with
 * triggers as well, so not even a hand-written statement gets past. Held to this by
 * `registerRevisionStorageContractTests`.
 */

/** How a revision came to be: taken automatically while editing, or asked for (named, frozen, restore). */
export const REVISION_KINDS = ['auto', 'named'] as const

/** One of {@link REVISION_KINDS}. */
export type RevisionKind = (typeof REVISION_KINDS)[number]

/** A stored revision without its state. Times are milliseconds since the Unix epoch. */
export type RevisionRecord = {
  noticeId: string
  /** The revision number within its notice, from 1, never reused. */
  rev: number
  kind: RevisionKind
  /** A name ("Rev.1", "Before restoring rev 4"); always set on a frozen revision. */
  label: string | null
  frozen: boolean
  /** SHA-256 (hex) of the notice's canonical content at this revision. */
  hash: string
  /** The key of the state blob this revision points at. */
  blobKey: string
  /** Who made it (an account id), or null for the server itself. */
  author: string | null
  createdAt: number
}

/** A revision to add. */
export type NewRevision = {
  noticeId: string
  kind: RevisionKind
  label: string | null
  /** Freeze at once (needs a label). */
  frozen: boolean
  hash: string
  /**
   * The content address of `state` within the notice. When the notice already holds a blob under
   * this key, the revision points at it and `state` is not stored again.
   */
  blobKey: string
  /** The encoded revision state (see revisions/revision-state.ts). */
  state: Uint8Array
  author: string | null
  /**
   * Add nothing (resolve null) when the notice's latest revision has this same `hash`: checked in
   * the same transaction as the insert, so two writers cannot both add the same automatic revision.
   */
  onlyIfChanged?: boolean
}

/**
 * Durable storage of revisions, next to a `NoticeStorage` on the same database. Every method returns
 * a Promise; a resolved write is durable, a rejected write wrote nothing.
 */
export interface RevisionStorage {
  /**
   * Adds a revision with the notice's next number, storing its state blob unless the key is already
   * held. Resolves null only for `onlyIfChanged` with an unchanged hash. Rejects with
   * `UnknownNoticeError` for an unknown notice and {@link DuplicateRevisionLabelError} for a frozen
   * label already in use.
   */
  addRevision(revision: NewRevision): Promise<RevisionRecord | null>
  /** A notice's revisions, newest first (empty for an unknown notice). */
  listRevisions(noticeId: string): Promise<RevisionRecord[]>
  /** One revision, or null. */
  getRevision(noticeId: string, rev: number): Promise<RevisionRecord | null>
  /** The notice's newest revision, or null when it has none. */
  latestRevision(noticeId: string): Promise<RevisionRecord | null>
  /** The state blob of one revision, or null when there is no such revision. */
  loadRevisionState(noticeId: string, rev: number): Promise<Uint8Array | null>
  /**
   * Sets a non-frozen revision's label (null removes it). Rejects with {@link FrozenRevisionError}
   * for a frozen revision and {@link UnknownRevisionError} for a missing one.
   */
  labelRevision(noticeId: string, rev: number, label: string | null): Promise<RevisionRecord>
  /**
   * Freezes a revision under `label`, for good. Rejects with {@link FrozenRevisionError} when it is
   * already frozen, {@link DuplicateRevisionLabelError} when another frozen revision of the notice
   * has this label, and {@link UnknownRevisionError} when there is no such revision.
   */
  freezeRevision(noticeId: string, rev: number, label: string): Promise<RevisionRecord>
  /**
   * Deletes a non-frozen revision, and its blob when no other revision points at it; resolves false
   * when there is no such revision. Rejects with {@link FrozenRevisionError} for a frozen one.
   */
  deleteRevision(noticeId: string, rev: number): Promise<boolean>
  /** The number of state blobs the notice holds (how much its revisions cost). */
  countBlobs(noticeId: string): Promise<number>
  /** Stops accepting calls; calls already started complete first. The database stays open. */
  close(): Promise<void>
}

/** An attempt to change or delete a frozen revision. */
export class FrozenRevisionError extends Error {
  readonly noticeId: string
  readonly rev: number
  constructor(noticeId: string, rev: number, options?: ErrorOptions) {
    super(`Revision ${rev} of notice "${noticeId}" is frozen: it cannot be changed or deleted`, options)
    this.name = 'FrozenRevisionError'
    this.noticeId = noticeId
    this.rev = rev
  }
}

/** A revision number the notice does not have. */
export class UnknownRevisionError extends Error {
  readonly noticeId: string
  readonly rev: number
  constructor(noticeId: string, rev: number) {
    super(`Notice "${noticeId}" has no revision ${rev}`)
    this.name = 'UnknownRevisionError'
    this.noticeId = noticeId
    this.rev = rev
  }
}

/** A frozen label ("Rev.2") that another frozen revision of the notice already carries. */
export class DuplicateRevisionLabelError extends Error {
  readonly noticeId: string
  readonly label: string
  constructor(noticeId: string, label: string, options?: ErrorOptions) {
    super(`Notice "${noticeId}" already has a frozen revision labelled "${label}"`, options)
    this.name = 'DuplicateRevisionLabelError'
    this.noticeId = noticeId
    this.label = label
  }
}
