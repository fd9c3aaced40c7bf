/**
 * Draws a comparison onto the newer version's document: inserted words underlined in green
 * (`<ins class="diff-insert">`), deleted words as struck-through red widgets where they were,
 * added and moved agenda items marked, changed speakers and symbols outlined. It lays the diff's
 * word ops of each body (preamble, each item's title and own text) over that body's text, in
 * document order, the way `diffNotices` read it: blocks joined by "\n\n", a hard break "\n", an
 * atom as its running text.
 */
import {
  agendaOutline,
  type BodyChange,
  NODE_NAMES,
  type NoticeDiff,
  type OutlineEntry,
  type SpeakerChange,
  type SymbolChange,
  speakerText,
  toSpeakerAttrs,
  type WordOp,
} from '@convene/schema'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { Decoration, DecorationSet } from '@tiptap/pm/view'

/** The words the decorations show (badges and tooltips), in the interface language. */
export type DiffWords = {
  itemAdded: string
  movedFrom: (number: string) => string
  deleted: string
  speakerChanged: (fields: string) => string
  symbolWas: (symbol: string) => string
}

/** The decorations of a comparison, and how many changed bodies did not fit the document shown. */
export type DiffDecorations = { decorations: DecorationSet; unmatched: number }

/** A piece of a body's text: where it starts and ends in the text, and where it sits in the document. */
type Segment = { start: number; end: number; pos: number; kind: 'text' | 'atom' | 'break' }

/** A body's text as the diff read it, with the document position of every piece. */
type TextMap = { text: string; segments: Segment[]; endPos: number }

type Positioned = { node: ProseMirrorNode; pos: number }

/** The textblocks inside `node` (at `pos`), descending into lists. */
function textblocksOf(node: ProseMirrorNode, pos: number, out: Positioned[]): void {
  if (node.isTextblock) {
    out.push({ node, pos })
    return
  }
  node.forEach((child, offset) => {
    textblocksOf(child, pos + 1 + offset, out)
  })
}

function inlineText(node: ProseMirrorNode): string {
  switch (node.type.name) {
    case NODE_NAMES.speaker:
      return speakerText(toSpeakerAttrs(node.attrs))
    case NODE_NAMES.symbol:
      return String(node.attrs.symbol ?? '')
    default:
      return node.textContent
  }
}

function textMap(blocks: readonly Positioned[], fallbackPos: number): TextMap {
  let text = ''
  const segments: Segment[] = []
  const push = (piece: string, pos: number, kind: Segment['kind']) => {
    if (piece === '') return
    segments.push({ start: text.length, end: text.length + piece.length, pos, kind })
    text += piece
  }
  blocks.forEach((block, index) => {
    if (index > 0) push('\n\n', block.pos + 1, 'break')
    block.node.forEach((child, offset) => {
      const at = block.pos + 1 + offset
      if (child.isText) push(child.text ?? '', at, 'text')
      else if (child.type.name === NODE_NAMES.hardBreak) push('\n', at, 'break')
      else push(inlineText(child), at, 'atom')
    })
  })
  const last = blocks.at(-1)
  const endPos = last ? last.pos + last.node.nodeSize - 1 : fallbackPos
  return { text, segments, endPos }
}

/** The document position of text offset `offset` (the end of the body for the end of the text). */
function positionAt(map: TextMap, offset: number): number {
  for (const segment of map.segments) {
    if (offset >= segment.start && offset < segment.end) {
      return segment.kind === 'text' ? segment.pos + (offset - segment.start) : segment.pos
    }
  }
  return map.endPos
}

function deletedWidget(pos: number, text: string, words: DiffWords): Decoration {
  const shown = text.replace(/\s*\n+\s*/g, ' ')
  return Decoration.widget(
    pos,
    () => {
      const del = document.createElement('del')
      del.className = 'diff-delete'
      del.title = words.deleted
      del.textContent = shown
      return del
    },
    { side: -1, marks: [], ignoreSelection: true, key: `delete:${pos}:${shown}` },
  )
}

function insertedRange(map: TextMap, from: number, to: number, out: Decoration[]): void {
  for (const segment of map.segments) {
    const start = Math.max(from, segment.start)
    const end = Math.min(to, segment.end)
    if (start >= end) continue
    if (segment.kind === 'text') {
      out.push(
        Decoration.inline(segment.pos + (start - segment.start), segment.pos + (end - segment.start), {
          nodeName: 'ins',
          class: 'diff-insert',
        }),
      )
    } else if (segment.kind === 'atom') {
      out.push(Decoration.node(segment.pos, segment.pos + 1, { class: 'diff-insert-atom' }))
    }
  }
}

/**
 * The decorations of `ops` over `map`, or null when the ops do not spell the text shown (the
 * document changed between the comparison and its display).
 */
function opDecorations(map: TextMap, ops: readonly WordOp[], words: DiffWords): Decoration[] | null {
  const out: Decoration[] = []
  let cursor = 0
  for (const op of ops) {
    if (op.op === 'delete') {
      out.push(deletedWidget(positionAt(map, cursor), op.text, words))
      continue
    }
    const end = cursor + op.text.length
    if (map.text.slice(cursor, end) !== op.text) return null
    if (op.op === 'insert') insertedRange(map, cursor, end, out)
    cursor = end
  }
  return cursor === map.text.length ? out : null
}

function badge(pos: number, text: string, kind: string): Decoration {
  return Decoration.widget(
    pos,
    () => {
      const span = document.createElement('span')
      span.className = `diff-badge diff-badge--${kind}`
      span.contentEditable = 'false'
      span.textContent = text
      return span
    },
    { side: 1, ignoreSelection: true, key: `badge:${kind}:${pos}:${text}` },
  )
}

const nameKey = (name: string): string => name.normalize('NFC').replace(/\s+/gu, ' ').trim().toLowerCase()

/** Outlines the speakers and symbols of a body whose attributes changed (their text did not). */
function atomDecorations(
  blocks: readonly Positioned[],
  change: BodyChange,
  words: DiffWords,
  fieldNames: (fields: string[]) => string,
): Decoration[] {
  const out: Decoration[] = []
  const speakers = new Map<string, SpeakerChange>()
  const symbols = new Map<string, SymbolChange>()
  if (change.kind === 'speakers') {
    for (const speaker of change.changes)
      if (speaker.kind === 'changed') speakers.set(nameKey(speaker.name), speaker)
  } else if (change.kind === 'symbols') {
    for (const symbol of change.changes) if (symbol.kind === 'changed') symbols.set(symbol.to, symbol)
  }
  if (speakers.size === 0 && symbols.size === 0) return out
  for (const block of blocks) {
    block.node.forEach((child, offset) => {
      const at = block.pos + 1 + offset
      if (child.type.name === NODE_NAMES.speaker) {
        const changed = speakers.get(nameKey(String(child.attrs.name ?? '')))
        if (changed?.kind === 'changed') {
          const fields = fieldNames(changed.fields.map((field) => field.field))
          out.push(
            Decoration.node(at, at + 1, { class: 'diff-changed', title: words.speakerChanged(fields) }),
          )
        }
      } else if (child.type.name === NODE_NAMES.symbol) {
        const changed = symbols.get(String(child.attrs.symbol ?? ''))
        if (changed?.kind === 'changed') {
          out.push(
            Decoration.node(at, at + 1, { class: 'diff-changed', title: words.symbolWas(changed.from) }),
          )
        }
      }
    })
  }
  return out
}

/** The blocks of the document before the agenda, with their positions. */
function preambleBlocks(doc: ProseMirrorNode): Positioned[] {
  const blocks: Positioned[] = []
  doc.forEach((child, offset) => {
    if (child.type.name !== NODE_NAMES.agendaItem) textblocksOf(child, offset, blocks)
  })
  return blocks
}

/** An item's own blocks (not its title, not its sub-items), with their positions. */
function itemBodyBlocks(item: ProseMirrorNode, pos: number): Positioned[] {
  const blocks: Positioned[] = []
  item.forEach((child, offset) => {
    if (child.type.name !== NODE_NAMES.agendaTitle && child.type.name !== NODE_NAMES.agendaItem) {
      textblocksOf(child, pos + 1 + offset, blocks)
    }
  })
  return blocks
}

/**
 * The decorations that show `diff` on `doc`, the newer of the two versions compared. Bodies whose
 * word ops do not spell their text are left undecorated and counted in `unmatched`.
 */
export function diffDecorations(
  doc: ProseMirrorNode,
  diff: NoticeDiff,
  words: DiffWords,
  fieldNames: (fields: string[]) => string = (fields) => fields.join(', '),
): DiffDecorations {
  const decorations: Decoration[] = []
  let unmatched = 0
  const body = (blocks: Positioned[], fallbackPos: number, change: BodyChange) => {
    if (change.kind === 'textChanged') {
      const found = opDecorations(textMap(blocks, fallbackPos), change.ops, words)
      if (found) decorations.push(...found)
      else unmatched++
    } else {
      decorations.push(...atomDecorations(blocks, change, words, fieldNames))
    }
  }

  for (const change of diff.preamble) body(preambleBlocks(doc), 0, change)

  const entries = new Map<string, OutlineEntry>()
  for (const entry of agendaOutline(doc)) if (!entries.has(entry.id)) entries.set(entry.id, entry)
  for (const change of diff.items) {
    const entry = entries.get(change.id)
    const item = entry ? doc.nodeAt(entry.pos) : null
    if (!entry || !item || change.kind === 'removed' || change.kind === 'renumbered') continue
    const title = item.firstChild
    const titleEnd = entry.pos + 2 + (title?.content.size ?? 0)
    switch (change.kind) {
      case 'added':
        decorations.push(Decoration.node(entry.pos, entry.pos + item.nodeSize, { class: 'diff-item--added' }))
        decorations.push(badge(titleEnd, words.itemAdded, 'added'))
        break
      case 'moved':
        decorations.push(Decoration.node(entry.pos, entry.pos + item.nodeSize, { class: 'diff-item--moved' }))
        decorations.push(badge(titleEnd, words.movedFrom(change.fromNumber), 'moved'))
        break
      case 'retitled': {
        if (!title) break
        const found = opDecorations(
          textMap([{ node: title, pos: entry.pos + 1 }], titleEnd),
          change.ops,
          words,
        )
        if (found) decorations.push(...found)
        else unmatched++
        break
      }
      default:
        body(itemBodyBlocks(item, entry.pos), titleEnd, change)
    }
  }
  return { decorations: DecorationSet.create(doc, decorations), unmatched }
}
