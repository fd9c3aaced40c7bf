/**
 * Which link targets an export may carry. A link mark's `href` is user input: only web and mail
 * addresses survive, so an exported file can never hold a `javascript:` or `file:` link.
 * @module
 */

const ALLOWED = /^(https?:\/\/|mailto:)/i

/** Returns `href` when it is an http(s) or mailto address without whitespace or control characters, else null. */
export function safeUrl(href: unknown): string | null {
  if (typeof href !== 'string') return null
  const trimmed = href.trim()
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a URL with control characters is refused
  if (!ALLOWED.test(trimmed) || /[\s\u0000-\u001F\u007F"<>\\^`{|}]/.test(trimmed)) return null
  return trimmed
}
