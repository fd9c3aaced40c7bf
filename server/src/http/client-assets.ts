/**
 * How the app reaches the built web client (client/dist), as an interface so that app.ts stays
 * free of file-system code; the Node adapter provides the implementation.
 */
import type { MiddlewareHandler } from 'hono'

/** The built client: its static files, and the index.html every app URL falls back to. */
export type ClientAssets = {
  /** Serves the file the request path names, if the build has it; otherwise calls `next`. */
  serveFile: MiddlewareHandler
  /** The build's index.html, or null when the client has not been built. */
  indexHtml(): Promise<string | null>
}

/** What `/` answers when client/dist is missing. */
export const CLIENT_NOT_BUILT_MESSAGE =
  'Convene: the web client has not been built. Run `pnpm build` (or `pnpm start`) at the repository root, then reload.\n'
