/**
 * The notice-guard benchmark (`pnpm --filter @convene/tests bench:notice-guard`): in process, no
 * server. What checking every update against the schema (server sync/notice-guard.ts) costs a
 * notice of 500 agenda items: keystrokes and pasted paragraphs applied straight to the room's
 * document, through the guard (shadow copy + noticeChangeProblems), and through a full scratch copy
 * per update (the alternative the guard avoids); and the memory the shadow copy takes.
 */
import { newNoticeYDoc, noticeChangeProblems, openNoticeRoots, readNoticeLeniently } from '@convene/schema'
import { noticeUpdateGuard } from '@convene/server'
import * as Y from 'yjs'

const PARAGRAPH = 'The Committee will consider the report of the Working Group on the item and adopt it. '

function notice(items: number, paragraphs: number): Y.Doc {
  const doc = newNoticeYDoc()
  openNoticeRoots(doc)
  const fragment = doc.getXmlFragment('content')
  for (let index = 0; index < items; index++) {
    const item = new Y.XmlElement('agendaItem')
    item.setAttribute('id', `item-${index}`)
    const title = new Y.XmlElement('agendaTitle')
    title.insert(0, [new Y.XmlText(`Item ${index}`)])
    const body = Array.from({ length: paragraphs }, () => {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText(PARAGRAPH)])
      return paragraph
    })
    item.insert(0, [title, ...body])
    fragment.insert(fragment.length, [item])
  }
  return doc
}

/** `count` updates of a peer: one character typed each, or one new paragraph at the top level. */
function peerUpdates(base: Y.Doc, count: number, kind: 'keystroke' | 'paragraph'): Uint8Array[] {
  const peer = new Y.Doc()
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(base))
  const updates: Uint8Array[] = []
  peer.on('update', (update: Uint8Array) => updates.push(update))
  const fragment = peer.getXmlFragment('content')
  const text = ((fragment.get(250) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlText
  for (let index = 0; index < count; index++) {
    if (kind === 'keystroke') text.insert(index, 'x')
    else {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText(PARAGRAPH)])
      fragment.insert(0, [paragraph])
    }
  }
  peer.destroy()
  return updates
}

function timeEach(updates: readonly Uint8Array[], apply: (update: Uint8Array) => void): number {
  const start = performance.now()
  for (const update of updates) apply(update)
  return ((performance.now() - start) * 1000) / updates.length
}

function heapMiB(): number {
  ;(globalThis as { gc?: () => void }).gc?.()
  return process.memoryUsage().heapUsed / 1048576
}

const ITEMS = 500
const PARAGRAPHS = 5
const rows: string[] = []
for (const kind of ['keystroke', 'paragraph'] as const) {
  const count = kind === 'keystroke' ? 2000 : 200
  const updates = peerUpdates(notice(ITEMS, PARAGRAPHS), count, kind)

  const direct = notice(ITEMS, PARAGRAPHS)
  const directUs = timeEach(updates, (update) => Y.applyUpdate(direct, update, 'peer'))

  const guarded = notice(ITEMS, PARAGRAPHS)
  const guard = noticeUpdateGuard(guarded)
  const guardedUs = timeEach(updates, (update) =>
    guard.admit(update, 'peer', () => Y.applyUpdate(guarded, update, 'peer')),
  )
  guard.destroy()

  const scratched = notice(ITEMS, PARAGRAPHS)
  const scratchUs = timeEach(updates.slice(0, 20), (update) => {
    const scratch = newNoticeYDoc()
    openNoticeRoots(scratch)
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(scratched))
    const check = (transaction: Y.Transaction): void => void noticeChangeProblems(transaction)
    scratch.on('afterTransaction', check)
    Y.applyUpdate(scratch, update)
    scratch.destroy()
    Y.applyUpdate(scratched, update, 'peer')
  })
  rows.push(
    `| ${kind} (${count}) | ${directUs.toFixed(0)} µs | ${guardedUs.toFixed(0)} µs | ${scratchUs.toFixed(0)} µs |`,
  )
}

const before = heapMiB()
const room = notice(ITEMS, PARAGRAPHS)
const withDoc = heapMiB()
const shadowGuard = noticeUpdateGuard(room)
const withShadow = heapMiB()
shadowGuard.destroy()

const readStart = performance.now()
readNoticeLeniently(room)
const readMs = performance.now() - readStart

console.log(
  `Notice of ${ITEMS} agenda items of ${PARAGRAPHS} paragraphs (${Y.encodeStateAsUpdate(room).length} bytes)`,
)
console.log('| update | applied directly | through the guard | full scratch copy |')
console.log('|---|---|---|---|')
for (const row of rows) console.log(row)
console.log(
  `heap: document ${(withDoc - before).toFixed(1)} MiB, shadow copy ${(withShadow - withDoc).toFixed(1)} MiB`,
)
console.log(`lenient read of the whole notice: ${readMs.toFixed(0)} ms`)
