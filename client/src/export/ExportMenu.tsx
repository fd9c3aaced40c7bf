/**
 * The export menu of a frozen revision: a menu button listing DOCX, PDF, HTML, Markdown and plain
 * text. Choosing one fetches the export (the button shows that it is being prepared, as a large PDF
 * takes a moment) and then saves it under the server's file name. WAI-ARIA menu button pattern:
 * arrow keys move, Escape closes and gives the focus back to the button.
 */

import { EXPORT_FORMAT_NAMES, type ExportFormatName, revisionExportUrl } from '@convene/protocol'
import { type CSSProperties, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import { useLocale } from '../i18n/LocaleProvider'
import { Icon } from '../ui/Icon'
import { downloadExport } from './download-export'

/** Props of `ExportMenu`. */
export type ExportMenuProps = {
  noticeId: string
  rev: number
  /** The revision's label ("Rev.1"), named in the menu's accessible name. */
  label: string
  /** A smaller button, for the timeline. */
  compact?: boolean
}

type Status = { kind: 'done' | 'error'; text: string } | null

/** Roughly how much room the open menu takes. */
const MENU_SIZE = { width: 220, height: 190 }

/**
 * Where the menu goes: fixed to the viewport (a side panel scrolls and clips), below the button,
 * or above it when there is more room there, and kept inside the window.
 */
function menuPlace(button: HTMLElement): CSSProperties {
  const rect = button.getBoundingClientRect()
  const place: CSSProperties = { position: 'fixed', minWidth: Math.max(rect.width, 200) }
  const below = window.innerHeight - rect.bottom
  if (below < MENU_SIZE.height + 8 && rect.top > below) place.bottom = window.innerHeight - rect.top + 4
  else place.top = rect.bottom + 4
  if (rect.left + MENU_SIZE.width > window.innerWidth - 8)
    place.right = Math.max(8, window.innerWidth - rect.right)
  else place.left = rect.left
  return place
}

/** The export menu of frozen revision `rev`. */
export function ExportMenu({ noticeId, rev, label, compact }: ExportMenuProps) {
  const { t } = useLocale()
  const words = t.revisions.export
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState<ExportFormatName | null>(null)
  const [status, setStatus] = useState<Status>(null)
  const [place, setPlace] = useState<CSSProperties>({})
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const menuRef = useRef<HTMLDivElement>(null)
  const menuId = useId()

  const items = () => [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])]
  const focusItem = (index: number) => {
    const list = items()
    list[(index + list.length) % list.length]?.focus({ preventScroll: true })
  }

  useEffect(() => {
    if (!open) return
    // Without preventScroll, focusing the menu scrolls the side panel, and scrolling closes the menu.
    menuRef.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus({ preventScroll: true })
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false)
    }
    // A fixed menu would float away from its button: scrolling or resizing moves it along.
    const onMove = (event: Event) => {
      if (event.target instanceof Node && menuRef.current?.contains(event.target)) return
      if (buttonRef.current) setPlace(menuPlace(buttonRef.current))
    }
    document.addEventListener('pointerdown', onPointerDown)
    window.addEventListener('scroll', onMove, true)
    window.addEventListener('resize', onMove)
    return () => {
      document.removeEventListener('pointerdown', onPointerDown)
      window.removeEventListener('scroll', onMove, true)
      window.removeEventListener('resize', onMove)
    }
  }, [open])

  const openMenu = () => {
    if (buttonRef.current) setPlace(menuPlace(buttonRef.current))
    setOpen(true)
  }

  const close = () => {
    setOpen(false)
    buttonRef.current?.focus()
  }

  const run = async (format: ExportFormatName) => {
    close()
    setBusy(format)
    setStatus(null)
    try {
      const name = await downloadExport(revisionExportUrl(noticeId, rev, format), `${label}.${format}`)
      setStatus({ kind: 'done', text: words.downloaded(name) })
    } catch (cause) {
      setStatus({ kind: 'error', text: words.failed(cause instanceof Error ? cause.message : String(cause)) })
    } finally {
      setBusy(null)
    }
  }

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const list = items()
    const index = list.indexOf(document.activeElement as HTMLButtonElement)
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: -1 }
    const target = moves[event.key]
    if (target !== undefined) {
      event.preventDefault()
      focusItem(target)
    } else if (event.key === 'Escape') {
      event.preventDefault()
      close()
    } else if (event.key === 'Tab') {
      setOpen(false)
    }
  }

  return (
    <div ref={rootRef} className={`export-menu${compact ? ' export-menu--compact' : ''}`}>
      <button
        ref={buttonRef}
        type="button"
        className="button button--small"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-busy={busy !== null}
        aria-label={busy ? words.preparing(words.formats[busy]) : words.buttonFor(label)}
        onClick={() => {
          if (busy) return
          if (open) setOpen(false)
          else openMenu()
        }}
        onKeyDown={(event) => {
          if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && !busy) {
            event.preventDefault()
            openMenu()
          }
        }}
      >
        {busy ? <span className="spinner" aria-hidden="true" /> : <Icon name="download" />}
        <span>{busy ? words.preparing(words.formats[busy]) : words.button}</span>
        {!busy && <Icon name="chevronDown" />}
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          className="menu"
          style={place}
          aria-label={words.buttonFor(label)}
          onKeyDown={onMenuKeyDown}
        >
          {EXPORT_FORMAT_NAMES.map((format) => (
            <button
              key={format}
              type="button"
              role="menuitem"
              className="menu__item"
              tabIndex={-1}
              onClick={() => void run(format)}
            >
              <span>{words.formats[format]}</span>
              <span className="menu__hint">.{format}</span>
            </button>
          ))}
        </div>
      )}
      <p className={`export-menu__status${status?.kind === 'error' ? ' form-error' : ''}`} role="status">
        {status?.text ?? ''}
      </p>
    </div>
  )
}
