/**
 * Text folded for searching: what a person types finds what a notice says whatever the accents and
 * case ("bolwijn" finds "Bolwijn", "cnuced" finds "CNUCED", "reunion" finds "Réunion"). The one
 * fold of the library search, the speakers' directory and its keys.
 */

/** `text` without accents (combining marks after NFD), lower-cased, with whitespace runs as one space, trimmed. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * Whether every word of `query` occurs in one of `fields`, accent- and case-insensitively: "bol
 * cnuced" matches a speaker named Bolwijn of the CNUCED. An empty query matches everything.
 */
export function matchesSearch(query: string, fields: readonly string[]): boolean {
  const words = foldForSearch(query)
    .split(' ')
    .filter((word) => word !== '')
  if (words.length === 0) return true
  const haystack = fields.map(foldForSearch).join('\n')
  return words.every((word) => haystack.includes(word))
}
