/**
 * Revision labels: checking a label someone typed, and proposing the next issue label. WTO
 * documents are reissued as Rev.1, Rev.2 …, so a freeze proposes one more than the highest Rev.n
 * already frozen.
 */

/** The longest label accepted, in characters. */
export const REVISION_LABEL_MAX_LENGTH = 200

const REV_LABEL = /^Rev\.(\d+)$/

/** A label that cannot be used; the message names the value. */
export class RevisionLabelError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RevisionLabelError'
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

/**
 * `label` trimmed, with inner runs of white space made one space. Throws {@link RevisionLabelError}
 * for an empty label, one longer than {@link REVISION_LABEL_MAX_LENGTH} or one holding control
 * characters.
 */
export function normalizeRevisionLabel(label: string): string {
  const clean = label.trim().replace(/\s+/gu, ' ')
  if (clean === '') throw new RevisionLabelError('A revision label cannot be empty')
  if ([...clean].length > REVISION_LABEL_MAX_LENGTH) {
    throw new RevisionLabelError(
      `The revision label "${clean.slice(0, 40)}…" is longer than ${REVISION_LABEL_MAX_LENGTH} characters`,
    )
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f-\u009f]/u.test(clean)) {
    throw new RevisionLabelError(`The revision label ${JSON.stringify(clean)} contains control characters`)
  }
  return clean
}
