/** One toolbar button: an icon, an optional visible label, and a tooltip naming it with its shortcut. */
import { Icon, type IconName } from '../ui/Icon'
import { ariaShortcut, formatShortcut } from '../ui/shortcuts'

/** Props of `ToolbarButton`. */
export type ToolbarButtonProps = {
  icon: IconName
  label: string
  shortcut?: string
  /** Show the label beside the icon (otherwise only in the tooltip and to assistive technology). */
  showLabel?: boolean
  active?: boolean
  disabled?: boolean
  onRun: () => void
}

/** A toolbar button that keeps the editor's focus and selection while it runs its command. */
export function ToolbarButton({
  icon,
  label,
  shortcut,
  showLabel,
  active,
  disabled,
  onRun,
}: ToolbarButtonProps) {
  const tip = shortcut ? `${label} (${formatShortcut(shortcut)})` : label
  return (
    <button
      type="button"
      className={`toolbar__button${showLabel ? ' toolbar__button--labelled' : ''}`}
      aria-label={label}
      aria-keyshortcuts={shortcut ? ariaShortcut(shortcut) : undefined}
      aria-pressed={active === undefined ? undefined : active}
      aria-disabled={disabled || undefined}
      data-tip={tip}
      tabIndex={-1}
      // Keep the editor's selection: a mouse press on the button must not move the focus.
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => {
        if (!disabled) onRun()
      }}
    >
      <Icon name={icon} />
      {showLabel && <span className="toolbar__label">{label}</span>}
    </button>
  )
}
