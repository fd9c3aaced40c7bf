import { describe, expect, it } from 'vitest'
import { CLOSE_CODES } from './close-codes'
import { closeOutcome } from './close-outcome'

describe('closeOutcome', () => {
  it('retries after a rate or size refusal, a storage failure, a server error and a dropped socket', () => {
    for (const code of [4429, 4413, 4503, 4500, 1011, 1006, 1001, 1009]) {
      expect(closeOutcome(code), String(code)).toEqual({ kind: 'retry' })
    }
  })

  it('stops with the reason of each final code', () => {
    expect(closeOutcome(CLOSE_CODES.SESSION_ENDED)).toEqual({ kind: 'final', reason: 'session-ended' })
    expect(closeOutcome(CLOSE_CODES.PERMISSION_DENIED)).toEqual({
      kind: 'final',
      reason: 'permission-denied',
    })
    expect(closeOutcome(CLOSE_CODES.UNKNOWN_NOTICE)).toEqual({ kind: 'final', reason: 'notice-missing' })
    expect(closeOutcome(CLOSE_CODES.NOTICE_DELETED)).toEqual({ kind: 'final', reason: 'notice-deleted' })
    expect(closeOutcome(CLOSE_CODES.MALFORMED_MESSAGE)).toEqual({ kind: 'final', reason: 'refused' })
  })

  it('treats an unknown code in the 4400 range as a refusal and any other unknown code as passing', () => {
    expect(closeOutcome(4422)).toEqual({ kind: 'final', reason: 'refused' })
    expect(closeOutcome(4599)).toEqual({ kind: 'retry' })
    expect(closeOutcome(4000)).toEqual({ kind: 'retry' })
  })
})
