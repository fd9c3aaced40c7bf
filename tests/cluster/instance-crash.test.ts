/**
 * An instance killed with SIGKILL (or stopped with SIGTERM) in the middle of editing: its clients
 * move to another instance and carry on; nothing a client had confirmed (seen arrive at a client of another instance) is
 * lost, and in fact nothing any client typed is, since clients resend what a dead server had not
 * stored when they sync with the next one.
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
  freshPrefix,
  freshSchema,
  type Instance,
  insertMarkedEdit,
  markersIn,
  moveClient,
  REDIS_URL,
  requireServices,
  sleep,
  startInstances,
  storedDoc,
  waitFor,
} from './cluster-harness'

beforeAll(requireServices)
afterEach(cleanup)

/** Makes `client` edit every `everyMs` until stopped; each edit carries a marker `m<index>x<n>`. */
function keepEditing(client: Client, index: number, seed: number, everyMs: number): { stop(): string[] } {
  const random = prng.create(seed + index)
  const made: string[] = []
  const timer = setInterval(() => {
    const marker = `m${index}x${made.length}`
    insertMarkedEdit(client.doc, random, marker)
    made.push(marker)
  }, everyMs)
  return {
    stop() {
      clearInterval(timer)
      return made
    },
  }
}

describe('an instance going away mid-edit', () => {
  for (const [how, signal] of [
    ['killed with SIGKILL', 'SIGKILL'],
    ['stopped with SIGTERM', 'SIGTERM'],
  ] as const) {
    it(`loses nothing a client had confirmed when ${how}: its clients reconnect to another instance and everyone converges`, async () => {
      const seed = Number(process.env.CLUSTER_SEED ?? Date.now() % 1_000_000)
      const schema = await freshSchema()
      const [doomed, survivor, other] = (await startInstances(3, {
        databaseUrl: schema.url,
        redisUrl: REDIS_URL,
        redisPrefix: freshPrefix(),
      })) as [Instance, Instance, Instance]
      const noticeId = await createNotice(survivor)
      const onDoomed = [
        await connectClient(doomed, noticeId, 'doomed-1'),
        await connectClient(doomed, noticeId, 'doomed-2'),
      ]
      const watcher = await connectClient(survivor, noticeId, 'watcher')
      const bystander = await connectClient(other, noticeId, 'bystander')
      const clients = [...onDoomed, watcher, bystander]
      const typists = clients.map((client, index) => keepEditing(client, index, seed, 15))

      await waitFor(
        () => [...markersIn(watcher.doc)].filter((marker) => /^m[01]x/.test(marker)).length >= 40,
        `the watcher to see 40 edits from the doomed instance's clients (seed ${seed})`,
      )
      if (signal === 'SIGKILL') await doomed.kill()
      else await doomed.stop()
      // Confirmed = seen by a client of another instance before the kill became visible.
      const confirmed = [...markersIn(watcher.doc)].filter((marker) => /^m[01]x/.test(marker))
      for (const client of onDoomed) await moveClient(client, survivor)

      await waitFor(
        () => onDoomed.every((client) => client.provider.wsconnected && client.provider.synced),
        `the doomed instance's clients to reconnect to the survivor (seed ${seed})`,
      )
      await sleep(500)
      const made = typists.flatMap((typist) => typist.stop())

      await waitFor(
        () => clients.every((client) => markersIn(client.doc).size === made.length),
        `every client to hold all ${made.length} edits (seed ${seed})`,
        30_000,
      )
      const reference = contentOf(watcher.doc)
      for (const client of clients)
        expect(contentOf(client.doc), `${client.name}, seed ${seed}`).toBe(reference)
      const final = markersIn(watcher.doc)
      expect(
        confirmed.filter((marker) => !final.has(marker)),
        `confirmed edits lost (seed ${seed})`,
      ).toEqual([])

      const stored = await storedDoc(schema, noticeId)
      expect(contentOf(stored), `seed ${seed}`).toBe(reference)
      stored.destroy()
      const read = await api(other, 'GET', `/api/notices/${noticeId}`)
      expect(read.status).toBe(200)
    })
  }
})
