/**
 * Building and reading a notice's Yjs content in tests: paragraphs, the updates that add them,
 * and the content fragment as a string to compare replicas.
 */
import { CONTENT_FIELD } from '@convene/schema'
import * as Y from 'yjs'

/** A paragraph element holding `text`. */
export function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph')
  element.insert(0, [new Y.XmlText(text)])
  return element
}

/** Inserts a paragraph holding `text` at the start of the document (valid in any notice). */
export function insertParagraph(doc: Y.Doc, text: string): void {
  doc.getXmlFragment(CONTENT_FIELD).insert(0, [paragraph(text)])
}

/** The content fragment as a string, for equality and `includes` checks. */
export function contentOf(doc: Y.Doc): string {
  return doc.getXmlFragment(CONTENT_FIELD).toString()
}

/** The V1 update of what `change` does to a fresh document whose client id is `clientId`. */
export function updateOf(change: (doc: Y.Doc) => void, clientId?: number): Uint8Array {
  const doc = new Y.Doc()
  if (clientId !== undefined) doc.clientID = clientId
  change(doc)
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}

/** The update of a fresh client adding a paragraph of `text` to the content. */
export function paragraphUpdate(text: string, clientId?: number): Uint8Array {
  return updateOf((doc) => insertParagraph(doc, text), clientId)
}

/**
 * A caret (y-tiptap's awareness `cursor`) at the end of the content, which resolves in any notice,
 * told apart from others by `marker` (its `assoc`): the server relays a caret only if it resolves.
 */
export function rootCaret(marker: number): { anchor: object; head: object } {
  const end = { tname: CONTENT_FIELD, assoc: marker }
  return { anchor: end, head: end }
}

/** Whether two carets are the same (as JSON), e.g. one relayed and the {@link rootCaret} sent. */
export const sameCaret = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)
