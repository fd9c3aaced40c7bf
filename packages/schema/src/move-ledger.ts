/**
 * The move records of one notice Y.Doc, decoded once and looked up by the moved-away element, and
 * the garbage-collection rule that keeps a moved-away element's subtree: edits others make in it
 * without knowing of the move must still be readable (and re-applied) when they arrive.
 */
import * as Y from 'yjs'
import { decodeMoveRecord, idKey, MOVES_MAP, type MoveRecord, type YType } from './agenda-move-record'

/** The decoded move records of a doc, kept up to date on demand (records are only ever added). */
export class MoveLedger {
  private readonly byFrom = new Map<string, MoveRecord[]>()
  private readonly byKey = new Map<string, MoveRecord>()

  constructor(readonly doc: Y.Doc) {}

  /** Decodes records added to the map since the last call. */
  sync(): void {
    const map = this.doc.getMap<unknown>(MOVES_MAP)
    if (map.size === this.byKey.size) return
    map.forEach((value, key) => {
      if (this.byKey.has(key)) return
      const record = decodeMoveRecord(key, value)
      this.byKey.set(key, record)
      const fromKey = idKey(record.from)
      const list = this.byFrom.get(fromKey)
      if (list) list.push(record)
      else this.byFrom.set(fromKey, [record])
    })
  }

  /** The record stored under `key`, if any. */
  get(key: string): MoveRecord | undefined {
    this.sync()
    return this.byKey.get(key)
  }

  /** The records that moved the element whose item has id `id` away. */
  movesOf(id: Y.ID): MoveRecord[] {
    return this.byFrom.get(idKey(id)) ?? []
  }

  /** The records of every moved-away element enclosing `item` (innermost first). */
  enclosingMoves(item: Y.Item): MoveRecord[] {
    this.sync()
    if (this.byFrom.size === 0) return []
    const found: MoveRecord[] = []
    let parent = item.parent as YType | null
    while (parent?._item) {
      const moves = this.byFrom.get(idKey(parent._item.id))
      if (moves) found.push(...moves)
      parent = parent._item.parent as YType | null
    }
    return found
  }

  /** Whether `item` is a moved-away element or lies inside one. */
  isMovedAway(item: Y.Item): boolean {
    this.sync()
    return this.byFrom.has(idKey(item.id)) || this.enclosingMoves(item).length > 0
  }
}

const ledgers = new WeakMap<Y.Doc, MoveLedger>()

/** The ledger of `doc` (one per doc). */
export function moveLedger(doc: Y.Doc): MoveLedger {
  let ledger = ledgers.get(doc)
  if (!ledger) {
    ledger = new MoveLedger(doc)
    ledgers.set(doc, ledger)
  }
  return ledger
}

/**
 * A notice Y.Doc: garbage collection on, except for moved-away agenda items, whose subtree is kept
 * (its deleted text stays in the document, as Yjs keeps it with `gc: false`) so that late edits
 * made in it can be re-applied to the copy. Every peer and the server create notice docs with this.
 */
export function newNoticeYDoc(options: { guid?: string } = {}): Y.Doc {
  const doc: Y.Doc = new Y.Doc({ ...options, gcFilter: (item) => !moveLedger(doc).isMovedAway(item) })
  return doc
}
