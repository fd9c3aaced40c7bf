/**
 * Shows each agenda item's number ("3.1") before its title. The numbers are widget decorations
 * computed by the schema's one numbering function, `agendaOutline`, after every change: they are
 * never part of the document, so they cannot go stale or conflict between editors.
 */
import { agendaOutline } from '@convene/schema'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'

/** Key of the numbering plugin. */
export const agendaNumberingKey = new PluginKey<DecorationSet>('agendaNumbering')

function numberWidget(number: string, level: number): HTMLElement {
  const span = document.createElement('span')
  span.className = 'agenda-number'
  span.contentEditable = 'false'
  span.dataset.level = String(level)
  span.textContent = number
  return span
}

/** The number decorations of `doc`: one widget at the start of each agenda title. */
export function numberDecorations(doc: ProseMirrorNode): DecorationSet {
  const decorations = agendaOutline(doc).map((entry) =>
    // entry.pos is the item; +1 enters it, +1 enters its title.
    Decoration.widget(entry.pos + 2, () => numberWidget(entry.number, entry.level), {
      side: -1,
      ignoreSelection: true,
      key: `${entry.number}@${entry.level}`,
    }),
  )
  return DecorationSet.create(doc, decorations)
}

/** The ProseMirror plugin that numbers agenda titles. */
export function agendaNumberingPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: agendaNumberingKey,
    state: {
      init: (_config, state) => numberDecorations(state.doc),
      apply: (tr, previous, _oldState, newState) =>
        tr.docChanged ? numberDecorations(newState.doc) : previous,
    },
    props: {
      decorations: (state) => agendaNumberingKey.getState(state),
    },
  })
}
