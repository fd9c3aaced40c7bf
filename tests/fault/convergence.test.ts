/**
 * Seeded randomised convergence through the real server: several stock y-websocket clients (no
 * Tiptap) edit one notice's agenda concurrently (add, move, indent, outdent and delete items,
 * insert speakers and symbols, type and delete text), dropping off and coming back at random.
 * Once all are back, every client and the server hold the same document, readable by the shared
 * schema, numbered identically everywhere. A failing seed is printed; keep it in REGRESSION_SEEDS.
 */

import {
  agendaOutline,
  CONTENT_FIELD,
  docFromJSON,
  type OutlineEntry,
  readNoticeFromYDoc,
} from '@convene/schema'
import * as prng from 'lib0/prng'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { type AgendaOperation, agendaItem, agendaOperation } from '../support/notice-edits'
import {
  allAlike,
  type Client,
  cleanup,
  connectClients,
  contentOf,
  createNotice,
  type FaultServer,
  sleep,
  startServer,
  storedContent,
  waitFor,
} from './fault-harness'

/** Seeds that once failed, kept as regression tests (none yet); a comment on each says why. */
const REGRESSION_SEEDS: number[] = []
const RANDOM_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
const CLIENTS = 4
const ROUNDS = 100

let server: FaultServer

beforeAll(async () => {
  server = await startServer()
})

afterAll(cleanup)

/** The numbering of `doc` as the editor, the outline and every exporter derive it. */
function numbering(doc: Y.Doc): OutlineEntry[] {
  return agendaOutline(docFromJSON(readNoticeFromYDoc(doc).content, { strict: false }))
}

/** A short description of where the clients differ, for the failure message. */
function divergence(clients: readonly Client[]): string {
  return clients
    .map(
      (client) =>
        `${client.name} (${client.provider.wsconnected ? 'online' : 'offline'}): ${contentOf(client.doc).length} chars, sv ${Y.encodeStateVector(client.doc).join(',')}`,
    )
    .join('; ')
}

describe('agenda editing by clients that come and go, through the server', () => {
  it.each([...REGRESSION_SEEDS, ...RANDOM_SEEDS])(
    'converges to one readable document, numbered identically everywhere (seed %i)',
    async (seed) => {
      const random = prng.create(seed)
      const noticeId = await createNotice(server)
      const clients = await connectClients(server, noticeId, CLIENTS)
      const first = clients[0] as Client
      first.doc.transact(() => {
        first.doc
          .getXmlFragment(CONTENT_FIELD)
          .insert(1, [
            agendaItem(`item-${seed}-a`, 'Adoption de l’ordre du jour', 'Le Président ouvre la séance.'),
            agendaItem(`item-${seed}-b`, 'Rapport du Comité', 'Le Secrétariat présente le rapport.'),
            agendaItem(`item-${seed}-c`, 'Questions diverses'),
          ])
      })
      await waitFor(
        () => clients.every((client) => contentOf(client.doc) === contentOf(first.doc)),
        'the initial agenda to reach everyone',
      )

      const done: Record<string, number> = {}
      for (let round = 0; round < ROUNDS; round++) {
        const client = prng.oneOf(random, clients)
        const operation: AgendaOperation | null = agendaOperation(client.doc, random, `s${seed}r${round}`)
        if (operation) done[operation] = (done[operation] ?? 0) + 1
        const roll = prng.real53(random)
        if (roll < 0.08) {
          // Offline for a while: edits pile up locally and go out on reconnection, through sync.
          const target = prng.oneOf(random, clients)
          if (target.provider.shouldConnect) target.provider.disconnect()
          else target.provider.connect()
        } else if (roll < 0.11) {
          // The connection drops under the client (as a network would); it reconnects by itself.
          prng.oneOf(random, clients).provider.ws?.close()
        }
        await sleep(prng.uint32(random, 0, 12))
      }
      for (const client of clients) if (!client.provider.shouldConnect) client.provider.connect()

      await waitFor(
        () => clients.every((client) => client.provider.synced) && allAlike(clients),
        () => `seed ${seed}: every client to converge: ${divergence(clients)}`,
        20_000,
      )

      expect(
        Object.keys(done).length,
        `seed ${seed}: operations done ${JSON.stringify(done)}`,
      ).toBeGreaterThan(5)
      let expected: ReturnType<typeof readNoticeFromYDoc>
      try {
        expected = readNoticeFromYDoc(first.doc)
      } catch (error) {
        throw new Error(`seed ${seed}: the converged document does not fit the schema: ${String(error)}`, {
          cause: error,
        })
      }
      const outline = numbering(first.doc)
      for (const client of clients.slice(1)) {
        expect(readNoticeFromYDoc(client.doc), `seed ${seed}: ${client.name}'s notice`).toEqual(expected)
        expect(numbering(client.doc), `seed ${seed}: ${client.name}'s numbering`).toEqual(outline)
      }
      expect(await storedContent(server, noticeId), `seed ${seed}: the server's copy`).toBe(
        JSON.stringify(expected.content),
      )
      for (const client of clients) client.provider.destroy()
    },
  )
})
