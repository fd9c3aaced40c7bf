/**
 * Agenda numbering, derived from position and never stored: "3.1" is the first sub-item of the third
 * item. `agendaOutline` is THE numbering function; the editor, the table of contents and every
 * exporter use it, so a number cannot differ between two views of the same document.
 */
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { NODE_NAMES } from './node-names'
import { nodeText } from './node-text'

/**
 * One agenda item in document order: its stable `id` ('' while none is assigned), its `number`
 * ("3.1"), `level` (1 for top-level), `title` text, `path` ([3, 1]) and `pos`, the ProseMirror
 * position of the agendaItem node in the document.
 */
export type OutlineEntry = {
  id: string
  number: string
  level: number
  title: string
  path: number[]
  pos: number
  /** Whether the item is marked recurring (kept in the next meeting's notice). */
  recurring: boolean
}

/** Formats a position path as an agenda number: [3, 1] -> "3.1". */
export function formatAgendaNumber(path: readonly number[]): string {
  return path.join('.')
}

/** The agenda items of `doc` in document order, each numbered from its position in the tree. */
export function agendaOutline(doc: ProseMirrorNode): OutlineEntry[] {
  const entries: OutlineEntry[] = []
  const visit = (parent: ProseMirrorNode, contentStart: number, prefix: number[]): void => {
    let count = 0
    parent.forEach((child, offset) => {
      if (child.type.name !== NODE_NAMES.agendaItem) return
      count += 1
      const path = [...prefix, count]
      const pos = contentStart + offset
      const first = child.firstChild
      const title = first && first.type.name === NODE_NAMES.agendaTitle ? nodeText(first) : ''
      const id = typeof child.attrs.id === 'string' ? child.attrs.id : ''
      const recurring = child.attrs.recurring === true
      entries.push({ id, number: formatAgendaNumber(path), level: path.length, title, path, pos, recurring })
      visit(child, pos + 1, path)
    })
  }
  visit(doc, 0, [])
  return entries
}
