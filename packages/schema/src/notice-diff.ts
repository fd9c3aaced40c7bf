/**
 * The comparison of two versions of a notice (two revisions, or a revision and the live notice) as a
 * structured, JSON-serialisable diff that understands the agenda: items matched by their stable id are
 * reported added, removed, moved, renumbered or retitled, with word-level changes inside their bodies,
 * speakers and document symbols added, removed or changed, and metadata changes. The server's compare
 * route returns it as is; the client's compare view renders it.
 *
 * Wire format (`NoticeDiff`; every leaf is a string or null; a list is empty when nothing of its kind changed):
 *
 * ```
 * {
 *   meta:     [{ field, from, to }]                        metadata fields that differ ('' = absent)
 *   preamble: BodyChange[]                                 changes in the blocks before the first agenda item
 *   items:    ItemChange[]                                 removed items (old order), then per item in new order
 *   summary:  [{ code, id, number, params }]               one line per change, language-neutral (below)
 * }
 * ItemChange, by kind (an item present in both versions has at most one of moved | renumbered):
 *   added       { id, number, title }                      number and title in the new version
 *   removed     { id, number, title }                      number and title in the old version
 *   moved       { id, fromNumber, toNumber, title }        new parent, or new order among the siblings it kept
 *   renumbered  { id, fromNumber, toNumber }               number changed only because other items came or went
 *   retitled    { id, number, from, to, ops: WordOp[] }
 *   textChanged { id, number, ops: WordOp[] }              the item's own body (not its title, not sub-items)
 *   speakers    { id, number, changes: SpeakerChange[] }
 *   symbols     { id, number, changes: SymbolChange[] }
 * BodyChange (preamble) = textChanged { ops } | speakers { changes } | symbols { changes }, without id and number
 * WordOp        { op: 'equal'|'insert'|'delete', text }     blocks are joined by "\n\n", a hard break is "\n";
 *                                                          equal + insert texts give the new text
 * SpeakerChange added   { name, speaker: SpeakerAttrs }     speakers are matched by name
 *               removed { name, speaker: SpeakerAttrs }
 *               changed { name, fields: [{ field, from, to }] }   field in SPEAKER_FIELDS
 * SymbolChange  added   { symbol } | removed { symbol }      symbols are matched by base (no Rev/Add/Corr/Suppl)
 *               changed { base, from, to }                   e.g. INF/MSME/4: INF/MSME/4/Rev.2 -> INF/MSME/4/Rev.3
 * ```
 *
 * Summary codes (`DIFF_SUMMARY_CODES`; `id`/`number` name the item, null for notice-level lines; numbers are
 * new-version numbers except for removed items; renumbered items have no line, the UI shows them quietly):
 * `meta.changed` {field} · `preamble.changed` {} · `item.added` {title} · `item.removed` {title} ·
 * `item.moved` {from, to} · `item.retitled` {from, to} · `item.textChanged` {} · `speaker.added` {name} ·
 * `speaker.removed` {name} · `speaker.changed` {name, fields: comma-separated field names} ·
 * `symbol.added` {symbol} · `symbol.removed` {symbol} · `symbol.changed` {from, to}.
 * Speaker and symbol lines of the preamble have a null id and number.
 *
 * Reading rules. Items are matched by `id` (a repeated id, as after a paste, or a missing one is matched by
 * occurrence), numbered and titled by `agendaOutline`. In body text an inline atom is one token keyed by its
 * identity (speaker name, symbol base), so a changed role or revision is a speaker or symbol change and not a
 * text change, while an atom inserted or deleted also shows in the ops; `equal` runs carry the new text.
 * Formatting (bold, italic, links) and list structure are not compared, only text. Each word diff is bounded
 * by `MAX_DIFF_WORK`: past it, the changed middle of that body is one delete and one insert.
 */
import type { JSONContent } from '@tiptap/core'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { docFromJSON } from './doc-from-json'
import { NODE_NAMES } from './node-names'
import { NOTICE_META_FIELDS, type NoticeMeta } from './notice-meta'
import { agendaOutline, type OutlineEntry } from './numbering'
import { SPEAKER_FIELDS, type SpeakerAttrs, type SpeakerField, speakerText, toSpeakerAttrs } from './speaker'
import { parseSymbol, SymbolError } from './symbol-grammar'
import { type DiffToken, diffTokens, tokenizeWords, type WordOp } from './word-diff'

// The word diff is part of this module's wire format (and handy for a metadata field): one public door.
export { diffWords, MAX_DIFF_WORK, WORD_OP_KINDS, type WordOp, type WordOpKind } from './word-diff'

/** One side of a comparison: a notice's metadata and its Tiptap JSON content (a revision or the live notice). */
export type NoticeSnapshot = { meta: Partial<NoticeMeta>; content: JSONContent }

/** A metadata field whose value differs; an absent field reads as ''. */
export type MetaChange = { field: string; from: string; to: string }

/** A speaker field whose value differs between two versions of the same speaker. */
export type SpeakerFieldChange = { field: SpeakerField; from: string; to: string }

/** A speaker added to, removed from or changed in one body; speakers are matched by name. */
export type SpeakerChange =
  | { kind: 'added'; name: string; speaker: SpeakerAttrs }
  | { kind: 'removed'; name: string; speaker: SpeakerAttrs }
  | { kind: 'changed'; name: string; fields: SpeakerFieldChange[] }

/**
 * A document symbol added to, removed from or changed in one body. Symbols are matched by their base (the
 * symbol without Rev./Add./Corr./Suppl. suffixes), so a new revision of a cited document is `changed`.
 */
export type SymbolChange =
  | { kind: 'added'; symbol: string }
  | { kind: 'removed'; symbol: string }
  | { kind: 'changed'; base: string; from: string; to: string }

/** A change inside a body (an item's own blocks, or the preamble). */
export type BodyChange =
  | { kind: 'textChanged'; ops: WordOp[] }
  | { kind: 'speakers'; changes: SpeakerChange[] }
  | { kind: 'symbols'; changes: SymbolChange[] }

/** The kinds of agenda item change; one item's changes are listed in this order. */
export const ITEM_CHANGE_KINDS = [
  'removed',
  'added',
  'moved',
  'renumbered',
  'retitled',
  'textChanged',
  'speakers',
  'symbols',
] as const

/** One kind of agenda item change. */
export type ItemChangeKind = (typeof ITEM_CHANGE_KINDS)[number]

/** A change to one agenda item, named by its stable id and its number (see the module header for each kind). */
export type ItemChange =
  | { kind: 'added'; id: string; number: string; title: string }
  | { kind: 'removed'; id: string; number: string; title: string }
  | { kind: 'moved'; id: string; fromNumber: string; toNumber: string; title: string }
  | { kind: 'renumbered'; id: string; fromNumber: string; toNumber: string }
  | { kind: 'retitled'; id: string; number: string; from: string; to: string; ops: WordOp[] }
  | ({ id: string; number: string } & BodyChange)

/** The language-neutral codes of the summary lines; the UI owns the wording in each language. */
export const DIFF_SUMMARY_CODES = {
  metaChanged: 'meta.changed',
  preambleChanged: 'preamble.changed',
  itemAdded: 'item.added',
  itemRemoved: 'item.removed',
  itemMoved: 'item.moved',
  itemRetitled: 'item.retitled',
  itemTextChanged: 'item.textChanged',
  speakerAdded: 'speaker.added',
  speakerRemoved: 'speaker.removed',
  speakerChanged: 'speaker.changed',
  symbolAdded: 'symbol.added',
  symbolRemoved: 'symbol.removed',
  symbolChanged: 'symbol.changed',
} as const

/** One summary code. */
export type DiffSummaryCode = (typeof DIFF_SUMMARY_CODES)[keyof typeof DIFF_SUMMARY_CODES]

/**
 * One line of the summary list ("3.2 moved to 4.1", "speaker added in 4.3"), as a code with string
 * parameters so that each UI language words it; `id` and `number` locate the item (null: notice level).
 */
export type DiffSummaryEntry = {
  code: DiffSummaryCode
  id: string | null
  number: string | null
  params: Record<string, string>
}

/** The structured difference between two versions of a notice; JSON-serialisable (see the module header). */
export type NoticeDiff = {
  meta: MetaChange[]
  preamble: BodyChange[]
  items: ItemChange[]
  summary: DiffSummaryEntry[]
}

/**
 * Compares two versions of a notice. Agenda items are matched by their `id` attribute, never by position, and
 * numbered by {@link agendaOutline}; throws what {@link docFromJSON} throws for content that is not a notice.
 */
export function diffNotices(from: NoticeSnapshot, to: NoticeSnapshot): NoticeDiff {
  // not strict: a live notice may hold a pasted duplicate id or a half-typed symbol for a moment, and both
  // are compared sensibly below; content that is not a notice at all still throws
  const fromDoc = docFromJSON(from.content, { strict: false })
  const toDoc = docFromJSON(to.content, { strict: false })
  const meta = diffMeta(from.meta, to.meta)
  const preamble = diffBodies(preambleBlocks(fromDoc), preambleBlocks(toDoc))
  const items = diffAgendas(outlineItems(fromDoc), outlineItems(toDoc))
  return { meta, preamble, items, summary: summarise(meta, preamble, items) }
}

// ---------------------------------------------------------------------------------------------------------
// Metadata

function diffMeta(from: Partial<NoticeMeta>, to: Partial<NoticeMeta>): MetaChange[] {
  const known: readonly string[] = NOTICE_META_FIELDS
  const extra = [...new Set([...Object.keys(from), ...Object.keys(to)])]
    .filter((key) => !known.includes(key))
    .sort()
  const read = (meta: Partial<NoticeMeta>, field: string): string => {
    const value = (meta as Record<string, unknown>)[field]
    return value === undefined || value === null ? '' : String(value)
  }
  const changes: MetaChange[] = []
  for (const field of [...known, ...extra]) {
    const before = read(from, field)
    const after = read(to, field)
    if (before !== after) changes.push({ field, from: before, to: after })
  }
  return changes
}

// ---------------------------------------------------------------------------------------------------------
// Agenda items

/** An agenda item of one version: its outline entry, its node, and the keys that match it across versions. */
type Item = {
  entry: OutlineEntry
  node: ProseMirrorNode
  /** The id, made unique: a repeated (pasted) or missing id gets its occurrence number appended. */
  key: string
  parentKey: string | null
  /** Document order. */
  index: number
}

function outlineItems(doc: ProseMirrorNode): Item[] {
  const seen = new Map<string, number>()
  const keyByPath = new Map<string, string>()
  return agendaOutline(doc).map((entry, index) => {
    const count = seen.get(entry.id) ?? 0
    seen.set(entry.id, count + 1)
    // '\u0000' cannot appear in an id typed or generated anywhere, so these keys never collide with real ids
    const key = count === 0 && entry.id !== '' ? entry.id : `${entry.id}\u0000${count}`
    keyByPath.set(entry.path.join('.'), key)
    const node = doc.nodeAt(entry.pos)
    if (node === null || node.type.name !== NODE_NAMES.agendaItem) {
      throw new Error(
        `agendaOutline gave position ${entry.pos} for item ${entry.number}, where there is no agenda item`,
      )
    }
    const parentKey =
      entry.path.length > 1 ? (keyByPath.get(entry.path.slice(0, -1).join('.')) ?? null) : null
    return { entry, node, key, parentKey, index }
  })
}

function diffAgendas(fromItems: readonly Item[], toItems: readonly Item[]): ItemChange[] {
  const fromByKey = new Map(fromItems.map((item) => [item.key, item]))
  const toKeys = new Set(toItems.map((item) => item.key))
  const moved = movedKeys(toItems, fromByKey)
  const changes: ItemChange[] = []

  for (const item of fromItems) {
    if (!toKeys.has(item.key)) {
      changes.push({ kind: 'removed', id: item.entry.id, number: item.entry.number, title: item.entry.title })
    }
  }
  for (const item of toItems) {
    const { id, number, title } = item.entry
    const old = fromByKey.get(item.key)
    if (old === undefined) {
      changes.push({ kind: 'added', id, number, title })
      continue
    }
    const fromNumber = old.entry.number
    if (moved.has(item.key)) changes.push({ kind: 'moved', id, fromNumber, toNumber: number, title })
    else if (fromNumber !== number) changes.push({ kind: 'renumbered', id, fromNumber, toNumber: number })
    if (old.entry.title !== title) {
      const ops = diffTokens(wordTokens(old.entry.title), wordTokens(title))
      changes.push({ kind: 'retitled', id, number, from: old.entry.title, to: title, ops })
    }
    for (const change of diffBodies(itemBody(old.node), itemBody(item.node)))
      changes.push({ id, number, ...change })
  }
  return changes
}

/**
 * The items present in both versions that moved: those under a new parent, and, among the siblings that kept
 * their parent, the fewest whose order changed (the rest form a longest common subsequence of the two orders).
 * An item pushed down by a new sibling keeps its order among the surviving siblings, so it is only renumbered.
 */
function movedKeys(toItems: readonly Item[], fromByKey: ReadonlyMap<string, Item>): Set<string> {
  const moved = new Set<string>()
  const stayedByParent = new Map<string | null, Item[]>()
  for (const item of toItems) {
    const old = fromByKey.get(item.key)
    if (old === undefined) continue
    if (old.parentKey !== item.parentKey) {
      moved.add(item.key)
      continue
    }
    const siblings = stayedByParent.get(item.parentKey) ?? []
    siblings.push(item)
    stayedByParent.set(item.parentKey, siblings)
  }
  for (const siblings of stayedByParent.values()) {
    // new order of the siblings, as old positions; the longest increasing run of old positions stays put
    const oldIndexes = siblings.map((item) => fromByKey.get(item.key)?.index ?? 0)
    const kept = longestIncreasing(oldIndexes)
    siblings.forEach((item, position) => {
      if (!kept.has(position)) moved.add(item.key)
    })
  }
  return moved
}

/** Positions of one longest strictly increasing subsequence of `values` (patience sorting, O(n log n)). */
function longestIncreasing(values: readonly number[]): Set<number> {
  const tails: number[] = [] // tails[length - 1] = position of the smallest tail of an increasing run of that length
  const previous: number[] = []
  values.forEach((value, position) => {
    let low = 0
    let high = tails.length
    while (low < high) {
      const middle = (low + high) >> 1
      if ((values[tails[middle] ?? 0] ?? 0) < value) low = middle + 1
      else high = middle
    }
    previous[position] = low > 0 ? (tails[low - 1] ?? -1) : -1
    tails[low] = position
  })
  const kept = new Set<number>()
  for (let position = tails[tails.length - 1] ?? -1; position >= 0; position = previous[position] ?? -1) {
    kept.add(position)
  }
  return kept
}

// ---------------------------------------------------------------------------------------------------------
// Bodies: text, speakers, symbols

/** The blocks of an item that belong to it alone: not its title, not its sub-items. */
function itemBody(item: ProseMirrorNode): ProseMirrorNode[] {
  const blocks: ProseMirrorNode[] = []
  item.forEach((child) => {
    if (child.type.name !== NODE_NAMES.agendaTitle && child.type.name !== NODE_NAMES.agendaItem)
      blocks.push(child)
  })
  return blocks
}

/** The blocks of the document before the agenda. */
function preambleBlocks(doc: ProseMirrorNode): ProseMirrorNode[] {
  const blocks: ProseMirrorNode[] = []
  doc.forEach((child) => {
    if (child.type.name !== NODE_NAMES.agendaItem) blocks.push(child)
  })
  return blocks
}

/** What a body holds for comparison: its tokens, and its speakers and symbols in document order. */
type BodyContent = {
  tokens: DiffToken[]
  /** Every occurrence of each speaker, by name key, in order. */
  speakers: Map<string, SpeakerAttrs[]>
  /** Distinct symbols, by base, in order of first occurrence. */
  symbols: Map<string, string[]>
}

const BLOCK_BREAK: DiffToken = { key: '\n\n', text: '\n\n' }
const LINE_BREAK: DiffToken = { key: '\n', text: '\n' }
// Atom keys start with '\u0000', which no word token can, so an atom never matches a word.
const SPEAKER_KEY = '\u0000speaker:'
const SYMBOL_KEY = '\u0000symbol:'

function readBody(blocks: readonly ProseMirrorNode[]): BodyContent {
  const body: BodyContent = { tokens: [], speakers: new Map(), symbols: new Map() }
  const textblocks: ProseMirrorNode[] = []
  const collect = (node: ProseMirrorNode): void => {
    if (node.isTextblock) textblocks.push(node)
    else node.forEach(collect)
  }
  for (const block of blocks) collect(block)
  textblocks.forEach((textblock, index) => {
    if (index > 0) body.tokens.push(BLOCK_BREAK)
    textblock.forEach((inline) => {
      for (const token of inlineTokens(inline, body)) body.tokens.push(token)
    })
  })
  return body
}

function inlineTokens(node: ProseMirrorNode, body: BodyContent): DiffToken[] {
  if (node.isText) return wordTokens(node.text ?? '')
  switch (node.type.name) {
    case NODE_NAMES.hardBreak:
      return [LINE_BREAK]
    case NODE_NAMES.speaker: {
      const attrs = toSpeakerAttrs(node.attrs)
      const key = speakerKey(attrs.name)
      body.speakers.set(key, [...(body.speakers.get(key) ?? []), attrs])
      // keyed by identity: a changed role is a speaker change, not a text change
      return [{ key: SPEAKER_KEY + key, text: speakerText(attrs) }]
    }
    case NODE_NAMES.symbol: {
      const symbol = String(node.attrs.symbol ?? '')
      const base = symbolBase(symbol)
      const seen = body.symbols.get(base) ?? []
      if (!seen.includes(symbol)) seen.push(symbol)
      body.symbols.set(base, seen)
      return [{ key: SYMBOL_KEY + base, text: symbol }]
    }
    default:
      // no other inline node is in the notice schema; compare an unknown one by its type and attributes
      return [{ key: `\u0000${node.type.name}:${JSON.stringify(node.attrs)}`, text: node.textContent }]
  }
}

function wordTokens(text: string): DiffToken[] {
  return tokenizeWords(text).map((word) => ({ key: word, text: word }))
}

/** Speakers are the same person when their names match, ignoring case, spacing and Unicode normal form. */
function speakerKey(name: string): string {
  return name.normalize('NFC').replace(/\s+/gu, ' ').trim().toLowerCase()
}

/**
 * A symbol without its Rev./Add./Corr./Suppl. suffixes (`INF/MSME/4/Rev.2` -> `INF/MSME/4`; joint parts kept,
 * joined by '-'). A malformed symbol, which the editor marks invalid, is its own base.
 */
function symbolBase(symbol: string): string {
  try {
    return parseSymbol(symbol)
      .parts.map((part) => part.segments.join('/'))
      .join('-')
  } catch (error) {
    if (error instanceof SymbolError) return symbol
    throw error
  }
}

function diffBodies(
  fromBlocks: readonly ProseMirrorNode[],
  toBlocks: readonly ProseMirrorNode[],
): BodyChange[] {
  const before = readBody(fromBlocks)
  const after = readBody(toBlocks)
  const changes: BodyChange[] = []
  const ops = diffTokens(before.tokens, after.tokens)
  if (ops.some((run) => run.op !== 'equal')) changes.push({ kind: 'textChanged', ops })
  const speakers = diffSpeakers(before.speakers, after.speakers)
  if (speakers.length > 0) changes.push({ kind: 'speakers', changes: speakers })
  const symbols = diffSymbols(before.symbols, after.symbols)
  if (symbols.length > 0) changes.push({ kind: 'symbols', changes: symbols })
  return changes
}

/**
 * Speakers whose name appears or disappears are `added` or `removed` (with their first mention's fields);
 * for a name in both versions, its mentions are compared in order and every distinct field change is listed.
 * Mentioning a speaker once more or once less is a text change, not a speaker change.
 */
function diffSpeakers(
  from: ReadonlyMap<string, readonly SpeakerAttrs[]>,
  to: ReadonlyMap<string, readonly SpeakerAttrs[]>,
): SpeakerChange[] {
  const changes: SpeakerChange[] = []
  for (const [key, [speaker]] of from) {
    if (speaker !== undefined && !to.has(key)) changes.push({ kind: 'removed', name: speaker.name, speaker })
  }
  for (const [key, mentions] of to) {
    const [speaker] = mentions
    if (speaker === undefined) continue
    const old = from.get(key)
    if (old === undefined) {
      changes.push({ kind: 'added', name: speaker.name, speaker })
      continue
    }
    const fields: SpeakerFieldChange[] = []
    mentions.forEach((mention, index) => {
      const before = old[index]
      if (before === undefined) return
      for (const field of SPEAKER_FIELDS) {
        const change = { field, from: before[field], to: mention[field] }
        const known = fields.some((f) => f.field === field && f.from === change.from && f.to === change.to)
        if (change.from !== change.to && !known) fields.push(change)
      }
    })
    if (fields.length > 0) changes.push({ kind: 'changed', name: speaker.name, fields })
  }
  return changes
}

/**
 * Per base, symbols in both versions are unchanged; the others pair up in order of appearance as `changed`
 * (Rev.2 -> Rev.3), and what is left over is `removed` or `added`.
 */
function diffSymbols(
  from: ReadonlyMap<string, readonly string[]>,
  to: ReadonlyMap<string, readonly string[]>,
): SymbolChange[] {
  const changes: SymbolChange[] = []
  for (const [base, symbols] of from) {
    if (!to.has(base)) for (const symbol of symbols) changes.push({ kind: 'removed', symbol })
  }
  for (const [base, symbols] of to) {
    const old = from.get(base) ?? []
    const gone = old.filter((symbol) => !symbols.includes(symbol))
    const fresh = symbols.filter((symbol) => !old.includes(symbol))
    fresh.forEach((symbol, index) => {
      const previous = gone[index]
      if (previous === undefined) changes.push({ kind: 'added', symbol })
      else changes.push({ kind: 'changed', base, from: previous, to: symbol })
    })
    for (const symbol of gone.slice(fresh.length)) changes.push({ kind: 'removed', symbol })
  }
  return changes
}

// ---------------------------------------------------------------------------------------------------------
// Summary

function summarise(
  meta: readonly MetaChange[],
  preamble: readonly BodyChange[],
  items: readonly ItemChange[],
): DiffSummaryEntry[] {
  const lines: DiffSummaryEntry[] = []
  const line = (
    code: DiffSummaryCode,
    at: { id: string; number: string } | null,
    params: Record<string, string> = {},
  ): void => {
    lines.push({ code, id: at?.id ?? null, number: at?.number ?? null, params })
  }
  for (const change of meta) line(DIFF_SUMMARY_CODES.metaChanged, null, { field: change.field })
  const body = (change: BodyChange, at: { id: string; number: string } | null): void => {
    if (change.kind === 'textChanged') {
      line(at === null ? DIFF_SUMMARY_CODES.preambleChanged : DIFF_SUMMARY_CODES.itemTextChanged, at)
    } else if (change.kind === 'speakers') {
      for (const speaker of change.changes) {
        if (speaker.kind === 'changed') {
          const fields = speaker.fields.map((field) => field.field).join(',')
          line(DIFF_SUMMARY_CODES.speakerChanged, at, { name: speaker.name, fields })
        } else {
          const code =
            speaker.kind === 'added' ? DIFF_SUMMARY_CODES.speakerAdded : DIFF_SUMMARY_CODES.speakerRemoved
          line(code, at, { name: speaker.name })
        }
      }
    } else {
      for (const symbol of change.changes) {
        if (symbol.kind === 'changed')
          line(DIFF_SUMMARY_CODES.symbolChanged, at, { from: symbol.from, to: symbol.to })
        else if (symbol.kind === 'added') line(DIFF_SUMMARY_CODES.symbolAdded, at, { symbol: symbol.symbol })
        else line(DIFF_SUMMARY_CODES.symbolRemoved, at, { symbol: symbol.symbol })
      }
    }
  }
  for (const change of preamble) body(change, null)
  for (const change of items) {
    switch (change.kind) {
      case 'added':
        line(DIFF_SUMMARY_CODES.itemAdded, change, { title: change.title })
        break
      case 'removed':
        line(DIFF_SUMMARY_CODES.itemRemoved, change, { title: change.title })
        break
      case 'moved':
        line(
          DIFF_SUMMARY_CODES.itemMoved,
          { id: change.id, number: change.toNumber },
          {
            from: change.fromNumber,
            to: change.toNumber,
          },
        )
        break
      case 'renumbered':
        break
      case 'retitled':
        line(DIFF_SUMMARY_CODES.itemRetitled, change, { from: change.from, to: change.to })
        break
      default:
        body(change, { id: change.id, number: change.number })
    }
  }
  return lines
}
