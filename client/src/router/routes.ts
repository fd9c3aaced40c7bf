/**
 * The app's pages and how URLs map to them. The router is the browser's history API:
 * `navigate()` pushes a URL, and `useRoute()` re-renders on every change, back and forward included.
 */
import { useSyncExternalStore } from 'react'

/** A page of the app, parsed from the URL path. */
export type Route =
  | { page: 'list' }
  | { page: 'notice'; id: string }
  | { page: 'admin' }
  | { page: 'not-found'; path: string }

/** The URL path of the accounts page (administrators only). */
export const ADMIN_PATH = '/admin'

const NAVIGATE_EVENT = 'convene:navigate'

/** Parses a URL path into a route. */
export function parseRoute(path: string): Route {
  if (path === '/' || path === '') return { page: 'list' }
  if (path === ADMIN_PATH || path === `${ADMIN_PATH}/`) return { page: 'admin' }
  const match = /^\/notices\/([^/]+)\/?$/.exec(path)
  if (match?.[1]) return { page: 'notice', id: decodeURIComponent(match[1]) }
  return { page: 'not-found', path }
}

/** The URL path of a notice's editor page. */
export function noticePath(id: string): string {
  return `/notices/${encodeURIComponent(id)}`
}

/** Goes to `path` within the app, without reloading the page. */
export function navigate(path: string): void {
  if (path === location.pathname) return
  history.pushState(null, '', path)
  window.dispatchEvent(new Event(NAVIGATE_EVENT))
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NAVIGATE_EVENT, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NAVIGATE_EVENT, onChange)
  }
}

/** The current path; the component re-renders when it changes. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, () => location.pathname)
}
