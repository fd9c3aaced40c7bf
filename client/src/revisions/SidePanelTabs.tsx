/**
 * Tabs at the top of the editor's right-hand panel (notice details, revisions), following the
 * WAI-ARIA tabs pattern: one Tab stop, arrow keys move between tabs and select them.
 */
import { type KeyboardEvent, type ReactNode, useId, useRef } from 'react'

/** One tab: its id (the value), its visible name. */
export type SideTab<Id extends string> = { id: Id; label: string }

/** Props of `SidePanelTabs`. */
export type SidePanelTabsProps<Id extends string> = {
  label: string
  tabs: readonly SideTab<Id>[]
  value: Id
  onChange: (id: Id) => void
  /** The selected tab's panel. */
  children: ReactNode
}

/** A tab list and the selected tab's panel. */
export function SidePanelTabs<Id extends string>({
  label,
  tabs,
  value,
  onChange,
  children,
}: SidePanelTabsProps<Id>) {
  const base = useId()
  const listRef = useRef<HTMLDivElement>(null)
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((tab) => tab.id === value)
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key]
    if (next === undefined) return
    event.preventDefault()
    const tab = tabs[(next + tabs.length) % tabs.length]
    if (!tab) return
    onChange(tab.id)
    listRef.current?.querySelector<HTMLButtonElement>(`[data-tab="${tab.id}"]`)?.focus()
  }
  return (
    <>
      <div ref={listRef} className="side-tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${base}-${tab.id}-tab`}
            data-tab={tab.id}
            className="side-tabs__tab"
            aria-selected={tab.id === value}
            aria-controls={`${base}-panel`}
            tabIndex={tab.id === value ? 0 : -1}
            onClick={() => onChange(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div
        id={`${base}-panel`}
        role="tabpanel"
        aria-labelledby={`${base}-${value}-tab`}
        className="side-tabs__panel"
      >
        {children}
      </div>
    </>
  )
}
