/**
 * How large a notice may grow: its encoded Yjs state in bytes and its number of agenda items.
 * One definition for every path that creates or grows a notice (HTTP create, patch, restore and
 * import; websocket updates), so a notice refused on one path is refused on all of them.
 */
import type { JSONContent } from '@tiptap/core'
import * as Y from 'yjs'
import { NODE_NAMES } from './node-names'

/** The caps of one notice. */
export type NoticeLimits = {
  /** The largest encoded Yjs state (`Y.encodeStateAsUpdate`) of a notice, in bytes. */
  maxBytes: number
  /** The most agenda items (at any depth) a notice may hold. */
  maxItems: number
}

/**
 * The defaults: 8 MiB and 2,000 items, about fifty times the largest real notice, and small
 * enough that rendering, comparing or exporting one stays within a worker's memory.
 */
export const DEFAULT_NOTICE_LIMITS: NoticeLimits = { maxBytes: 8 * 1024 * 1024, maxItems: 2000 }

/** The two things measured: which limit a refusal names. */
export const NOTICE_LIMIT_KINDS = ['bytes', 'items'] as const

/** One of {@link NOTICE_LIMIT_KINDS}. */
export type NoticeLimitKind = (typeof NOTICE_LIMIT_KINDS)[number]

/** A notice would exceed one of its {@link NoticeLimits}; the message names the limit and the value. */
export class NoticeLimitError extends Error {
  constructor(
    readonly limit: NoticeLimitKind,
    readonly max: number,
    readonly actual: number,
  ) {
    super(
      limit === 'bytes'
        ? `The notice would take ${actual} bytes, over the limit of ${max} bytes (MAX_NOTICE_BYTES)`
        : `The notice would hold ${actual} agenda items, over the limit of ${max} (MAX_NOTICE_ITEMS)`,
    )
    this.name = 'NoticeLimitError'
  }
}

/** Counts the agenda items of Tiptap JSON content, at any depth, without recursion. */
export function countAgendaItemsInJson(content: JSONContent): number {
  let count = 0
  const pending: JSONContent[] = [content]
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node.type === NODE_NAMES.agendaItem) count += 1
    if (node.content) pending.push(...node.content)
  }
  return count
}

/** Counts the agenda items of a Yjs fragment (the `content` of a notice), without recursion. */
export function countAgendaItemsInFragment(fragment: Y.XmlFragment): number {
  let count = 0
  const pending: (Y.XmlFragment | Y.XmlElement)[] = [fragment]
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue
      if (child.nodeName === NODE_NAMES.agendaItem) count += 1
      pending.push(child)
    }
  }
  return count
}

/**
 * Throws {@link NoticeLimitError} when a notice of `bytes` encoded bytes holding `items` agenda
 * items is over `limits`.
 */
export function checkNoticeLimits(size: { bytes: number; items: number }, limits: NoticeLimits): void {
  if (size.items > limits.maxItems) throw new NoticeLimitError('items', limits.maxItems, size.items)
  if (size.bytes > limits.maxBytes) throw new NoticeLimitError('bytes', limits.maxBytes, size.bytes)
}
