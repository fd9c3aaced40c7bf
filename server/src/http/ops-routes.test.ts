import { describe, expect, it } from 'vitest'
import { ServerMetrics } from '../metrics/server-metrics'
import { type DatabaseStatus, type HealthChecks, opsRoutes, type RedisStatus } from './ops-routes'

function checks(state: { database: DatabaseStatus; redis: RedisStatus; stopping: boolean }): HealthChecks {
  return { database: async () => state.database, redis: () => state.redis, stopping: () => state.stopping }
}

describe('the operations routes', () => {
  it('report liveness with the database and Redis status, whatever they are', async () => {
    const state = {
      database: 'unreachable' as DatabaseStatus,
      redis: 'degraded' as RedisStatus,
      stopping: false,
    }
    const app = opsRoutes({ version: '1.2.3', storageKind: 'postgres', health: checks(state) })
    const response = await app.request('/api/health')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      ok: true,
      version: '1.2.3',
      storage: 'postgres',
      database: 'unreachable',
      redis: 'degraded',
    })
  })

  it('answer ready with a degraded Redis, and 503 while the database is unreachable or the server stops', async () => {
    const state = { database: 'ok' as DatabaseStatus, redis: 'degraded' as RedisStatus, stopping: false }
    const app = opsRoutes({ version: '1', storageKind: 'postgres', health: checks(state) })
    const ready = async () => {
      const response = await app.request('/api/ready')
      return { status: response.status, body: await response.json() }
    }
    expect(await ready()).toEqual({
      status: 200,
      body: { ready: true, database: 'ok', redis: 'degraded', stopping: false },
    })
    state.database = 'unreachable'
    expect((await ready()).status).toBe(503)
    state.database = 'ok'
    state.stopping = true
    expect(await ready()).toEqual({
      status: 503,
      body: { ready: false, database: 'ok', redis: 'degraded', stopping: true },
    })
  })

  it('serve the metrics in the Prometheus text format, open notices read at each scrape', async () => {
    const metrics = new ServerMetrics({ processMetrics: false })
    let open = 3
    metrics.countOpenNotices(() => open)
    metrics.socketMeter().opened()
    const app = opsRoutes({ version: '1', storageKind: 'memory', metrics })
    const scrape = async () => (await app.request('/metrics')).text()

    const response = await app.request('/metrics')
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    const text = await response.text()
    expect(text).toContain('# TYPE convene_persist_seconds histogram')
    expect(text).toMatch(/^convene_connections 1$/m)
    expect(text).toMatch(/^convene_open_notices 3$/m)
    open = 0
    expect(await scrape()).toMatch(/^convene_open_notices 0$/m)
  })

  it('answer 401 for metrics without the bearer token, or with another one, when a token is set', async () => {
    const metrics = new ServerMetrics({ processMetrics: false })
    const app = opsRoutes({
      version: '1',
      storageKind: 'memory',
      metrics,
      metricsToken: 'a-long-metrics-token',
    })
    const scrape = (authorization?: string) =>
      app.request('/metrics', authorization ? { headers: { authorization } } : {})

    expect((await scrape()).status).toBe(401)
    expect((await scrape('Bearer another-long-token')).status).toBe(401)
    const allowed = await scrape('Bearer a-long-metrics-token')
    expect(allowed.status).toBe(200)
    expect(await allowed.text()).toContain('convene_connections')
  })
})
