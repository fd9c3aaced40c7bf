/**
 * The HTTP application: JSON API under `/api`, the built web client everywhere else. A factory
 * with no side effects at import; the runtime adapter serves it and handles websockets.
 */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { Logger } from 'pino'
import { ApiError, errorBody, toApiError } from './http/api-error'
import { CLIENT_NOT_BUILT_MESSAGE, type ClientAssets } from './http/client-assets'
import { noticeRoutes } from './http/notice-routes'
import type { NoticeService } from './notices/notice-service'
import { COLLAB_PATH } from './sync/room-path'

/** What the app is built from. */
export type AppDeps = {
  notices: NoticeService
  /** The storage backend's name, reported by the health check. */
  storageKind: string
  /** The server version, reported by the health check. */
  version: string
  logger: Logger
  /** The largest request body accepted, in bytes (larger ones get 413). */
  maxBodyBytes: number
  /** The built web client; without it, app URLs answer that the client must be built. */
  clientAssets?: ClientAssets
}

/** The body of `GET /api/health`. */
export type HealthBody = { ok: true; version: string; storage: string }

const isApiPath = (path: string): boolean => path === '/api' || path.startsWith('/api/')
const isCollabPath = (path: string): boolean => path === COLLAB_PATH || path.startsWith(`${COLLAB_PATH}/`)

/** Builds the Hono app. */
export function createApp(deps: AppDeps): Hono {
  const { logger, maxBodyBytes } = deps
  const app = new Hono()

  app.onError((error, c) => {
    const apiError = toApiError(error)
    if (apiError.status >= 500) {
      logger.error({ err: error, method: c.req.method, path: c.req.path }, 'request failed')
    }
    return c.json(errorBody(apiError), apiError.status)
  })

  app.use(
    '/api/*',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () => {
        throw new ApiError(413, `The request body exceeds the limit of ${maxBodyBytes} bytes`)
      },
    }),
  )

  app.get('/api/health', (c) =>
    c.json({ ok: true, version: deps.version, storage: deps.storageKind } as HealthBody),
  )
  app.route('/api/notices', noticeRoutes(deps.notices))
  app.all('/api/*', (c) => {
    throw new ApiError(404, `There is no API route ${c.req.method} ${c.req.path}`)
  })

  const assets = deps.clientAssets
  app.get('*', async (c, next) => {
    if (!assets || isApiPath(c.req.path) || isCollabPath(c.req.path)) return next()
    return assets.serveFile(c, next)
  })
  app.get('*', async (c) => {
    if (isCollabPath(c.req.path)) {
      throw new ApiError(426, `${c.req.path} is a websocket endpoint: connect with the y-websocket protocol`)
    }
    const html = assets ? await assets.indexHtml() : null
    if (html === null) return c.text(CLIENT_NOT_BUILT_MESSAGE)
    return c.html(html)
  })
  app.all('*', (c) => {
    throw new ApiError(404, `There is nothing at ${c.req.method} ${c.req.path}`)
  })

  return app
}
