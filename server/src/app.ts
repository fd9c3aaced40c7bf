/**
 * The HTTP application: JSON API under `/api`, the built web client everywhere else. A factory
 * with no side effects at import; the runtime adapter serves it and handles websockets.
 */

import { importFile, MAX_IMPORT_BYTES } from '@convene/import'
import { COLLAB_PATH } from '@convene/protocol'
import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { Logger } from 'pino'
import type { AccountService } from './accounts/account-service'
import type { MembershipService } from './accounts/membership-service'
import type { OriginPolicy } from './accounts/origin-policy'
import { ApiError, errorBody, toApiError } from './http/api-error'
import { authMiddleware, currentAuth, requireNoticeRole } from './http/auth-context'
import { authRoutes } from './http/auth-routes'
import { CLIENT_NOT_BUILT_MESSAGE, type ClientAssets } from './http/client-assets'
import { type ExportRoutesDeps, exportRoutes } from './http/export-routes'
import { type ImportNotice, importRoutes } from './http/import-routes'
import { memberRoutes } from './http/member-routes'
import { noticeRoutes } from './http/notice-routes'
import { type HealthChecks, type MetricsSource, opsRoutes } from './http/ops-routes'
import { type RevisionRoutesDeps, revisionRoutes } from './http/revision-routes'
import { securityHeaders } from './http/security-headers'
import { speakerRoutes } from './http/speaker-routes'
import { symbolRoutes } from './http/symbol-routes'
import { userRoutes } from './http/user-routes'
import { userSearchRoutes } from './http/user-search-routes'
import { duplicateNotice } from './notices/notice-duplication'
import type { NoticeLibrary } from './notices/notice-library'
import type { NoticeService } from './notices/notice-service'
import type { SpeakerDirectory } from './speakers/speaker-directory'
import type { LibraryStorage } from './storage/library-storage'

/** What the app is built from. */
export type AppDeps = {
  notices: NoticeService
  /** Users, sign-in and sessions: every API route but the health checks and sign-in needs one. */
  accounts: AccountService
  /** Roles on notices, checked by every notice route. */
  memberships: MembershipService
  /** Which origins may use the session cookie for state-changing requests. */
  origins: OriginPolicy
  /** The client's address, for the sign-in rate limit (default: `unknown`, one bucket for all). */
  clientAddress?: (c: Context) => string
  /** The storage backend's name, reported by the health check. */
  storageKind: string
  /** The server version, reported by the health check. */
  version: string
  logger: Logger
  /** The largest request body accepted, in bytes (larger ones get 413). */
  maxBodyBytes: number
  /** The built web client; without it, app URLs answer that the client must be built. */
  clientAssets?: ClientAssets
  /** Database, Redis and shutdown state for `/api/health` and `/api/ready`. */
  health?: HealthChecks
  /** Served at `GET /metrics` when given, behind {@link AppDeps.metricsToken}. */
  metrics?: MetricsSource
  /** The bearer token `GET /metrics` requires; absent: the metrics are open (tests only). */
  metricsToken?: string
  /** Renders exports (the server's worker pool); absent: in this thread. */
  renderExport?: ExportRoutesDeps['render']
  /** Reads and renders draft exports (the server's worker pool); absent: in this thread. */
  renderDraft?: ExportRoutesDeps['draft']
  /** Reads and recognises imported files (the server's worker pool); absent: in this thread. */
  importNotice?: ImportNotice
  /** The largest file `POST /api/notices/import` accepts, in bytes (default MAX_IMPORT_BYTES, 10 MiB). */
  maxImportBytes?: number
  /** The revisions API (`/api/notices/:id/revisions`, `/compare`); absent: not served. */
  revisions?: Pick<RevisionRoutesDeps, 'revisions'>
  /**
   * The notice library (searched list, archiving, origins), its facts and the speakers' directory;
   * with `revisions`, `POST /api/notices/:id/duplicate` too. Absent: the bare list, no `/api/speakers`.
   */
  library?: { facts: LibraryStorage; notices: NoticeLibrary; speakers: SpeakerDirectory }
}

export type { HealthBody } from './http/ops-routes'

/** Where files are imported (import-routes.ts). */
const IMPORT_PATH = '/api/notices/import'

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
    return c.json(errorBody(apiError), apiError.status, apiError.headers)
  })

  app.use(
    '*',
    securityHeaders((path) => !isApiPath(path) && path !== '/metrics'),
  )
  const jsonBodyLimit = bodyLimit({
    maxSize: maxBodyBytes,
    onError: () => {
      throw new ApiError(413, `The request body exceeds the limit of ${maxBodyBytes} bytes`)
    },
  })
  // A file to import has its own, larger limit (import-routes.ts).
  app.use('/api/*', (c, next) => (c.req.path === IMPORT_PATH ? next() : jsonBodyLimit(c, next)))

  app.route(
    '/',
    opsRoutes({
      version: deps.version,
      storageKind: deps.storageKind,
      ...(deps.health ? { health: deps.health } : {}),
      ...(deps.metrics ? { metrics: deps.metrics } : {}),
      ...(deps.metricsToken !== undefined ? { metricsToken: deps.metricsToken } : {}),
    }),
  )
  app.all('/metrics', () => {
    throw new ApiError(404, 'Metrics are not served here: see METRICS_TOKEN and METRICS_PORT')
  })
  app.use('/api/*', authMiddleware(deps.accounts, deps.origins))
  app.route('/api/auth', authRoutes(deps.accounts, deps.clientAddress ?? (() => 'unknown')))
  app.route('/api/users/search', userSearchRoutes(deps.accounts, deps.memberships))
  app.route('/api/users', userRoutes(deps.accounts))
  app.route('/api/symbols', symbolRoutes())
  app.route('/api/notices/:id/members', memberRoutes(deps.memberships))
  app.route(
    IMPORT_PATH,
    importRoutes({
      notices: deps.notices,
      memberships: deps.memberships,
      importNotice: deps.importNotice ?? importFile,
      maxImportBytes: deps.maxImportBytes ?? MAX_IMPORT_BYTES,
    }),
  )
  const { library, revisions: revisionDeps } = deps
  app.route(
    '/api/notices',
    noticeRoutes(
      deps.notices,
      deps.memberships,
      library && revisionDeps
        ? {
            duplicate: (id, request) =>
              duplicateNotice(
                { notices: deps.notices, revisions: revisionDeps.revisions, library: library.facts },
                id,
                request,
              ),
            originOf: async (id) => (await library.facts.getEntry(id))?.origin ?? null,
            list: (query, visible) => library.notices.list(query, visible),
            archive: (id, archived) => library.notices.archive(id, archived),
          }
        : undefined,
    ),
  )
  if (library) app.route('/api/speakers', speakerRoutes(library.speakers, deps.memberships))
  if (deps.revisions) {
    app.route(
      '/api/notices',
      revisionRoutes({
        currentUserId: (c) => currentAuth(c)?.session.user.id ?? null,
        authorNames: (ids) => deps.accounts.displayNames(ids),
        ...deps.revisions,
        // The role check of permissions.ts, the same for every revision and export route.
        authorize: async (c, noticeId, need) => {
          await requireNoticeRole(c, deps.memberships, noticeId, need)
        },
      }),
    )
  }
  if (deps.revisions) {
    const { revisions } = deps.revisions
    const authorize = (c: Context, id: string, need: 'read' | 'edit') =>
      requireNoticeRole(c, deps.memberships, id, need)
    app.route(
      '/api/notices',
      exportRoutes({
        revisions,
        notices: deps.notices,
        authorize,
        ...(deps.renderExport ? { render: deps.renderExport } : {}),
        ...(deps.renderDraft ? { draft: deps.renderDraft } : {}),
      }),
    )
  }
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
