/**
 * The routes for whoever runs the server rather than uses it: liveness (`GET /api/health`),
 * readiness for a load balancer (`GET /api/ready`, 503 while the database does not answer, fails
 * its integrity check, or the server is stopping) and Prometheus metrics (`GET /metrics`, behind a bearer token on the
 * public port, or open on a listener of their own).
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { DatabaseStatus, HealthBody, ReadyBody, RedisStatus } from '@convene/protocol'
import { Hono } from 'hono'
import { ApiError } from './api-error'

export type { DatabaseStatus, HealthBody, ReadyBody, RedisStatus }

/** What the health and readiness routes look at. */
export type HealthChecks = {
  /** Reads something trivial from the database; resolves its status, never rejects. */
  database(): Promise<DatabaseStatus>
  /**
   * What the database's integrity check found (empty: sound): `fresh` runs a check unless one ran
   * recently (readiness), otherwise the last result (liveness). Absent: nothing is checked.
   */
  integrity?(options: { fresh: boolean }): Promise<readonly string[]>
  redis(): RedisStatus
  /** Whether the server is shutting down (not ready for new clients). */
  stopping(): boolean
}

/** The metrics text and its Content-Type. */
export type MetricsSource = { contentType: string; render(): Promise<string> }

/** The database's status and, when damaged, what its integrity check found. */
async function databaseState(
  health: HealthChecks,
  fresh: boolean,
): Promise<{ database: DatabaseStatus; databaseProblems?: string[] }> {
  const problems = (await health.integrity?.({ fresh })) ?? []
  if (problems.length > 0) return { database: 'damaged', databaseProblems: [...problems] }
  return { database: await health.database() }
}

/** What {@link opsRoutes} needs. */
export type OpsRoutesDeps = {
  version: string
  storageKind: string
  health?: HealthChecks
  metrics?: MetricsSource
  /**
   * The token `GET /metrics` requires (`Authorization: Bearer <token>`, else 401); absent: the
   * metrics are open, for a listener that only operators can reach.
   */
  metricsToken?: string
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest()

/** Whether `header` is `Bearer <token>`, compared in constant time. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/i.exec(header ?? '')?.[1]
  return given !== undefined && timingSafeEqual(digest(given), digest(token))
}

/** The health, readiness and metrics routes, to mount at the root of the app. */
export function opsRoutes(deps: OpsRoutesDeps): Hono {
  const app = new Hono()
  const { health, metrics } = deps

  app.get('/api/health', async (c) => {
    const body: HealthBody = { ok: true, version: deps.version, storage: deps.storageKind }
    if (health) {
      Object.assign(body, await databaseState(health, false))
      body.redis = health.redis()
    }
    return c.json(body)
  })

  app.get('/api/ready', async (c) => {
    const body: ReadyBody = {
      ready: false,
      ...(health ? await databaseState(health, true) : { database: 'ok' }),
      redis: health?.redis() ?? 'off',
      stopping: health?.stopping() ?? false,
    }
    body.ready = body.database === 'ok' && !body.stopping
    return c.json(body, body.ready ? 200 : 503)
  })

  if (metrics) {
    const { metricsToken } = deps
    app.get('/metrics', async (c) => {
      if (metricsToken !== undefined && !bearerMatches(c.req.header('authorization'), metricsToken)) {
        throw new ApiError(401, 'GET /metrics needs the bearer token of METRICS_TOKEN', {
          headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' },
        })
      }
      c.header('content-type', metrics.contentType)
      c.header('cache-control', 'no-store')
      return c.body(await metrics.render())
    })
  }

  return app
}
