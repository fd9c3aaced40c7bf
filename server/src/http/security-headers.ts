/**
 * The security headers of every answer: a Content-Security-Policy that no other site may frame
 * (`frame-ancestors 'none'`), that lets the app's pages load only their own scripts and talk only
 * to their own server (HTTP and websockets), and that lets an API answer load nothing at all;
 * plus `nosniff` and a referrer policy. A route that sets its own policy (the exports) keeps it.
 */
import type { MiddlewareHandler } from 'hono'

/**
 * The policy of the app's pages. Styles may be inline: the editor's carets and avatars carry their
 * colour in a `style` attribute. Images and fonts may be `data:` URLs (the favicon is one).
 */
export function pageContentSecurityPolicy(websocketOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // 'self' covers same-origin websockets in CSP 3; the explicit origin is for browsers before it.
    `connect-src 'self' ${websocketOrigin}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** The policy of an API answer (JSON, metrics): it is data, never a page that loads anything. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'"

/** The websocket origin (`ws://host` or `wss://host`) of the page at `url`. */
function websocketOriginOf(url: string): string {
  const { protocol, host } = new URL(url)
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}`
}

/**
 * Adds the security headers to every response; `isPage(path)` says which paths are app pages
 * (the built client) rather than API answers.
 */
export function securityHeaders(isPage: (path: string) => boolean): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const headers = c.res.headers
    if (!headers.has('Content-Security-Policy')) {
      headers.set(
        'Content-Security-Policy',
        isPage(c.req.path)
          ? pageContentSecurityPolicy(websocketOriginOf(c.req.url))
          : API_CONTENT_SECURITY_POLICY,
      )
    }
    // For browsers that predate frame-ancestors.
    headers.set('X-Frame-Options', 'DENY')
    headers.set('X-Content-Type-Options', 'nosniff')
    // same-origin, not no-referrer: with no-referrer a browser sends `Origin: null` on same-origin
    // POSTs, which the origin check of API writes refuses.
    headers.set('Referrer-Policy', 'same-origin')
  }
}
