/**
 * Several server instances on one PostgreSQL, joined by Redis: stock y-websocket clients spread
 * over them edit one notice at once and end up with one document, the one stored; presence
 * crosses instances. Seeded: a failure prints its seed, to replay it with CLUSTER_SEED=<seed>.
 */

import { anchorFromRelativePositions, CONTENT_FIELD, createThread, readThreads } from '@convene/schema'
import * as prng from 'lib0/prng'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { rootCaret, sameCaret } from '../support/notice-content'
import {
  api,
  type Client,
  cleanup,
  connectClient,
  contentOf,
  createNotice,
  currentUser,
  freshPrefix,
  freshSchema,
  type Instance,
  insertMarkedEdit,
  markersIn,
  metric,
  noticeOf,
  REDIS_URL,
  requireServices,
  sleep,
  startInstance,
  startInstances,
  storedDoc,
  storedRows,
  waitFor,
} from './cluster-harness'

beforeAll(requireServices)
afterEach(cleanup)

/** Seeds that once failed, kept as regressions (none yet), then this run's. */
const REGRESSION_SEEDS: number[] = []
const runSeed = Number(process.env.CLUSTER_SEED ?? Date.now() % 1_000_000)

/**
 * No periodic check against the database during the test (it would converge the instances
 * without Redis, slowly): updates cross by Redis, or by a catch-up when a seq shows a gap.
 */
const VIA_REDIS = { CATCH_UP_INTERVAL_MS: '600000' }

/** Each instance applied updates that another published on Redis. */
async function expectRelayedByRedis(instances: Instance[]): Promise<void> {
  for (const instance of instances) {
    expect(
      await metric(instance, 'convene_cluster_messages_received_total{type="update"}'),
      `updates ${instance.name} received through Redis`,
    ).toBeGreaterThan(0)
  }
}

/**
 * `perInstance` clients on each instance make `edits` random edits each, all at once (a few
 * milliseconds apart), then everyone waits for everyone's edits.
 */
async function editConcurrently(
  instances: Instance[],
  noticeId: string,
  perInstance: number,
  edits: number,
  seed: number,
): Promise<Client[]> {
  const clients: Client[] = []
  for (const instance of instances) {
    for (let index = 0; index < perInstance; index++) {
      clients.push(await connectClient(instance, noticeId, `${instance.name}${index + 1}`))
    }
  }
  const random = prng.create(seed)
  const made: string[] = []
  for (let round = 0; round < edits; round++) {
    clients.forEach((client, index) => {
      const marker = `m${index}x${round}`
      insertMarkedEdit(client.doc, random, marker)
      made.push(marker)
    })
    await sleep(prng.uint32(random, 2, 9))
  }
  await waitFor(
    () => clients.every((client) => markersIn(client.doc).size === made.length),
    `every client to hold all ${made.length} edits (seed ${seed})`,
    30_000,
  )
  return clients
}

/** Every client holds the same content, which is what storage holds and a fresh instance reads. */
async function expectOneStoredDocument(
  clients: Client[],
  noticeId: string,
  fresh: Instance,
  schema: { url: string; name: string },
  seed: number,
): Promise<void> {
  const reference = contentOf((clients[0] as Client).doc)
  for (const client of clients) expect(contentOf(client.doc), `${client.name}, seed ${seed}`).toBe(reference)
  const held = noticeOf((clients[0] as Client).doc)
  const read = await api(fresh, 'GET', `/api/notices/${noticeId}`)
  expect(read.status).toBe(200)
  expect((read.body as { content: unknown }).content, `seed ${seed}`).toEqual(held.content)
  const stored = await storedDoc(schema, noticeId)
  expect(contentOf(stored), `seed ${seed}`).toBe(reference)
  stored.destroy()
  // Each client edit is one update, stored once by the instance it reached, never again by the
  // instances it was relayed to: the notice's first row plus one per edit.
  expect(await storedRows(schema, noticeId), `stored rows, seed ${seed}`).toBe(1 + markersIn(stored).size)
}

describe('several instances joined by Redis', () => {
  for (const seed of [...REGRESSION_SEEDS, runSeed]) {
    it(`converge two instances whose clients edit one notice at once, the stored notice included (seed ${seed})`, async () => {
      const schema = await freshSchema()
      const shared = {
        databaseUrl: schema.url,
        redisUrl: REDIS_URL,
        redisPrefix: freshPrefix(),
        env: VIA_REDIS,
      }
      const instances = await startInstances(2, shared)
      const noticeId = await createNotice(instances[0] as Instance)

      const clients = await editConcurrently(instances, noticeId, 2, 25, seed)
      await expectRelayedByRedis(instances)

      const fresh = await startInstance({ ...shared, name: 'fresh' })
      await expectOneStoredDocument(clients, noticeId, fresh, schema, seed)
    })

    it(`converge three instances whose clients edit one notice at once, the stored notice included (seed ${seed + 1})`, async () => {
      const schema = await freshSchema()
      const shared = {
        databaseUrl: schema.url,
        redisUrl: REDIS_URL,
        redisPrefix: freshPrefix(),
        env: VIA_REDIS,
      }
      const instances = await startInstances(3, shared)
      const noticeId = await createNotice(instances[1] as Instance)

      const clients = await editConcurrently(instances, noticeId, 2, 20, seed + 1)
      await expectRelayedByRedis(instances)

      const fresh = await startInstance({ ...shared, name: 'fresh' })
      await expectOneStoredDocument(clients, noticeId, fresh, schema, seed + 1)
    })
  }

  it('shows each client’s presence to the clients of the other instances, and withdraws it when it leaves', async () => {
    const schema = await freshSchema()
    const instances = await startInstances(3, {
      databaseUrl: schema.url,
      redisUrl: REDIS_URL,
      redisPrefix: freshPrefix(),
    })
    const [a, b, c] = instances as [Instance, Instance, Instance]
    const noticeId = await createNotice(a)
    // Carets told apart by their marker: with accounts, the server replaces `user` with the
    // signed-in identity, and it relays only `user` and a `cursor` that resolves.
    const ana = await connectClient(a, noticeId, 'ana')
    ana.provider.awareness.setLocalStateField('cursor', rootCaret(1))
    const ben = await connectClient(b, noticeId, 'ben')
    ben.provider.awareness.setLocalStateField('cursor', rootCaret(2))
    // Joins later, on a third instance that had not loaded the notice yet.
    const cleo = await connectClient(c, noticeId, 'cleo')

    const caretOf: Record<string, unknown> = { Ana: rootCaret(1), Ben: rootCaret(2) }
    const nameSeenBy = (client: Client, clientId: number): string | undefined => {
      const cursor = client.provider.awareness.getStates().get(clientId)?.cursor
      return Object.keys(caretOf).find((name) => sameCaret(cursor, caretOf[name]))
    }
    await waitFor(() => nameSeenBy(ben, ana.doc.clientID) === 'Ana', "Ana's presence at Ben (a -> b)")
    await waitFor(() => nameSeenBy(ana, ben.doc.clientID) === 'Ben', "Ben's presence at Ana (b -> a)")
    await waitFor(
      () => nameSeenBy(cleo, ana.doc.clientID) === 'Ana' && nameSeenBy(cleo, ben.doc.clientID) === 'Ben',
      'both at Cleo, who came later to another instance',
    )

    ana.provider.disconnect()
    await waitFor(
      () => !ben.provider.awareness.getStates().has(ana.doc.clientID),
      "Ana's presence withdrawn at Ben",
    )
    await waitFor(
      () => !cleo.provider.awareness.getStates().has(ana.doc.clientID),
      "Ana's presence withdrawn at Cleo",
    )
  })

  it('carries a notice’s comments across instances too', async () => {
    const schema = await freshSchema()
    const [a, b] = (await startInstances(2, {
      databaseUrl: schema.url,
      redisUrl: REDIS_URL,
      redisPrefix: freshPrefix(),
      env: VIA_REDIS,
    })) as [Instance, Instance]
    const noticeId = await createNotice(a)
    const text = await connectClient(a, noticeId, 'text')
    const writer = await connectClient(a, `${noticeId}/comments`, 'commenter')
    const reader = await connectClient(b, `${noticeId}/comments`, 'reader')
    const fragment = text.doc.getXmlFragment(CONTENT_FIELD)
    const user = currentUser() ?? { id: 'anonymous', name: 'Anonymous' }

    createThread(writer.doc, {
      anchor: anchorFromRelativePositions(
        Y.createRelativePositionFromTypeIndex(fragment, 0),
        Y.createRelativePositionFromTypeIndex(fragment, 0, -1),
      ),
      quote: '',
      text: 'Faut-il citer INF/MSME/4/Rev.2 ici ?',
      author: user,
    })

    await waitFor(
      () => readThreads(reader.doc).length === 1,
      'the thread at the client of the other instance',
    )
    expect(readThreads(reader.doc)[0]?.comments[0]?.text).toBe('Faut-il citer INF/MSME/4/Rev.2 ici ?')
  })
})
