/**
 * Redis stopped while clients edit (a private redis-server of the test's own, so the machine's is
 * untouched): each instance keeps serving and storing for its own clients and says it is degraded;
 * when Redis returns, the instances catch up from the database and every client converges without
 * reconnecting. Also the readiness check: 503 while the database is unreachable.
 */
import * as prng from 'lib0/prng'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  api,
  type Client,
  cleanup,
  connectClient,
  contentOf,
  createNotice,
  DATABASE_URL,
  databaseProxy,
  freshPrefix,
  freshSchema,
  type Instance,
  insertMarkedEdit,
  markersIn,
  metric,
  privateRedis,
  requireServices,
  sleep,
  startInstance,
  startInstances,
  storedDoc,
  throughProxy,
  waitFor,
  withSearchPath,
} from './cluster-harness'

beforeAll(requireServices)
afterEach(cleanup)

type Health = { ok: boolean; storage: string; database: string; redis: string }

async function health(instance: Instance): Promise<Health> {
  const response = await fetch(`${instance.url}/api/health`)
  expect(response.status).toBe(200)
  return (await response.json()) as Health
}

async function waitForHealth(instance: Instance, redis: string): Promise<void> {
  const deadline = Date.now() + 15_000
  let last: Health | null = null
  while (Date.now() < deadline) {
    last = await health(instance)
    if (last.redis === redis) return
    await sleep(100)
  }
  throw new Error(`${instance.name} still reports ${JSON.stringify(last)}, not redis "${redis}"`)
}

describe('Redis going away and coming back', () => {
  it('keeps each instance serving its own clients, reports it degraded, and converges within seconds once Redis is back', async () => {
    const seed = Number(process.env.CLUSTER_SEED ?? Date.now() % 1_000_000)
    const random = prng.create(seed)
    const redis = await privateRedis()
    const schema = await freshSchema()
    // A long periodic check: only the reconnection (or a gap) may bring the instances together.
    const [a, b] = (await startInstances(2, {
      databaseUrl: schema.url,
      redisUrl: redis.url,
      redisPrefix: freshPrefix(),
      env: { CATCH_UP_INTERVAL_MS: '600000' },
    })) as [Instance, Instance]
    const noticeId = await createNotice(a)
    const clients: Client[] = [
      await connectClient(a, noticeId, 'a1'),
      await connectClient(a, noticeId, 'a2'),
      await connectClient(b, noticeId, 'b1'),
      await connectClient(b, noticeId, 'b2'),
    ]
    const [a1, a2, b1, b2] = clients as [Client, Client, Client, Client]
    expect((await health(a)).redis).toBe('ok')
    let round = 0
    let made = 0
    const edit = (editors: Client[]): void => {
      for (const client of editors)
        insertMarkedEdit(client.doc, random, `m${clients.indexOf(client)}x${round}`)
      made += editors.length
      round += 1
    }
    const editAll = (): void => edit(clients)
    editAll()
    await waitFor(
      () => clients.every((client) => markersIn(client.doc).size === 4),
      'the first edits everywhere',
    )

    await redis.stop()
    await waitForHealth(a, 'degraded')
    await waitForHealth(b, 'degraded')
    expect((await fetch(`${a.url}/api/ready`)).status).toBe(200)
    for (let step = 0; step < 10; step++) {
      editAll()
      await sleep(30)
    }
    // Each instance still serves its own clients (and stores what they send).
    await waitFor(
      () => markersIn(a2.doc).has('m0x10') && markersIn(a1.doc).has('m1x10'),
      "a1 and a2 to see each other's edits during the outage",
    )
    await waitFor(
      () => markersIn(b2.doc).has('m2x10') && markersIn(b1.doc).has('m3x10'),
      "b1 and b2 to see each other's edits during the outage",
    )
    // Interleaved writes let an instance see gaps in the seqs and read the other's updates back
    // from the database even now. So, last, only A's clients write: B cannot learn of those
    // edits until Redis is back (its periodic check is ten minutes away).
    await sleep(500)
    for (let step = 0; step < 5; step++) edit([a1, a2])
    await waitFor(() => markersIn(a2.doc).has(`m0x${round - 1}`), "a2 to see a1's last edit")
    await sleep(500)
    expect(markersIn(b1.doc).has(`m0x${round - 1}`), 'B learnt of an edit with Redis down').toBe(false)

    await redis.start()
    const back = Date.now()
    await waitFor(
      () => clients.every((client) => markersIn(client.doc).size === made),
      `every client to hold all ${made} edits after Redis returned (seed ${seed})`,
      10_000,
    )
    const convergedInMs = Date.now() - back
    await waitForHealth(a, 'ok')
    await waitForHealth(b, 'ok')

    const reference = contentOf(a1.doc)
    for (const client of clients)
      expect(contentOf(client.doc), `${client.name}, seed ${seed}`).toBe(reference)
    for (const client of clients) expect(client.closes, `${client.name} never reconnected`).toEqual([])
    const stored = await storedDoc(schema, noticeId)
    expect(contentOf(stored)).toBe(reference)
    stored.destroy()
    expect(await metric(a, 'convene_cluster_catch_up_rows_total')).toBeGreaterThan(0)
    expect(convergedInMs).toBeLessThan(10_000)
    // Once more through Redis, now that it is back.
    editAll()
    await waitFor(
      () => clients.every((client) => markersIn(client.doc).size === made),
      'the edits made after the outage',
    )
    expect(await metric(b, 'convene_cluster_redis_lag_seconds_count')).toBeGreaterThan(0)
  })

  it('answers 503 on /api/ready while the database is unreachable, and 200 again when it answers', async () => {
    const schema = await freshSchema()
    const proxy = await databaseProxy()
    const instance = await startInstance({
      name: 'alone',
      databaseUrl: withSearchPath(throughProxy(DATABASE_URL, proxy), schema.name),
    })
    const ready = async (): Promise<{ status: number; body: unknown }> => {
      const response = await fetch(`${instance.url}/api/ready`)
      return { status: response.status, body: await response.json() }
    }
    expect(await ready()).toEqual({
      status: 200,
      body: { ready: true, database: 'ok', redis: 'off', stopping: false },
    })

    proxy.cut()
    const down = await ready()
    expect(down).toEqual({
      status: 503,
      body: { ready: false, database: 'unreachable', redis: 'off', stopping: false },
    })
    expect((await health(instance)).database).toBe('unreachable')

    proxy.restore()
    const deadline = Date.now() + 10_000
    let again = await ready()
    while (again.status !== 200 && Date.now() < deadline) {
      await sleep(200)
      again = await ready()
    }
    expect(again.status).toBe(200)
    const notices = await api(instance, 'GET', '/api/notices')
    expect(notices.status).toBe(200)
  })
})
