/**
 * The HTTP status of each revision failure, for the app's one error handler: a frozen revision
 * refusing a change, a clashing frozen label and any other conflict with frozen revisions are 409,
 * an unknown revision 404, an empty or overlong label 400, a label holding control characters or a
 * Rev.n label on a revision that is not frozen 422, a notice that would not read or export once frozen 422, and a revision failing its integrity check a 500 that
 * says so (the client must know the stored revision is damaged, not that "something" failed).
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import {
  RevisionConflictError,
  RevisionIntegrityError,
  RevisionNotFreezableError,
} from '../revisions/revision-errors'
import { RevisionLabelError } from '../revisions/revision-label'
import {
  DuplicateRevisionLabelError,
  FrozenRevisionError,
  UnknownRevisionError,
} from '../storage/revision-storage'

/** The status for a revision error, whose message is meant for the client; null for any other error. */
export function revisionErrorStatus(error: unknown): ContentfulStatusCode | null {
  if (error instanceof FrozenRevisionError) return 409
  if (error instanceof DuplicateRevisionLabelError) return 409
  if (error instanceof RevisionConflictError) return 409
  if (error instanceof UnknownRevisionError) return 404
  if (error instanceof RevisionLabelError) {
    return error.problem === 'empty' || error.problem === 'too-long' ? 400 : 422
  }
  if (error instanceof RevisionNotFreezableError) return 422
  if (error instanceof RevisionIntegrityError) return 500
  return null
}
