import { describe, expect, it } from 'vitest'
import {
  nextRevisionLabel,
  normalizeRevisionLabel,
  REVISION_LABEL_MAX_LENGTH,
  refuseIssueLabel,
} from './revision-label'

describe('nextRevisionLabel', () => {
  it('proposes Rev.1 when nothing is frozen', () => {
    expect(nextRevisionLabel([])).toBe('Rev.1')
  })

  it('proposes one more than the highest Rev.n, ignoring other labels', () => {
    expect(nextRevisionLabel(['Rev.1', 'Final draft', null, 'Rev.3', ' Rev.2 '])).toBe('Rev.4')
    expect(nextRevisionLabel(['Version for the chair'])).toBe('Rev.1')
  })

  it('counts past Rev.9 as a number, not as text', () => {
    expect(nextRevisionLabel(['Rev.9', 'Rev.10'])).toBe('Rev.11')
  })
})

describe('normalizeRevisionLabel', () => {
  it('trims and joins spaces', () => {
    expect(normalizeRevisionLabel('  Avant   la\u00a0réunion ')).toBe('Avant la réunion')
  })

  it('refuses an empty, overlong or control-character label, naming it', () => {
    expect(() => normalizeRevisionLabel('   ')).toThrow('A revision label cannot be empty')
    expect(() => normalizeRevisionLabel('x'.repeat(REVISION_LABEL_MAX_LENGTH + 1))).toThrow(
      `is longer than ${REVISION_LABEL_MAX_LENGTH} characters`,
    )
    expect(() => normalizeRevisionLabel('Rev.1\u0007')).toThrow(
      'The revision label "Rev.1\\u0007" contains control characters',
    )
  })

  it('refuses a CR, LF, tab or line separator rather than making it a space', () => {
    for (const label of [
      'Avant\r\nla réunion',
      'Avant\nla réunion',
      'Avant\tla réunion',
      'Avant\u2028la réunion',
    ]) {
      expect(() => normalizeRevisionLabel(label), JSON.stringify(label)).toThrow(
        `The revision label ${JSON.stringify(label)} contains control characters`,
      )
    }
  })
})

describe('refuseIssueLabel', () => {
  it('refuses the Rev.n pattern of frozen revisions and lets any other label pass', () => {
    for (const label of ['Rev.1', 'Rev. 2', 'Rev.10']) {
      expect(() => refuseIssueLabel(label), label).toThrow(
        `The revision label "${label}" is the pattern of frozen revisions (Rev.n)`,
      )
    }
    for (const label of [null, 'Rev.1 draft', 'Revised', 'Before restoring rev 1']) {
      expect(() => refuseIssueLabel(label)).not.toThrow()
    }
  })
})
