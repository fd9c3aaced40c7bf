/**
 * "New notice from this one": the notice for the next meeting, made from a notice or one of its
 * revisions (frozen ones included) by the schema's `nextMeetingNotice`, stored as a new notice
 * with no revisions and no comments, and recorded in the library as made from its source.
 */
import type { DuplicateNoticeRequest, NoticeOrigin } from '@convene/protocol'
import { nextMeetingNotice } from '@convene/schema'
import type { RevisionService } from '../revisions/revision-service'
import type { LibraryStorage } from '../storage/library-storage'
import type { NoticeJson, NoticeService } from './notice-service'

/** A notice made from another, and where from. */
export type DuplicatedNotice = NoticeJson & { duplicatedFrom: NoticeOrigin }

/** What {@link duplicateNotice} reads and writes. */
export type NoticeDuplicationDeps = {
  notices: NoticeService
  /** Reads the revision to start from. */
  revisions: Pick<RevisionService, 'get'>
  library: Pick<LibraryStorage, 'setOrigin'>
}

/**
 * Makes and stores the next meeting's notice from notice `sourceId` (revision `fromRevision` if
 * given), as `request` chooses, recording its origin. Throws what reading the source throws
 * (`NoticeNotFoundError`, `UnknownRevisionError`), `MetaError` naming an invalid choice,
 * `NoticeLimitError`; a notice whose origin could not be recorded is deleted again.
 */
export async function duplicateNotice(
  deps: NoticeDuplicationDeps,
  sourceId: string,
  request: DuplicateNoticeRequest,
): Promise<DuplicatedNotice> {
  const { fromRevision, ...choices } = request
  const source =
    fromRevision === undefined
      ? await deps.notices.get(sourceId)
      : await deps.revisions.get(sourceId, fromRevision)
  const created = await deps.notices.createFrom(nextMeetingNotice(source, choices))
  const duplicatedFrom: NoticeOrigin = { notice: sourceId, revision: fromRevision ?? null }
  try {
    await deps.library.setOrigin(created.id, duplicatedFrom)
  } catch (error) {
    await deps.notices.delete(created.id).catch(() => undefined)
    throw error
  }
  return { ...created, duplicatedFrom }
}
