/**
 * Removes characters that no export format can carry: C0/C1 control characters (illegal in XML 1.0,
 * glyph-less in fonts), lone UTF-16 surrogates and the non-characters U+FFFE/U+FFFF. Every string
 * from the document or its metadata passes through here once, in notice-walk.ts, so all formats
 * print the same text.
 * @module
 */

// Tab, line feed and carriage return are legal in XML but mean nothing inside a run: they become spaces.
const WHITESPACE_CONTROLS = /[\t\n\r]/g
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Returns `text` without characters that are illegal in XML or unprintable, tabs and newlines as spaces. */
export function cleanText(text: string): string {
  return text.replace(WHITESPACE_CONTROLS, ' ').replace(ILLEGAL, '').replace(LONE_SURROGATE, '')
}
