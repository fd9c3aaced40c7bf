/**
 * How other people's carets and selections look: a thin bar in their colour with their name in
 * a small label above it, and a light wash of the same colour over what they have selected.
 */
import type { DecorationAttrs } from '@tiptap/pm/view'
import { userColour } from '../identity/user-colour'

/** The user record shared through awareness (field `user`). */
export type CollabUser = { name: string; color: string }

/**
 * The colour of a person in awareness: derived here from their username (the server adds it to
 * every state), so it is the same one their avatar has everywhere in the app, from a palette that
 * keeps white text readable; the colour field is the fallback for a state without a username.
 */
export function presenceColour(user: Record<string, unknown>): string {
  if (typeof user.username === 'string' && user.username) return userColour(user.username)
  return typeof user.color === 'string' ? user.color : '#4a5a66'
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
