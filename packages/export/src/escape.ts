/**
 * The one escape function for markup: every user-supplied string that reaches HTML goes through
 * `escapeHtml`. (DOCX text is escaped by the docx package's XML writer; Markdown has its own
 * escaping in markdown.ts because its special characters differ.)
 * @module
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c)
}
