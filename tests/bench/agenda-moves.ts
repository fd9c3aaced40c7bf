/**
 * The agenda-move benchmark (`pnpm --filter @convene/tests bench:moves`, part of `pnpm bench`): in
 * process, no server. Time and update size of moving an item of 50 paragraphs with the recorded
 * move (schema's moveAgendaElement) against the plain delete + re-insert it replaced, and what
 * the records and kept subtrees cost a 500-item notice after many moves: state size and load time.
 */
import { moveAgendaElement, newNoticeYDoc } from '@convene/schema'
import * as prng from 'lib0/prng'
import * as Y from 'yjs'

const PARAGRAPH = 'The Committee will consider the report of the Working Group on the item and adopt it. '

function item(id: string, paragraphs: number): Y.XmlElement {
  const el = new Y.XmlElement('agendaItem')
  el.setAttribute('id', id)
  const title = new Y.XmlElement('agendaTitle')
  title.insert(0, [new Y.XmlText(`Item ${id}`)])
  const body = Array.from({ length: paragraphs }, () => {
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(PARAGRAPH)])
    return paragraph
  })
  el.insert(0, [title, ...body])
  return el
}

function plainMove(element: Y.XmlElement, parent: Y.XmlFragment, index: number): void {
  ;(element.doc as Y.Doc).transact(() => {
    parent.insert(index, [element.clone()])
    parent.delete(parent.toArray().indexOf(element), 1)
  })
}

type Mover = (element: Y.XmlElement, parent: Y.XmlFragment, index: number) => void
const recorded: Mover = (element, parent, index) => {
  moveAgendaElement(element, parent, index)
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

/** Moves a 50-paragraph item down past its neighbour `repeats` times; median ms and update bytes. */
function moveBigItem(mover: Mover, repeats: number): { ms: number; bytes: number } {
  const times: number[] = []
  const sizes: number[] = []
  for (let r = 0; r < repeats; r++) {
    const doc = newNoticeYDoc()
    const fragment = doc.getXmlFragment('content')
    fragment.insert(0, [item('big', 50), item('next', 1)])
    let bytes = 0
    const onUpdate = (update: Uint8Array) => {
      bytes += update.length
    }
    doc.on('update', onUpdate)
    const start = performance.now()
    mover(fragment.get(0) as Y.XmlElement, fragment, 2)
    times.push(performance.now() - start)
    sizes.push(bytes)
    doc.off('update', onUpdate)
  }
  return { ms: median(times), bytes: median(sizes) }
}

/** A 500-item notice after `moves` random moves of top-level items: state bytes and median load ms. */
function bigNotice(mover: Mover, moves: number, repeats: number): { bytes: number; loadMs: number } {
  const doc = newNoticeYDoc()
  const fragment = doc.getXmlFragment('content')
  fragment.insert(
    0,
    Array.from({ length: 500 }, (_, i) => item(`i${i}`, 1)),
  )
  const gen = prng.create(42)
  for (let m = 0; m < moves; m++) {
    const from = prng.uint32(gen, 0, fragment.length - 1)
    mover(fragment.get(from) as Y.XmlElement, fragment, prng.uint32(gen, 0, fragment.length))
  }
  const state = Y.encodeStateAsUpdate(doc)
  const times: number[] = []
  for (let r = 0; r < repeats; r++) {
    const start = performance.now()
    Y.applyUpdate(newNoticeYDoc(), state)
    times.push(performance.now() - start)
  }
  return { bytes: state.length, loadMs: median(times) }
}

const rows: [string, string, string][] = []
for (const [name, mover] of [
  ['delete + insert (before)', plainMove],
  ['recorded move', recorded],
] as const) {
  const big = moveBigItem(mover, 15)
  rows.push([`move 50-paragraph item: ${name}`, `${big.ms.toFixed(2)} ms`, `${big.bytes} B update`])
}
for (const moves of [0, 100]) {
  for (const [name, mover] of [
    ['delete + insert', plainMove],
    ['recorded move', recorded],
  ] as const) {
    if (moves === 0 && name === 'delete + insert') continue
    const notice = bigNotice(mover, moves, 7)
    rows.push([
      `500-item notice after ${moves} moves: ${moves === 0 ? 'no move' : name}`,
      `${notice.loadMs.toFixed(1)} ms load`,
      `${notice.bytes} B state`,
    ])
  }
}
const width = Math.max(...rows.map((row) => row[0].length))
console.log('agenda moves (in process, median)')
for (const [label, time, size] of rows) console.log(`${label.padEnd(width)}  ${time.padStart(12)}  ${size}`)
