/**
 * What the revisions API does: take revisions of a notice (automatic, named, frozen), list and read
 * them with their integrity checked, freeze and name them, compare two versions, and restore an old
 * one by ordinary edits of the live notice, recorded as new revisions: history is never rewritten.
 * Every operation on one notice runs after the previous one, in order.
 */

import { type ExportInput, type ExportRevision, wholeNoticeMeta } from '@convene/export'
import type {
  CompareResult,
  RestoreResult,
  RevisionDetail,
  RevisionSummary as WireRevisionSummary,
} from '@convene/protocol'
import {
  applyNoticeToYDoc,
  checkNoticeLimits,
  countAgendaItemsInJson,
  DEFAULT_NOTICE_LIMITS,
  diffNotices,
  type NoticeDiff,
  type NoticeLimits,
  type NoticeSnapshot,
  readNoticeFromYDoc,
} from '@convene/schema'
import * as Y from 'yjs'
import {
  type RevisionKind,
  type RevisionRecord,
  type RevisionStorage,
  UnknownRevisionError,
} from '../storage/revision-storage'
import type { NoticeStorage } from '../storage/storage'
import { NoticeNotFoundError } from '../sync/notice-errors'
import type { Room } from '../sync/room'
import type { RoomRegistry } from '../sync/room-registry'
import type { CommentsCapture } from './comments-state'
import { noticeContentHash } from './content-hash'
import { type FreezeRefusal, freezeRefusal } from './freeze-check'
import { KeyedQueue } from './keyed-queue'
import { RevisionConflictError, RevisionIntegrityError, RevisionNotFreezableError } from './revision-errors'
import { nextRevisionLabel, normalizeRevisionLabel, refuseIssueLabel } from './revision-label'
import {
  decodeRevisionState,
  encodeRevisionState,
  revisionBlobKey,
  snapshotOfContentState,
} from './revision-state'

/**
 * A revision as the API lists it; its kind is `frozen` for a frozen revision, whatever made it.
 * The wire shapes are @convene/protocol's, so the service cannot drift from what clients parse.
 */
export type RevisionSummary = WireRevisionSummary

/** A revision with the notice as it was. */
export type RevisionJson = RevisionDetail

/** The list of a notice's revisions, newest first, with the label the next freeze would get. */
export type RevisionTimeline = { revisions: RevisionSummary[]; nextFrozenLabel: string }

/** One side of a comparison: a revision, or the live notice (`rev: 'live'`, no label). */
type CompareSide = CompareResult['from']

/** The answer of a comparison: both sides, and the structured diff from `from` to `to`. */
export type CompareJson = CompareResult

/** What a restore did. */
export type RestoreJson = RestoreResult

/** Options of {@link RevisionService}. */
export type RevisionServiceOptions = {
  revisions: RevisionStorage
  storage: NoticeStorage
  registry: RoomRegistry
  /**
   * Notice `noticeId`'s comments document as it is now, or null when it has no thread; stored in
   * each revision with the text (see comments-state.ts). Absent: revisions hold the text alone.
   */
  commentsState?: (noticeId: string) => Promise<CommentsCapture | null>
  /** How large a restore may make the live notice (default `DEFAULT_NOTICE_LIMITS`). */
  limits?: NoticeLimits
  /** Computes a comparison's diff (default: `diffNotices` in this thread; the server gives its worker pool). */
  diff?: (older: NoticeSnapshot, newer: NoticeSnapshot) => Promise<NoticeDiff>
  /**
   * Why an encoded content state cannot be frozen as `revision` (strict reader, every exporter),
   * or null (default: `freezeRefusal` of freeze-check.ts in this thread; the server gives its worker pool).
   */
  checkFreeze?: (content: Uint8Array, revision: ExportRevision) => Promise<FreezeRefusal | null>
}

/** Options of a named revision. */
export type CreateRevisionInput = {
  label?: string | null
  /** Freeze at once; the label defaults to the next Rev.n. */
  freeze?: boolean
  author?: string | null
}

/** The live notice captured at one instant: its encoded state, what it reads as, and its hash. */
type Capture = { content: Uint8Array; snapshot: NoticeSnapshot; hash: string }

/** A stored revision read back and checked, with the size of its encoded text and metadata. */
type CheckedRevision = { record: RevisionRecord; snapshot: NoticeSnapshot; content: Uint8Array }

/** Captures `doc` now, synchronously: nothing can change it between the state and its reading. */
function capture(doc: Y.Doc): Capture {
  const snapshot = readNoticeFromYDoc(doc)
  return { content: Y.encodeStateAsUpdate(doc), snapshot, hash: noticeContentHash(snapshot) }
}

/** A revision as the API lists it. */
export function toRevisionSummary(record: RevisionRecord): RevisionSummary {
  return {
    rev: record.rev,
    kind: record.frozen ? 'frozen' : record.kind,
    label: record.label,
    frozen: record.frozen,
    hash: record.hash,
    author: record.author,
    createdAt: new Date(record.createdAt).toISOString(),
  }
}

const sameStateVector = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((byte, index) => byte === b[index])

/** The revision operations behind the HTTP API and the automatic revisions. */
export class RevisionService {
  private readonly revisions: RevisionStorage
  private readonly storage: NoticeStorage
  private readonly registry: RoomRegistry
  private readonly commentsState: (noticeId: string) => Promise<CommentsCapture | null>
  private readonly queue = new KeyedQueue()
  private readonly limits: NoticeLimits
  private readonly diff: (older: NoticeSnapshot, newer: NoticeSnapshot) => Promise<NoticeDiff>
  private readonly checkFreeze: (
    content: Uint8Array,
    revision: ExportRevision,
  ) => Promise<FreezeRefusal | null>

  constructor(options: RevisionServiceOptions) {
    this.checkFreeze = options.checkFreeze ?? freezeRefusal
    this.diff = options.diff ?? (async (older, newer) => diffNotices(older, newer))
    this.limits = options.limits ?? DEFAULT_NOTICE_LIMITS
    this.revisions = options.revisions
    this.storage = options.storage
    this.registry = options.registry
    this.commentsState = options.commentsState ?? (async () => null)
  }

  /** The revisions of notice `noticeId`, newest first. Throws `NoticeNotFoundError`. */
  async list(noticeId: string): Promise<RevisionTimeline> {
    await this.requireNotice(noticeId)
    const records = await this.revisions.listRevisions(noticeId)
    return {
      revisions: records.map(toRevisionSummary),
      nextFrozenLabel: nextRevisionLabel(
        records.filter((record) => record.frozen).map((record) => record.label),
      ),
    }
  }

  /**
   * Takes a named revision of the notice as it is now (frozen at once with `freeze`, labelled the
   * next Rev.n unless a label is given). An unchanged notice adds a revision row but no state blob.
   */
  async create(noticeId: string, input: CreateRevisionInput = {}): Promise<RevisionSummary> {
    const label = input.label == null ? null : normalizeRevisionLabel(input.label)
    if (input.freeze !== true) refuseIssueLabel(label)
    return this.queue.run(noticeId, async () => {
      const now = await this.withRoom(noticeId, (room) => capture(room.doc))
      const frozen = input.freeze === true
      if (frozen) await this.refuseRefreeze(noticeId, now.hash)
      const finalLabel = frozen ? (label ?? (await this.proposeLabel(noticeId))) : label
      if (frozen) await this.refuseUnexportable(noticeId, now.content, now.hash, finalLabel)
      const record = await this.add(noticeId, now, {
        kind: 'named',
        label: finalLabel,
        frozen,
        author: input.author ?? null,
      })
      return toRevisionSummary(record as RevisionRecord)
    })
  }

  /**
   * Takes an automatic revision of the notice unless it is unchanged since its latest revision;
   * resolves null then. Used by the auto-revision scheduler.
   */
  async autoRevision(noticeId: string): Promise<RevisionSummary | null> {
    return this.queue.run(noticeId, async () => {
      const now = await this.withRoom(noticeId, (room) => capture(room.doc))
      const record = await this.add(
        noticeId,
        now,
        { kind: 'auto', label: null, frozen: false, author: null },
        true,
      )
      return record ? toRevisionSummary(record) : null
    })
  }

  /** Revision `rev` with the notice as it was, its hash checked. */
  async get(noticeId: string, rev: number): Promise<RevisionJson> {
    const { record, snapshot } = await this.read(noticeId, rev)
    return { ...toRevisionSummary(record), meta: snapshot.meta, content: snapshot.content }
  }

  /**
   * Revision `rev` as export input (`ExportInput` of @convene/export), its hash checked: metadata
   * made whole by @convene/export's `wholeNoticeMeta` (a field the revision lacks reads as not set), the revision's label, hash, ISO time
   * and frozen flag. Throws `UnknownRevisionError`, `NoticeNotFoundError`, {@link RevisionIntegrityError}.
   */
  async readRevision(noticeId: string, rev: number): Promise<ExportInput> {
    const { record, snapshot } = await this.read(noticeId, rev)
    return {
      meta: wholeNoticeMeta(snapshot.meta),
      content: snapshot.content,
      revision: {
        label: record.label,
        hash: record.hash,
        createdAt: new Date(record.createdAt).toISOString(),
        frozen: record.frozen,
      },
    }
  }

  /** Names (or, with null, unnames) a revision that is not frozen. */
  async label(noticeId: string, rev: number, label: string | null): Promise<RevisionSummary> {
    const clean = label === null ? null : normalizeRevisionLabel(label)
    return this.queue.run(noticeId, async () => {
      const record = await this.requireRevision(noticeId, rev)
      // A frozen revision refuses any new label (409, from the storage) before its pattern matters.
      if (!record.frozen) refuseIssueLabel(clean)
      return toRevisionSummary(await this.revisions.labelRevision(noticeId, rev, clean))
    })
  }

  /**
   * Freezes revision `rev` for good, as `label` or the next Rev.n, once its hash checks out.
   * Throws {@link RevisionConflictError} when it is frozen already.
   */
  async freeze(noticeId: string, rev: number, label?: string | null): Promise<RevisionSummary> {
    const clean = label == null ? null : normalizeRevisionLabel(label)
    return this.queue.run(noticeId, async () => {
      const { record, content } = await this.read(noticeId, rev)
      if (record.frozen) {
        throw new RevisionConflictError(
          noticeId,
          `Revision ${rev} of notice "${noticeId}" is already frozen as "${record.label}"`,
        )
      }
      await this.refuseRefreeze(noticeId, record.hash)
      const finalLabel = clean ?? (await this.proposeLabel(noticeId))
      await this.refuseUnexportable(noticeId, content, record.hash, finalLabel)
      return toRevisionSummary(await this.revisions.freezeRevision(noticeId, rev, finalLabel))
    })
  }

  /** Deletes a revision that is not frozen (`FrozenRevisionError` for a frozen one). */
  async delete(noticeId: string, rev: number): Promise<void> {
    await this.queue.run(noticeId, async () => {
      if (!(await this.revisions.deleteRevision(noticeId, rev))) {
        await this.requireNotice(noticeId)
        throw new UnknownRevisionError(noticeId, rev)
      }
    })
  }

  /** Compares revision `from` with revision `to` or the live notice. */
  async compare(noticeId: string, from: number, to: number | 'live'): Promise<CompareJson> {
    const older = await this.read(noticeId, from)
    const newer =
      to === 'live'
        ? await this.withRoom(noticeId, (room) => {
            const snapshot = readNoticeFromYDoc(room.doc)
            return {
              side: { rev: 'live' as const, label: null, hash: noticeContentHash(snapshot) },
              snapshot,
            }
          })
        : await this.read(noticeId, to).then(({ record, snapshot }) => ({ side: sideOf(record), snapshot }))
    return {
      from: sideOf(older.record),
      to: newer.side,
      diff: await this.diff(older.snapshot, newer.snapshot),
    }
  }

  /**
   * Makes the live notice read as revision `rev` again by ordinary edits in ONE Yjs transaction,
   * stored and broadcast like any edit, so edits other editors make meanwhile merge after it. The
   * notice just before ("Before restoring rev N", by `author`) and just after ("Restored rev N") are
   * kept as revisions; if anyone edited while the first was being stored, that state is kept as an
   * automatic revision too, so nothing typed is missing from the history.
   */
  async restore(noticeId: string, rev: number, author: string | null = null): Promise<RestoreJson> {
    return this.queue.run(noticeId, async () => {
      const target = await this.read(noticeId, rev)
      // Refused before anything is written: a revision from before the limits may be over them.
      checkNoticeLimits(
        { bytes: target.content.length, items: countAgendaItemsInJson(target.snapshot.content) },
        this.limits,
      )
      return this.withRoom(noticeId, async (room) => {
        const initial = capture(room.doc)
        if (initial.hash === target.record.hash) {
          return { restoredFrom: rev, changed: false, before: null, revision: null }
        }
        const initialVector = Y.encodeStateVector(room.doc)
        const before = await this.add(noticeId, initial, {
          kind: 'named',
          label: `Before restoring rev ${rev}`,
          frozen: false,
          author,
        })
        // From here to the transaction nothing awaits: no edit can slip in between.
        const edited = !sameStateVector(Y.encodeStateVector(room.doc), initialVector)
        const meanwhile = edited ? capture(room.doc) : null
        const applied = room.change((doc) => applyNoticeToYDoc(doc, target.snapshot))
        // Awaited below; marked handled now so a failure is not reported as unhandled meanwhile.
        applied.catch(() => {})
        const after = capture(room.doc)
        if (meanwhile) {
          await this.add(
            noticeId,
            meanwhile,
            { kind: 'auto', label: null, frozen: false, author: null },
            true,
          )
        }
        await applied
        const restored = await this.add(noticeId, after, {
          kind: 'named',
          label: `Restored rev ${rev}`,
          frozen: false,
          author,
        })
        return {
          restoredFrom: rev,
          changed: true,
          before: before ? toRevisionSummary(before) : null,
          revision: restored ? toRevisionSummary(restored) : null,
        }
      })
    })
  }

  /**
   * Throws {@link RevisionConflictError} when notice `noticeId` has frozen revisions, which are
   * never deleted, and so neither is the notice. Called before deleting a notice.
   */
  async assertDeletable(noticeId: string): Promise<void> {
    const frozen = (await this.revisions.listRevisions(noticeId)).filter((record) => record.frozen)
    if (frozen.length === 0) return
    const labels = frozen
      .map((record) => record.label)
      .reverse()
      .join(', ')
    throw new RevisionConflictError(
      noticeId,
      `Notice "${noticeId}" has frozen revisions (${labels}): a notice with frozen revisions cannot be deleted`,
    )
  }

  /** Resolves once every revision operation started so far has finished. */
  async close(): Promise<void> {
    await this.queue.idle()
  }

  /** Runs `work` on the notice's live room, once everything it holds is stored. */
  private async withRoom<T>(noticeId: string, work: (room: Room) => T | Promise<T>): Promise<T> {
    const room = await this.registry.acquire(noticeId)
    try {
      await room.whenDurable()
      return await work(room)
    } finally {
      room.release()
    }
  }

  /** Stores a revision of `now` with the comments as they are; null when `onlyIfChanged` found no change. */
  private async add(
    noticeId: string,
    now: Capture,
    fields: { kind: RevisionKind; label: string | null; frozen: boolean; author: string | null },
    onlyIfChanged = false,
  ): Promise<RevisionRecord | null> {
    const comments = await this.commentsState(noticeId)
    return this.revisions.addRevision({
      noticeId,
      ...fields,
      hash: now.hash,
      blobKey: revisionBlobKey(now.hash, comments?.digest ?? null),
      state: encodeRevisionState({ content: now.content, comments: comments?.state ?? null }),
      onlyIfChanged,
    })
  }

  /** Revision `rev`, read back from its blob, its hash checked against the recorded one. */
  private async read(noticeId: string, rev: number): Promise<CheckedRevision> {
    const record = await this.requireRevision(noticeId, rev)
    const blob = await this.revisions.loadRevisionState(noticeId, rev)
    if (blob === null) throw new RevisionIntegrityError(noticeId, rev)
    let snapshot: NoticeSnapshot
    let content: Uint8Array
    try {
      content = decodeRevisionState(blob).content
      snapshot = snapshotOfContentState(content)
    } catch (cause) {
      throw new RevisionIntegrityError(noticeId, rev, { cause })
    }
    if (noticeContentHash(snapshot) !== record.hash) throw new RevisionIntegrityError(noticeId, rev)
    return { record, snapshot, content }
  }

  private async requireRevision(noticeId: string, rev: number): Promise<RevisionRecord> {
    const record = await this.revisions.getRevision(noticeId, rev)
    if (record) return record
    await this.requireNotice(noticeId)
    throw new UnknownRevisionError(noticeId, rev)
  }

  private async requireNotice(noticeId: string): Promise<void> {
    if (!(await this.storage.getNotice(noticeId))) throw new NoticeNotFoundError(noticeId)
  }

  /**
   * Refuses to freeze content the latest frozen revision already holds: two frozen revisions that
   * claim different numbers (Rev.1, Rev.2) for the same text would be two issues of one document.
   */
  private async refuseRefreeze(noticeId: string, hash: string): Promise<void> {
    const records = await this.revisions.listRevisions(noticeId)
    const latest = records.filter((record) => record.frozen).sort((a, b) => b.rev - a.rev)[0]
    if (latest?.hash === hash) {
      throw new RevisionConflictError(
        noticeId,
        `Notice "${noticeId}" is unchanged since it was frozen as "${latest.label}": there is nothing new to freeze`,
      )
    }
  }

  /**
   * Refuses to freeze a content state that the strict reader or any export format refuses
   * ({@link RevisionNotFreezableError}): a frozen revision can never be changed, so it must always export.
   */
  private async refuseUnexportable(
    noticeId: string,
    content: Uint8Array,
    hash: string,
    label: string | null,
  ): Promise<void> {
    const refusal = await this.checkFreeze(content, {
      label,
      hash,
      createdAt: new Date().toISOString(),
      frozen: true,
    })
    if (refusal) throw new RevisionNotFreezableError(noticeId, refusal)
  }

  private async proposeLabel(noticeId: string): Promise<string> {
    const records = await this.revisions.listRevisions(noticeId)
    return nextRevisionLabel(records.filter((record) => record.frozen).map((record) => record.label))
  }
}

/** A stored revision as one side of a comparison. */
function sideOf(record: RevisionRecord): CompareSide {
  return { rev: record.rev, label: record.label, hash: record.hash }
}
