/**
 * The outline side panel: the notice's table of contents (the schema's `tableOfContents`, so its
 * numbers are the editor's), following every change. A click scrolls to the item and puts the
 * cursor in its title; the item holding the cursor is marked as the current one.
 */
import { NODE_NAMES, type OutlineEntry, tableOfContents } from '@convene/schema'
import type { Editor } from '@tiptap/core'
import { TextSelection } from '@tiptap/pm/state'
import { useEditorState } from '@tiptap/react'
import { useLocale } from '../i18n/LocaleProvider'

function sameEntries(a: OutlineEntry[], b: OutlineEntry[] | null): boolean {
  return (
    b !== null &&
    a.length === b.length &&
    a.every((entry, i) => {
      const other = b[i]
      return other && entry.id === other.id && entry.number === other.number && entry.title === other.title
    })
  )
}

/** The id of the innermost agenda item holding the selection ('' outside the agenda). */
function currentItemId(editor: Editor): string {
  const { $from } = editor.state.selection
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth)
    if (node.type.name === NODE_NAMES.agendaItem) return String(node.attrs.id ?? '')
  }
  return ''
}

/** Scrolls the item numbered `number` ("3.1") into view and puts the cursor at the end of its title. */
export function goToItem(editor: Editor, number: string): void {
  const entry = tableOfContents(editor.state.doc).find((e) => e.number === number)
  if (!entry) return
  const item = editor.state.doc.nodeAt(entry.pos)
  const titleSize = item?.firstChild?.content.size ?? 0
  const { tr } = editor.state
  // ProseMirror's focus() leaves read-only text unfocused; the keyboard must reach it all the same.
  if (!editor.isEditable) editor.view.dom.focus({ preventScroll: true })
  tr.setSelection(TextSelection.create(tr.doc, entry.pos + 2 + titleSize))
  editor.view.dispatch(tr)
  editor.view.focus()
  const dom = editor.view.nodeDOM(entry.pos)
  if (dom instanceof HTMLElement) dom.scrollIntoView({ block: 'start' })
}

/** The outline of `editor`'s notice. */
export function OutlinePanel({ editor }: { editor: Editor }) {
  const { t } = useLocale()
  const entries = useEditorState({
    editor,
    selector: ({ editor: e }) => tableOfContents(e.state.doc),
    equalityFn: sameEntries,
  })
  const current = useEditorState({ editor, selector: ({ editor: e }) => currentItemId(e) })
  return (
    <nav className="outline" aria-labelledby="outline-heading">
      <h2 id="outline-heading" className="panel__title">
        {t.outline}
      </h2>
      {entries.length === 0 ? (
        <p className="panel__empty">{t.outlineEmpty}</p>
      ) : (
        <ol className="outline__list">
          {entries.map((entry) => (
            <li key={entry.id || entry.number} className="outline__entry" data-level={entry.level}>
              <button
                type="button"
                className="outline__link"
                aria-current={entry.id !== '' && entry.id === current ? 'location' : undefined}
                aria-label={t.goToItem(entry.number, entry.title || t.itemTitlePlaceholder)}
                onClick={() => goToItem(editor, entry.number)}
              >
                <span className="outline__number">{entry.number}</span>
                <span className={`outline__title${entry.title ? '' : ' outline__title--empty'}`}>
                  {entry.title || t.itemTitlePlaceholder}
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </nav>
  )
}
