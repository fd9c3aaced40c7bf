/** Text written into a regular expression so that it matches itself only ("H.E." matches "H.E.", not "HxEx"). */
export function regexSource(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
