/**
 * A long-lived notice for the cold-load benchmark: N agenda items (agendaItem > agendaTitle +
 * paragraph, as packages/schema defines them) in the `content` fragment, built and then edited by
 * a few authors, one Yjs update per keystroke, until the history holds U updates. Seeded, so every
 * run and every server gets the same history.
 */
import * as prng from 'lib0/prng'
import * as Y from 'yjs'
import { CONTENT_FIELD } from './bench-writer'

/** A notice and the updates that built it. */
export type NoticeHistory = {
  /** Every update in order; applying them all to the base gives the final notice. */
  updates: Uint8Array[]
  /** Total bytes of the updates. */
  bytes: number
  /** The final state vector and the fragment as XML text, to check what a server hands back. */
  stateVector: Uint8Array
  contentXml: string
  /** Size of the final state encoded as one update (what a compacted store would hold). */
  stateBytes: number
  generationSeconds: number
}

const WORDS = (
  'ordre du jour point adoption rapport secrétariat réunion séance délégation observateurs ' +
  'comité informel micro petites moyennes entreprises commerce électronique déclaration ministérielle'
).split(' ')

/**
 * Builds a history of `updates` updates on top of `base` (the server's state of a new notice, which
 * may already hold a blank notice): first one update per agenda item appended to `content`, then
 * keystrokes in bursts of 5 to 60 in one item's paragraph (85 % typing a character, 15 % backspace),
 * by 8 authors in turns.
 */
export function buildNoticeHistory(options: {
  items: number
  updates: number
  base?: Uint8Array
  seed?: number
}): NoticeHistory {
  const { items, updates, base, seed = 42 } = options
  if (updates < items) throw new RangeError(`--updates (${updates}) must be at least --items (${items})`)
  const started = performance.now()
  const gen = prng.create(seed)
  const doc = new Y.Doc()
  if (base) Y.applyUpdate(doc, base)
  const authors = Array.from({ length: 8 }, () => prng.uint32(gen, 1, 0x7fffffff))
  const history: Uint8Array[] = []
  let bytes = 0
  doc.on('update', (update: Uint8Array) => {
    history.push(update)
    bytes += update.length
  })
  const fragment = doc.getXmlFragment(CONTENT_FIELD)
  const paragraphs: Y.XmlText[] = []
  doc.clientID = authors[0] ?? 1
  for (let index = 0; index < items; index++) {
    const item = new Y.XmlElement('agendaItem')
    item.setAttribute('id', `bench-item-${index + 1}`)
    const title = new Y.XmlElement('agendaTitle')
    title.insert(0, [new Y.XmlText(`Point ${index + 1}`)])
    const paragraph = new Y.XmlElement('paragraph')
    const text = new Y.XmlText()
    paragraph.insert(0, [text])
    item.insert(0, [title, paragraph])
    fragment.insert(fragment.length, [item])
    paragraphs.push(text)
  }
  let word = ''
  let text = paragraphs[0] as Y.XmlText
  let cursor = 0
  let burst = 0
  for (let made = items; made < updates; made++) {
    // Authors take turns of 500 keystrokes, as people editing a notice over days would.
    if ((made - items) % 500 === 0) doc.clientID = prng.oneOf(gen, authors)
    if (burst === 0) {
      // A burst of typing in one paragraph, mostly at its end, sometimes in the middle.
      text = prng.oneOf(gen, paragraphs)
      cursor = prng.uint32(gen, 0, 99) < 80 ? text.length : prng.uint32(gen, 0, text.length)
      burst = prng.uint32(gen, 5, 60)
    }
    burst--
    if (cursor > 0 && prng.uint32(gen, 0, 99) < 15) {
      text.delete(--cursor, 1)
    } else {
      if (word.length === 0) word = `${prng.oneOf(gen, WORDS)} `
      text.insert(cursor++, word.charAt(0))
      word = word.slice(1)
    }
  }
  return {
    updates: history,
    bytes,
    stateVector: Y.encodeStateVector(doc),
    contentXml: fragment.toString(),
    stateBytes: Y.encodeStateAsUpdate(doc).length,
    generationSeconds: (performance.now() - started) / 1000,
  }
}

/**
 * Whether `state` (a full state as one update) holds the notice that `history` built: the same
 * `content`, and every update of the history (a server may hold more, e.g. its own metadata).
 */
export function holdsHistory(state: Uint8Array, history: NoticeHistory): boolean {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  const held = Y.decodeStateVector(Y.encodeStateVector(doc))
  for (const [client, clock] of Y.decodeStateVector(history.stateVector)) {
    if ((held.get(client) ?? 0) < clock) return false
  }
  return doc.getXmlFragment(CONTENT_FIELD).toString() === history.contentXml
}
