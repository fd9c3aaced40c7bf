/**
 * A person's colour for carets, selections, avatars and the presence list, derived from their
 * username (which never changes, unlike a display name), so the same person has the same colour on
 * every machine. The server puts it in every awareness state it relays; the client shows that one.
 */

/** Colours that all keep white label text above a 4.5:1 contrast ratio (WCAG AA). */
export const USER_COLOURS = [
  '#b3261e',
  '#9a4a00',
  '#7a5900',
  '#2e6b30',
  '#00695c',
  '#006479',
  '#0b57a8',
  '#3f45a8',
  '#6a2c91',
  '#a3195b',
  '#6d4c41',
  '#4a5a66',
] as const

/** One of {@link USER_COLOURS}. */
export type UserColour = (typeof USER_COLOURS)[number]

/** The colour for `username` (case and surrounding spaces ignored). */
export function userColour(username: string): UserColour {
  const key = username.trim().toLocaleLowerCase()
  // FNV-1a: a stable, well-spread hash of the name.
  let hash = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return USER_COLOURS[(hash >>> 0) % USER_COLOURS.length] as UserColour
}

/** True when `value` is one of the palette's colours (what a peer's awareness state may carry). */
export function isUserColour(value: unknown): value is UserColour {
  return typeof value === 'string' && (USER_COLOURS as readonly string[]).includes(value)
}
