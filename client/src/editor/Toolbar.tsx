/**
 * The editing toolbar: history, bold and italic, the agenda commands, the speaker and symbol
 * inserts and "Comment". For someone who cannot edit it holds only their role's badge and, if they
 * may, "Comment". It follows the WAI-ARIA toolbar pattern: one Tab stop, arrow keys move between buttons.
 */
import { MARK_NAMES } from '@convene/schema'
import type { Editor } from '@tiptap/core'
import { useEditorState } from '@tiptap/react'
import { type KeyboardEvent, type ReactNode, useEffect, useRef } from 'react'
import { COMMENT_SHORTCUT } from '../comments/comment-highlights'
import { useLocale } from '../i18n/LocaleProvider'
import { AGENDA_SHORTCUTS } from './agenda-item-behaviour'
import { SPEAKER_SHORTCUT } from './speaker-behaviour'
import { SYMBOL_SHORTCUT } from './symbol-behaviour'
import { ToolbarButton } from './ToolbarButton'

/** Props of `Toolbar`. */
export type ToolbarProps = {
  editor: Editor
  /** False for read-only text: the editing tools are left out. */
  canEdit?: boolean
  /** Comments on the selection; absent for people who may not comment. */
  onComment?: () => void
  /** Shown first (the read-only badge). */
  leading?: ReactNode
}

/** The toolbar of `editor`. */
export function Toolbar({ editor, canEdit = true, onComment, leading }: ToolbarProps) {
  const { t } = useLocale()
  const ref = useRef<HTMLDivElement>(null)
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      undo: e.can().undo(),
      redo: e.can().redo(),
      bold: e.isActive(MARK_NAMES.bold),
      italic: e.isActive(MARK_NAMES.italic),
      addItem: e.can().addAgendaItem(),
      addSubItem: e.can().addAgendaSubItem(),
      indent: e.can().indentAgendaItem(),
      outdent: e.can().outdentAgendaItem(),
      moveUp: e.can().moveAgendaItemUp(),
      moveDown: e.can().moveAgendaItemDown(),
    }),
  })
  const run = (command: (chain: ReturnType<Editor['chain']>) => ReturnType<Editor['chain']>) => () =>
    command(editor.chain().focus()).run()

  // Roving tab stop: exactly one button is reachable with Tab (the first, until the user moves).
  useEffect(() => {
    const buttons = ref.current?.querySelectorAll<HTMLButtonElement>('button')
    if (buttons?.length && ![...buttons].some((b) => b.tabIndex === 0)) {
      const first = buttons[0]
      if (first) first.tabIndex = 0
    }
  })
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])]
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement)
    if (index < 0) return
    const target = {
      ArrowRight: (index + 1) % buttons.length,
      ArrowLeft: (index - 1 + buttons.length) % buttons.length,
      Home: 0,
      End: buttons.length - 1,
    }[event.key]
    if (target === undefined) return
    event.preventDefault()
    for (const b of buttons) b.tabIndex = -1
    const next = buttons[target]
    if (next) {
      next.tabIndex = 0
      next.focus()
    }
  }

  return (
    <div ref={ref} className="toolbar" role="toolbar" aria-label={t.toolbar} onKeyDown={onKeyDown}>
      {leading}
      {canEdit && (
        <>
          <ToolbarGroup label={t.groupHistory}>
            <ToolbarButton
              icon="undo"
              label={t.undo}
              shortcut="Mod-z"
              disabled={!state.undo}
              onRun={run((c) => c.undo())}
            />
            <ToolbarButton
              icon="redo"
              label={t.redo}
              shortcut="Mod-Shift-z"
              disabled={!state.redo}
              onRun={run((c) => c.redo())}
            />
          </ToolbarGroup>
          <ToolbarGroup label={t.groupText}>
            <ToolbarButton
              icon="bold"
              label={t.bold}
              shortcut="Mod-b"
              active={state.bold}
              onRun={run((c) => c.toggleBold())}
            />
            <ToolbarButton
              icon="italic"
              label={t.italic}
              shortcut="Mod-i"
              active={state.italic}
              onRun={run((c) => c.toggleItalic())}
            />
          </ToolbarGroup>
          <ToolbarGroup label={t.groupAgenda}>
            <ToolbarButton
              icon="addItem"
              label={t.addItem}
              shortcut={AGENDA_SHORTCUTS.addItem}
              showLabel
              disabled={!state.addItem}
              onRun={run((c) => c.addAgendaItem())}
            />
            <ToolbarButton
              icon="addSubItem"
              label={t.addSubItem}
              shortcut={AGENDA_SHORTCUTS.addSubItem}
              showLabel
              disabled={!state.addSubItem}
              onRun={run((c) => c.addAgendaSubItem())}
            />
            <ToolbarButton
              icon="outdent"
              label={t.outdent}
              shortcut={AGENDA_SHORTCUTS.outdent}
              disabled={!state.outdent}
              onRun={run((c) => c.outdentAgendaItem())}
            />
            <ToolbarButton
              icon="indent"
              label={t.indent}
              shortcut={AGENDA_SHORTCUTS.indent}
              disabled={!state.indent}
              onRun={run((c) => c.indentAgendaItem())}
            />
            <ToolbarButton
              icon="moveUp"
              label={t.moveUp}
              shortcut={AGENDA_SHORTCUTS.moveUp}
              disabled={!state.moveUp}
              onRun={run((c) => c.moveAgendaItemUp())}
            />
            <ToolbarButton
              icon="moveDown"
              label={t.moveDown}
              shortcut={AGENDA_SHORTCUTS.moveDown}
              disabled={!state.moveDown}
              onRun={run((c) => c.moveAgendaItemDown())}
            />
          </ToolbarGroup>
          <ToolbarGroup label={t.groupInsert}>
            <ToolbarButton
              icon="speaker"
              label={t.insertSpeaker}
              shortcut={SPEAKER_SHORTCUT}
              showLabel
              onRun={() => editor.commands.openSpeakerForm()}
            />
            <ToolbarButton
              icon="symbol"
              label={t.insertSymbol}
              shortcut={SYMBOL_SHORTCUT}
              showLabel
              onRun={() => editor.commands.openSymbolForm()}
            />
          </ToolbarGroup>
        </>
      )}
      {onComment && (
        <ToolbarGroup label={t.comments.groupReview}>
          <ToolbarButton
            icon="comment"
            label={t.comments.comment}
            shortcut={COMMENT_SHORTCUT}
            showLabel
            onRun={onComment}
          />
        </ToolbarGroup>
      )}
    </div>
  )
}

function ToolbarGroup({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a toolbar's button groups are ARIA groups; a fieldset would bring a form's semantics.
    <div className="toolbar__group" role="group" aria-label={label}>
      {children}
    </div>
  )
}
