/**
 * Keyboard shortcuts as people read them: ProseMirror key names ("Mod-Shift-Enter") shown as
 * "Ctrl+Shift+Enter" (or with the Mac's symbols), and in the `aria-keyshortcuts` notation.
 */

const isMac =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)

const PC_NAMES: Record<string, string> = {
  Mod: 'Ctrl',
  Shift: 'Shift',
  Alt: 'Alt',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Enter: 'Enter',
  Tab: 'Tab',
}
const MAC_NAMES: Record<string, string> = {
  Mod: '⌘',
  Shift: '⇧',
  Alt: '⌥',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Enter: '↩',
  Tab: '⇥',
}
const ARIA_NAMES: Record<string, string> = { Mod: isMac ? 'Meta' : 'Control' }

/** A shortcut ("Mod-Shift-Enter") as shown to the user ("Ctrl+Shift+Enter", or "⌘⇧↩" on a Mac). */
export function formatShortcut(keys: string): string {
  const parts = keys.split('-')
  const names = isMac ? MAC_NAMES : PC_NAMES
  const shown = parts.map((part) => names[part] ?? (part.length === 1 ? part.toUpperCase() : part))
  return isMac ? shown.join('') : shown.join('+')
}

/** A shortcut in the notation of the `aria-keyshortcuts` attribute ("Control+Shift+Enter"). */
export function ariaShortcut(keys: string): string {
  return keys
    .split('-')
    .map((part) => ARIA_NAMES[part] ?? (part.length === 1 ? part.toUpperCase() : part))
    .join('+')
}
