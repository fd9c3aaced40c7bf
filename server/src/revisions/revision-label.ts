/**
 * Revision labels: checking a label someone typed, and proposing the next issue label. WTO
 * documents are reissued as Rev.1, Rev.2 …, so a freeze proposes one more than the highest Rev.n
 * already frozen, and a label of that pattern names a frozen revision only.
 */
import { isRevLabel } from '@convene/export'

import { REVISION_LABEL_MAX_LENGTH } from '@convene/protocol'

export { REVISION_LABEL_MAX_LENGTH }

const REV_LABEL = /^Rev\.(\d+)$/

/**
 * What is wrong with a label: `empty` and `too-long` are malformed input (400); `control-characters`
 * and `reserved` (a Rev.n label on a revision that is not frozen) are labels the revisions refuse (422).
 */
export type RevisionLabelProblem = 'empty' | 'too-long' | 'control-characters' | 'reserved'

/** A label that cannot be used; the message names the value. */
export class RevisionLabelError extends Error {
  readonly problem: RevisionLabelProblem
  constructor(problem: RevisionLabelProblem, message: string) {
    super(message)
    this.name = 'RevisionLabelError'
    this.problem = problem
  }
}

/** The label proposed for the next freeze: "Rev.1" first, then one more than the highest Rev.n. */
export function nextRevisionLabel(frozenLabels: readonly (string | null)[]): string {
  let highest = 0
  for (const label of frozenLabels) {
    const match = REV_LABEL.exec(label?.trim() ?? '')
    if (match?.[1]) highest = Math.max(highest, Number(match[1]))
  }
  return `Rev.${highest + 1}`
}

// C0 and C1 controls (tab, CR and LF among them) and the Unicode line and paragraph separators.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u

/**
 * `label` trimmed, with inner runs of spaces made one space. Throws {@link RevisionLabelError} for
 * an empty label, one longer than {@link REVISION_LABEL_MAX_LENGTH}, and one holding control
 * characters (a CR, LF or tab is refused, never turned into a space: a label is one line).
 */
export function normalizeRevisionLabel(label: string): string {
  if (CONTROL_CHARACTERS.test(label)) {
    throw new RevisionLabelError(
      'control-characters',
      `The revision label ${JSON.stringify(label.length > 60 ? `${label.slice(0, 60)}…` : label)} contains control characters`,
    )
  }
  const clean = label.trim().replace(/\s+/gu, ' ')
  if (clean === '') throw new RevisionLabelError('empty', 'A revision label cannot be empty')
  if ([...clean].length > REVISION_LABEL_MAX_LENGTH) {
    throw new RevisionLabelError(
      'too-long',
      `The revision label "${clean.slice(0, 40)}…" is longer than ${REVISION_LABEL_MAX_LENGTH} characters`,
    )
  }
  return clean
}

/**
 * Throws {@link RevisionLabelError} when `label` has the Rev.n pattern of issued revisions
 * ("Rev.1", "Rev. 2"), which a revision that is not frozen may not carry: a draft named "Rev.1"
 * beside the frozen Rev.1 would be two documents under one number.
 */
export function refuseIssueLabel(label: string | null): void {
  if (isRevLabel(label)) {
    throw new RevisionLabelError(
      'reserved',
      `The revision label "${label}" is the pattern of frozen revisions (Rev.n): only a frozen revision can be labelled so`,
    )
  }
}
