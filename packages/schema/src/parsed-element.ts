/**
 * The part of a DOM element that the nodes' `parseHTML` rules read. Declared here because this
 * package compiles without the DOM library (it must run on the server, with no `window`).
 */

/** What a node's attribute parser may read from the element being parsed. */
export type ParsedElement = {
  getAttribute(name: string): string | null
  readonly textContent: string | null
}
