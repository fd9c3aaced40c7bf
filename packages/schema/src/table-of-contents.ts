/**
 * The table of contents of a notice: the agenda outline, optionally cut at a depth. It has no
 * numbering of its own (see numbering.ts).
 */
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { agendaOutline, type OutlineEntry } from './numbering'

/** The entries of the table of contents: the agenda outline down to `maxLevel` (all levels by default). */
export function tableOfContents(doc: ProseMirrorNode, maxLevel = Number.POSITIVE_INFINITY): OutlineEntry[] {
  return agendaOutline(doc).filter((entry) => entry.level <= maxLevel)
}
