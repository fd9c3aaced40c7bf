/**
 * The errors of the revision service that the HTTP layer turns into a status: a revision whose
 * stored state no longer matches its hash (500), a request that conflicts with a frozen
 * revision (409), and a notice that would not read or export once frozen (422). Storage refusals (`FrozenRevisionError`, `UnknownRevisionError`,
 * `DuplicateRevisionLabelError`) live with the storage interface.
 */
import type { FreezeRefusal } from './freeze-check'

/** A stored revision whose state is missing, unreadable or no longer hashes to its recorded hash. */
export class RevisionIntegrityError extends Error {
  readonly noticeId: string
  readonly rev: number
  constructor(noticeId: string, rev: number, options?: ErrorOptions) {
    super(`Revision ${rev} of notice "${noticeId}" failed its integrity check`, options)
    this.name = 'RevisionIntegrityError'
    this.noticeId = noticeId
    this.rev = rev
  }
}

/** A request that frozen revisions forbid (freezing twice, deleting a notice that has some). */
export class RevisionConflictError extends Error {
  readonly noticeId: string
  constructor(noticeId: string, message: string) {
    super(message)
    this.name = 'RevisionConflictError'
    this.noticeId = noticeId
  }
}

/** A notice that cannot be frozen: the strict reader or an export format refuses it (see freeze-check.ts). */
export class RevisionNotFreezableError extends Error {
  readonly noticeId: string
  readonly refusal: FreezeRefusal
  constructor(noticeId: string, refusal: FreezeRefusal) {
    const step =
      refusal.step === 'reader' ? 'the strict reader refuses it' : `the ${refusal.step} export fails`
    super(`Notice "${noticeId}" cannot be frozen: ${step}: ${refusal.reason}`)
    this.name = 'RevisionNotFreezableError'
    this.noticeId = noticeId
    this.refusal = refusal
  }
}
