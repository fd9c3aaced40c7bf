/**
 * Where typed or pasted text holds a document symbol. Typing a symbol and then a space or a
 * punctuation mark turns it into a symbol node; the schema's grammar (`findSymbols`) decides what
 * is a symbol, so text that is not a valid symbol stays text.
 */
import { findSymbols } from '@convene/schema'

/** Characters that end a typed symbol: spaces and the punctuation that can follow a reference. */
export const SYMBOL_TERMINATORS = new Set([
  ' ',
  '\u00a0',
  '\u202f',
  ',',
  ';',
  ':',
  '.',
  ')',
  ']',
  '!',
  '?',
  '»',
  '”',
])

/** A symbol just finished by typing: `text.slice(index)` is the symbol and its terminator. */
export type TypedSymbol = { index: number; symbol: string; terminator: string }

/**
 * The symbol that `text` (the text before the cursor, ending with the character just typed)
 * finishes, if that character is a terminator and a valid symbol ends right before it.
 */
export function typedSymbol(text: string): TypedSymbol | null {
  const terminator = text.at(-1)
  if (terminator === undefined || !SYMBOL_TERMINATORS.has(terminator)) return null
  const before = text.slice(0, -1)
  // Only the last word can be the symbol; scanning it alone keeps typing cheap in long paragraphs.
  const start =
    Math.max(before.lastIndexOf(' '), before.lastIndexOf('\u00a0'), before.lastIndexOf('\u202f')) + 1
  const found = findSymbols(before.slice(start)).at(-1)
  if (!found || start + found.to !== before.length) return null
  return { index: start + found.from, symbol: found.symbol, terminator }
}

/** The symbols inside pasted text, as paste-rule matches (`text` is the symbol itself). */
export function pastedSymbols(text: string): { index: number; text: string; data: { symbol: string } }[] {
  return findSymbols(text).map((found) => ({
    index: found.from,
    text: found.symbol,
    data: { symbol: found.symbol },
  }))
}
