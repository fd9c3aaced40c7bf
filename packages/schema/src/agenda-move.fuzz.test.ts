/**
 * Seeded convergence test of agenda moves with concurrent typing: several peers and a server, each
 * a notice Y.Doc re-applying lost edits, synced through the server with random delays and offline
 * periods and disconnects that lose the messages in flight (resynced by state vectors). Some peers
 * move items (one peer every move; two peers at once up and down, the same items, parents and
 * sub-items: concurrent moves, see move-conflicts.ts) while all peers type and delete; afterwards every doc is the same, valid against the schema, and every token typed and not
 * deleted is present exactly once. Prints the seed on failure; failing seeds stay below as regressions.
 */
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import * as prng from 'lib0/prng'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { observeMoveReplays } from './agenda-move-replay'
import { AGENDA_MOVES, type AgendaMove, moveAgendaItem } from './agenda-tree-moves'
import { newNoticeYDoc } from './move-ledger'
import { noticeSchema } from './notice-extensions'

/**
 * `offline`: steps left with messages held (delivered later, in order). `dropped`: the connection
 * broke, losing every message in flight both ways; the next delivery resyncs by state vectors, as
 * the y-websocket handshake (sync step 1 and 2) does on reconnect.
 */
type Peer = {
  name: string
  doc: Y.Doc
  toServer: Uint8Array[]
  fromServer: Uint8Array[]
  offline: number
  dropped: boolean
}

function element(name: string, children: (Y.XmlElement | Y.XmlText)[], id?: string): Y.XmlElement {
  const el = new Y.XmlElement(name)
  if (id) el.setAttribute('id', id)
  el.insert(0, children)
  return el
}

function agendaItem(id: string, subItems: Y.XmlElement[] = []): Y.XmlElement {
  return element(
    'agendaItem',
    [
      element('agendaTitle', [new Y.XmlText(`T${id}`)]),
      element('paragraph', [new Y.XmlText(`body of ${id}`)]),
      ...subItems,
    ],
    id,
  )
}

/** Every Y.XmlText inside agenda items (titles and paragraphs). */
function texts(type: Y.XmlFragment | Y.XmlElement, out: Y.XmlText[] = []): Y.XmlText[] {
  for (const child of type.toArray()) {
    if (child instanceof Y.XmlText) out.push(child)
    else if (child instanceof Y.XmlElement) texts(child, out)
  }
  return out
}

function ids(type: Y.XmlFragment | Y.XmlElement, out: string[] = []): string[] {
  for (const child of type.toArray()) {
    if (child instanceof Y.XmlElement && child.nodeName === 'agendaItem') {
      out.push(String(child.getAttribute('id')))
      ids(child, out)
    }
  }
  return out
}

/** Who moves: the first `movers` peers, with these moves. */
type Movers = { movers: number; moves: readonly AgendaMove[] }

function run(seed: number, steps: number, { movers, moves }: Movers): void {
  const gen = prng.create(seed)
  const server = newNoticeYDoc()
  observeMoveReplays(server, 'server')
  server
    .getXmlFragment('content')
    .insert(0, [
      element('paragraph', [new Y.XmlText('preamble')]),
      agendaItem('a'),
      agendaItem('b', [agendaItem('b1'), agendaItem('b2')]),
      agendaItem('c', [agendaItem('c1')]),
      agendaItem('d'),
    ])
  const peers: Peer[] = []
  for (let i = 0; i < 3; i++) {
    const doc = newNoticeYDoc()
    observeMoveReplays(doc, 'replay')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server), 'server')
    const peer: Peer = { name: `p${i}`, doc, toServer: [], fromServer: [], offline: 0, dropped: false }
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'server') peer.toServer.push(update)
    })
    peers.push(peer)
  }
  server.on('update', (update: Uint8Array) => {
    for (const peer of peers) peer.fromServer.push(update)
  })
  const typed: string[] = []
  const deleted = new Set<string>()
  let counter = 0
  const deliver = (peer: Peer, all: boolean) => {
    if (peer.offline > 0) return
    if (peer.dropped) {
      peer.dropped = false
      Y.applyUpdate(server, Y.encodeStateAsUpdate(peer.doc, Y.encodeStateVector(server)), peer.name)
      Y.applyUpdate(peer.doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(peer.doc)), 'server')
    }
    while (peer.toServer.length > 0 && (all || prng.bool(gen))) {
      Y.applyUpdate(server, peer.toServer.shift() as Uint8Array, peer.name)
    }
    while (peer.fromServer.length > 0 && (all || prng.bool(gen))) {
      Y.applyUpdate(peer.doc, peer.fromServer.shift() as Uint8Array, 'server')
    }
  }
  for (let step = 0; step < steps; step++) {
    const peer = prng.oneOf(gen, peers)
    const roll = prng.uint32(gen, 0, 99)
    const fragment = peer.doc.getXmlFragment('content')
    if (roll < 45) {
      const candidates = texts(fragment).slice(1)
      const text = candidates.length > 0 ? prng.oneOf(gen, candidates) : null
      if (text) {
        const token = `<${peer.name}.${counter++}>`
        // Between tokens only, so a token is never split by another.
        const content = text.toString()
        const boundaries = [0, content.length, ...[...content.matchAll(/>/g)].map((m) => (m.index ?? 0) + 1)]
        text.insert(prng.oneOf(gen, boundaries), token)
        typed.push(token)
      }
    } else if (roll < 55) {
      const text = prng.oneOf(gen, texts(fragment))
      const found = /<p\d\.\d+>/.exec(text.toString())
      if (found) {
        text.delete(found.index, found[0].length)
        deleted.add(found[0])
      }
    } else if (roll < 75 && peers.indexOf(peer) < movers) {
      const all = ids(fragment)
      if (all.length > 0) moveAgendaItem(fragment, prng.oneOf(gen, all), prng.oneOf(gen, [...moves]), 'local')
    } else if (roll < 85) {
      if (peer.offline > 0) peer.offline--
      else {
        // One draw to go offline for a while, then (if not) another to drop the connection.
        const goesOffline = prng.uint32(gen, 0, 3) === 0
        if (goesOffline) peer.offline = prng.uint32(gen, 1, 6)
        else if (prng.uint32(gen, 0, 3) === 0) {
          // A disconnect: what was in flight is lost both ways.
          peer.toServer.length = 0
          peer.fromServer.length = 0
          peer.dropped = true
        }
      }
    } else {
      deliver(peer, false)
    }
  }
  for (let round = 0; round < 6; round++) {
    for (const peer of peers) {
      peer.offline = 0
      deliver(peer, true)
    }
  }
  const expected = server.getXmlFragment('content').toString()
  for (const peer of peers) expect(peer.doc.getXmlFragment('content').toString(), peer.name).toBe(expected)
  noticeSchema.nodeFromJSON(yXmlFragmentToProsemirrorJSON(server.getXmlFragment('content'))).check()
  const all = texts(server.getXmlFragment('content'))
    .map((t) => t.toString())
    .join('|')
  for (const token of typed) {
    if (deleted.has(token)) continue
    expect(all.split(token).length - 1, `token ${token}`).toBe(1)
  }
  const agendaIds = ids(server.getXmlFragment('content'))
  expect(new Set(agendaIds).size).toBe(agendaIds.length)
  expect([...agendaIds].sort()).toEqual(['a', 'b', 'b1', 'b2', 'c', 'c1', 'd'])
}

function runSeed(seed: number, steps: number, movers: Movers): void {
  try {
    run(seed, steps, movers)
  } catch (error) {
    throw new Error(
      `agenda move convergence failed with seed ${seed} (${steps} steps, ${movers.movers} movers)`,
      { cause: error },
    )
  }
}

const SEEDS = Number(process.env.MOVE_FUZZ_SEEDS ?? 200)
const STEPS = Number(process.env.MOVE_FUZZ_STEPS ?? 100)

describe('agenda moves under concurrent editing', () => {
  it(`keeps every token typed concurrently with moves exactly once, on ${SEEDS} seeds of ${STEPS} steps`, () => {
    for (let seed = 1; seed <= SEEDS; seed++) runSeed(seed, STEPS, { movers: 1, moves: AGENDA_MOVES })
  }, 120_000)

  it(`keeps one copy of every item and every token once when two peers move up and down at once, on ${SEEDS} seeds of ${STEPS} steps`, () => {
    for (let seed = 1; seed <= SEEDS; seed++) runSeed(seed, STEPS, { movers: 2, moves: ['up', 'down'] })
  }, 120_000)
})
