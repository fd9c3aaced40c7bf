/**
 * Editor-shaped changes to a notice's `content` fragment, made directly on a Y.Doc (no Tiptap):
 * the elements and attributes of packages/schema's nodes (agendaItem > agendaTitle + blocks and
 * sub-items, paragraph, speaker, symbol) as the y-prosemirror binding lays them out. Every change
 * keeps the document valid for the schema whatever other peers do concurrently: an agenda item's
 * title stays its first child, and a move is a delete plus an insert of a copy, as Yjs has no move.
 */

import { CONTENT_FIELD } from '@convene/schema'
import * as prng from 'lib0/prng'
import * as Y from 'yjs'
import { contentOf, paragraph } from './notice-content'

const SYMBOLS = [
  'WT/MIN(24)/9',
  'INF/MSME/4/Rev.2',
  'INF/MSME/W/46/Rev.1-INF/TGE/W/7/Rev.1',
  'G/SPS/N/FRA/12',
]

/** An agenda item with id `id`, titled `title`, with a body paragraph when `body` is given. */
export function agendaItem(id: string, title: string, body?: string): Y.XmlElement {
  const item = new Y.XmlElement('agendaItem')
  item.setAttribute('id', id)
  const heading = new Y.XmlElement('agendaTitle')
  heading.insert(0, [new Y.XmlText(title)])
  item.insert(0, body === undefined ? [heading] : [heading, paragraph(body)])
  return item
}

/** A speaker atom, attributes as the schema's `speaker` node has them. */
function speaker(label: string): Y.XmlElement {
  const element = new Y.XmlElement('speaker')
  element.setAttribute('honorific', 'S.E. M.')
  element.setAttribute('name', `Orateur ${label}`)
  element.setAttribute('role', 'Ambassadeur')
  element.setAttribute('preposition', 'de')
  element.setAttribute('organisation', 'la Mission permanente')
  return element
}

/** A document-symbol atom. */
function symbol(random: prng.PRNG): Y.XmlElement {
  const element = new Y.XmlElement('symbol')
  element.setAttribute('symbol', prng.oneOf(random, SYMBOLS))
  return element
}

type Container = Y.XmlFragment | Y.XmlElement

const elements = (node: Container): Y.XmlElement[] =>
  node.toArray().filter((child): child is Y.XmlElement => child instanceof Y.XmlElement)

/** Every element of `root` whose name is `name`, depth first. */
function all(root: Container, name: string): Y.XmlElement[] {
  const found: Y.XmlElement[] = []
  const visit = (node: Container): void => {
    for (const child of elements(node)) {
      if (child.nodeName === name) found.push(child)
      visit(child)
    }
  }
  visit(root)
  return found
}

/** Every text node of `root`, depth first. */
function texts(root: Container): Y.XmlText[] {
  const found: Y.XmlText[] = []
  const visit = (node: Container): void => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) found.push(child)
      else if (child instanceof Y.XmlElement) visit(child)
    }
  }
  visit(root)
  return found
}

const parentOf = (node: Y.XmlElement): Container | null => node.parent as Container | null
const indexIn = (parent: Container, node: Y.XmlElement): number => parent.toArray().indexOf(node)
const contains = (outer: Y.XmlElement, node: Container): boolean => {
  for (
    let current: Container | null = node;
    current;
    current = current instanceof Y.XmlElement ? parentOf(current) : null
  ) {
    if (current === outer) return true
  }
  return false
}

/** A random place to insert a block or an item in `container`: never before an item's title. */
const slot = (random: prng.PRNG, container: Container): number =>
  container instanceof Y.XmlElement && container.nodeName === 'agendaItem'
    ? prng.uint32(random, 1, container.length)
    : prng.uint32(random, 0, container.length)

/** Moves `item` to `index` of `target`, as a delete and an insert of its copy. */
function move(item: Y.XmlElement, target: Container, index: number): void {
  const parent = parentOf(item)
  if (!parent) return
  const from = indexIn(parent, item)
  const copy = item.clone()
  parent.delete(from, 1)
  target.insert(parent === target && index > from ? index - 1 : index, [copy])
}

/**
 * One change that carries `marker` (a unique word) and only ever adds: a new agenda item, a
 * paragraph in the preamble or in an item's body, or the marker typed at either end of existing
 * text (never inside a word, so that no marker is ever split). For tests that count markers.
 */
export function insertMarkedEdit(doc: Y.Doc, random: prng.PRNG, marker: string): void {
  const fragment = doc.getXmlFragment(CONTENT_FIELD)
  const choice = prng.real53(random)
  doc.transact(() => {
    const items = all(fragment, 'agendaItem')
    if (choice < 0.25 || items.length === 0) {
      fragment.insert(prng.uint32(random, 0, fragment.length), [
        agendaItem(`item-${marker}`, `Point ${marker}`, `Débat ${marker}`),
      ])
    } else if (choice < 0.45) {
      fragment.insert(prng.uint32(random, 0, fragment.length), [paragraph(`Préambule ${marker}`)])
    } else if (choice < 0.65) {
      const item = prng.oneOf(random, items)
      item.insert(slot(random, item), [paragraph(`Intervention ${marker}`)])
    } else {
      const candidates = texts(fragment)
      if (candidates.length === 0) fragment.insert(0, [paragraph(marker)])
      else {
        const text = prng.oneOf(random, candidates)
        text.insert(prng.real53(random) < 0.5 ? 0 : text.length, ` ${marker} `)
      }
    }
  })
}

/** The markers (`m<client>x<n>`) present in `doc`'s content. */
export function markersIn(doc: Y.Doc): Set<string> {
  return new Set(contentOf(doc).match(/m\d+x\d+/g) ?? [])
}

/** The kinds of {@link agendaOperation}. */
export const AGENDA_OPERATIONS = [
  'add-item',
  'add-sub-item',
  'move-item',
  'indent-item',
  'outdent-item',
  'delete-item',
  'insert-speaker',
  'insert-symbol',
  'type-text',
  'delete-text',
  'add-paragraph',
  'delete-block',
  'edit-speaker',
] as const

/** One kind of {@link agendaOperation}. */
export type AgendaOperation = (typeof AGENDA_OPERATIONS)[number]

/**
 * One random structural edit of the agenda, labelled `label` (unique ids and words); returns what
 * it did, or null when the document offered nothing to do it on.
 */
export function agendaOperation(doc: Y.Doc, random: prng.PRNG, label: string): AgendaOperation | null {
  const fragment = doc.getXmlFragment(CONTENT_FIELD)
  const kind = prng.oneOf(random, [...AGENDA_OPERATIONS])
  let done = false
  doc.transact(() => {
    const items = all(fragment, 'agendaItem')
    const inlineHosts = [...all(fragment, 'paragraph'), ...all(fragment, 'agendaTitle')]
    switch (kind) {
      case 'add-item': {
        fragment.insert(prng.uint32(random, 0, fragment.length), [
          agendaItem(`item-${label}`, `Point ${label}`, `Texte ${label}.`),
        ])
        done = true
        break
      }
      case 'add-sub-item': {
        if (items.length === 0) break
        const parent = prng.oneOf(random, items)
        parent.insert(slot(random, parent), [agendaItem(`item-${label}`, `Sous-point ${label}`)])
        done = true
        break
      }
      case 'move-item': {
        if (items.length === 0) break
        const item = prng.oneOf(random, items)
        const targets: Container[] = [fragment, ...items.filter((candidate) => !contains(item, candidate))]
        const target = prng.oneOf(random, targets)
        move(item, target, slot(random, target))
        done = true
        break
      }
      case 'indent-item': {
        const candidates = items.filter((item) => {
          const parent = parentOf(item)
          const index = parent ? indexIn(parent, item) : -1
          return (
            index > 0 &&
            parent?.get(index - 1) instanceof Y.XmlElement &&
            (parent.get(index - 1) as Y.XmlElement).nodeName === 'agendaItem'
          )
        })
        if (candidates.length === 0) break
        const item = prng.oneOf(random, candidates)
        const parent = parentOf(item) as Container
        const previous = parent.get(indexIn(parent, item) - 1) as Y.XmlElement
        move(item, previous, previous.length)
        done = true
        break
      }
      case 'outdent-item': {
        const candidates = items.filter((item) => {
          const parent = parentOf(item)
          return (
            parent instanceof Y.XmlElement && parent.nodeName === 'agendaItem' && parentOf(parent) !== null
          )
        })
        if (candidates.length === 0) break
        const item = prng.oneOf(random, candidates)
        const parent = parentOf(item) as Y.XmlElement
        const grandparent = parentOf(parent) as Container
        move(item, grandparent, indexIn(grandparent, parent) + 1)
        done = true
        break
      }
      case 'delete-item': {
        if (items.length <= 1) break
        const item = prng.oneOf(random, items)
        const parent = parentOf(item) as Container
        parent.delete(indexIn(parent, item), 1)
        done = true
        break
      }
      case 'insert-speaker':
      case 'insert-symbol': {
        if (inlineHosts.length === 0) break
        const host = prng.oneOf(random, inlineHosts)
        host.insert(prng.uint32(random, 0, host.length), [
          kind === 'insert-speaker' ? speaker(label) : symbol(random),
        ])
        done = true
        break
      }
      case 'type-text': {
        const all = texts(fragment)
        if (all.length === 0) break
        const text = prng.oneOf(random, all)
        text.insert(prng.uint32(random, 0, text.length), `${label} `)
        done = true
        break
      }
      case 'delete-text': {
        const all = texts(fragment).filter((text) => text.length > 0)
        if (all.length === 0) break
        const text = prng.oneOf(random, all)
        const from = prng.uint32(random, 0, text.length - 1)
        text.delete(from, prng.uint32(random, 1, Math.min(8, text.length - from)))
        done = true
        break
      }
      case 'add-paragraph': {
        const containers: Container[] = [fragment, ...items]
        const container = prng.oneOf(random, containers)
        container.insert(slot(random, container), [paragraph(`Paragraphe ${label}.`)])
        done = true
        break
      }
      case 'delete-block': {
        // A paragraph, or an inline atom: never an item's title.
        const blocks = [
          ...all(fragment, 'paragraph'),
          ...all(fragment, 'speaker'),
          ...all(fragment, 'symbol'),
        ]
        if (blocks.length === 0) break
        const block = prng.oneOf(random, blocks)
        const parent = parentOf(block) as Container
        parent.delete(indexIn(parent, block), 1)
        done = true
        break
      }
      case 'edit-speaker': {
        const speakers = all(fragment, 'speaker')
        if (speakers.length === 0) break
        prng.oneOf(random, speakers).setAttribute('role', `Président ${label}`)
        done = true
        break
      }
    }
  })
  return done ? kind : null
}
