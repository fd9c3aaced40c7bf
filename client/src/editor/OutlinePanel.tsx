/**
 * The outline side panel: the notice's table of contents (the schema's `tableOfContents`, so its
 * numbers are the editor's), following every change. A click scrolls to the item and puts the
 * cursor in its title; the item holding the cursor is marked as the current one. People who may
 * edit drag an entry to reorder the agenda: a line shows where it will land, indented to its level
 * (moved left or right with the pointer) and with the number it will get; the drop is the same
 * recorded move as the keyboard's Alt+Shift+arrows, so what others type in the item is kept.
 */
import { NODE_NAMES, type OutlineEntry, tableOfContents } from '@convene/schema'
import type { Editor } from '@tiptap/core'
import { TextSelection } from '@tiptap/pm/state'
import { useEditorState } from '@tiptap/react'
import { type DragEvent, Fragment, useState } from 'react'
import { useLocale } from '../i18n/LocaleProvider'
import { type DropSpot, dropSpot, withoutDragged } from './agenda-drop-target'
import { dropAgendaItemInEditor, type OnItemMoved } from './agenda-yjs-moves'

/** The drag data type of an agenda item (its id). */
const DRAG_TYPE = 'application/x-convene-agenda-item'

/** How far right the pointer goes for one level deeper, and where level 1 starts, in pixels. */
const LEVEL_STEP_PX = 12
const LEVEL_START_PX = 8

type Drag = { id: string; spot: (DropSpot & { beforeId: string | null }) | null }

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

/** The outline of `editor`'s notice; `onItemMoved` hears each drop (numbers before and after). */
export function OutlinePanel({ editor, onItemMoved }: { editor: Editor; onItemMoved?: OnItemMoved }) {
  const { t } = useLocale()
  const [drag, setDrag] = useState<Drag | null>(null)
  const editable = useEditorState({ editor, selector: ({ editor: e }) => e.isEditable })
  const entries = useEditorState({
    editor,
    selector: ({ editor: e }) => tableOfContents(e.state.doc),
    equalityFn: sameEntries,
  })
  const current = useEditorState({ editor, selector: ({ editor: e }) => currentItemId(e) })
  const canDrag = editable && onItemMoved !== undefined

  const onDragOver = (event: DragEvent<HTMLOListElement>) => {
    if (!drag) return
    const li = (event.target as HTMLElement).closest<HTMLElement>('.outline__entry')
    const rest = withoutDragged(entries, drag.id)
    const hovered = li ? rest.findIndex((entry) => entry.id === li.dataset.id) : -1
    if (!li || hovered === -1) return
    event.preventDefault()
    event.dataTransfer.dropEffect = 'move'
    const box = li.getBoundingClientRect()
    const gap = event.clientY > box.top + box.height / 2 ? hovered + 1 : hovered
    const list = event.currentTarget.getBoundingClientRect()
    const level = 1 + Math.max(0, Math.round((event.clientX - list.left - LEVEL_START_PX) / LEVEL_STEP_PX))
    const spot = dropSpot(rest, gap, level)
    const beforeId = rest[gap]?.id ?? null
    const same = drag.spot
    if (same && same.beforeId === beforeId && same.level === spot.level) return
    setDrag({ ...drag, spot: { ...spot, beforeId } })
  }

  const onDrop = (event: DragEvent<HTMLOListElement>) => {
    event.preventDefault()
    if (drag?.spot && onItemMoved) {
      const { parentId, afterId } = drag.spot
      dropAgendaItemInEditor(editor, drag.id, { parentId, afterId }, onItemMoved)
    }
    setDrag(null)
  }

  const indicator = drag?.spot && (
    <li
      className="outline__drop"
      aria-hidden="true"
      data-level={drag.spot.level}
      style={{ marginLeft: `${(drag.spot.level - 1) * LEVEL_STEP_PX}px` }}
    >
      <span className="outline__drop-number">{t.dropAs(drag.spot.number)}</span>
    </li>
  )
  return (
    <nav className="outline" aria-labelledby="outline-heading">
      <h2 id="outline-heading" className="panel__title">
        {t.outline}
      </h2>
      {entries.length === 0 ? (
        <p className="panel__empty">{t.outlineEmpty}</p>
      ) : (
        <ol
          className="outline__list"
          onDragOver={onDragOver}
          onDrop={onDrop}
          onDragLeave={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null))
              setDrag((d) => d && { ...d, spot: null })
          }}
        >
          {entries.map((entry) => (
            <Fragment key={entry.id || entry.number}>
              {drag?.spot?.beforeId === entry.id && indicator}
              <li
                className="outline__entry"
                data-level={entry.level}
                data-id={entry.id}
                data-dragging={drag?.id === entry.id || undefined}
                draggable={canDrag && entry.id !== ''}
                onDragStart={(event) => {
                  event.dataTransfer.setData(DRAG_TYPE, entry.id)
                  event.dataTransfer.effectAllowed = 'move'
                  setDrag({ id: entry.id, spot: null })
                }}
                onDragEnd={() => setDrag(null)}
              >
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
            </Fragment>
          ))}
          {drag?.spot?.beforeId === null && indicator}
        </ol>
      )}
    </nav>
  )
}
