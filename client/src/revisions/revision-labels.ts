/**
 * The labels of frozen revisions: WTO documents are reissued as Rev.1, Rev.2 …, so the next
 * freeze is proposed as the revision after the highest one already frozen.
 */

const REV_LABEL = /^Rev\.(\d+)$/

/** The label proposed for the next freeze: "Rev.1" first, then one more than the highest Rev.n. */
export function nextFrozenLabel(frozenLabels: readonly (string | null)[]): string {
  let highest = 0
  for (const label of frozenLabels) {
    const match = REV_LABEL.exec(label?.trim() ?? '')
    if (match?.[1]) highest = Math.max(highest, Number(match[1]))
  }
  return `Rev.${highest + 1}`
}
