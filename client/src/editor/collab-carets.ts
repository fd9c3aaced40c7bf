/**
 * How other people's carets and selections look: a thin bar in their colour with their name in
 * a small label above it, and a light wash of the same colour over what they have selected.
 */

import { isUserColour, userColour } from '@convene/protocol'
import type { DecorationAttrs } from '@tiptap/pm/view'

/** The user record shared through awareness (field `user`). */
export type CollabUser = { name: string; color: string }

/**
 * The colour of a person in awareness: the one the server put in their state (it rewrites every
 * state's `user` from the connection's session, with the palette of `userColour`, so it is the one
 * their avatar has everywhere in the app). A state carrying anything but a palette colour, which a
 * peer could have forged before the server rewrote it, gets the colour of its username instead.
 */
export function presenceColour(user: Record<string, unknown>): string {
  if (isUserColour(user.color)) return user.color
  return userColour(typeof user.username === 'string' ? user.username : '')
}

/** Builds the DOM of a remote caret. */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const name = typeof user.name === 'string' ? user.name : '?'
  const color = presenceColour(user)
  const caret = document.createElement('span')
  caret.className = 'collab-caret'
  caret.style.setProperty('--user-colour', color)
  caret.setAttribute('aria-hidden', 'true')
  const label = document.createElement('span')
  label.className = 'collab-caret__label'
  label.textContent = name
  caret.append(label)
  return caret
}

/** The decoration attributes of a remote selection. */
export function renderSelection(user: Record<string, unknown>): DecorationAttrs {
  const color = presenceColour(user)
  // 8-digit hex: the user's colour at about 20% opacity.
  return { nodeName: 'span', class: 'collab-selection', style: `background-color: ${color}33` }
}
