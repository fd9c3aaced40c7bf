/**
 * A person's avatar: their colour (from the shared contract, the same one the server gives their
 * presence) and their initials.
 */
export { userColour } from '@convene/protocol'

/** One or two initials for an avatar ("Aïcha Diallo" -> "AD"). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  const first = words[0]?.[0] ?? '?'
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : ''
  return (first + last).toLocaleUpperCase()
}
