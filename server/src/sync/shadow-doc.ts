/**
 * A shadow copy of a room's document, on which a peer's update is tried before the room's document
 * gets it: Yjs cannot roll a change back, and only once it has integrated an update does one know
 * what the update does. The guards of notice and comments rooms use it (notice-guard.ts has the
 * design note and the measurements). Every other change of the room's document is mirrored into
 * the shadow as it happens; a tried update that is refused has dirtied the shadow, which is then
 * rebuilt from the room's document (the one cost that follows the document's size).
 */
import * as Y from 'yjs'
import { CLOSE_CODES, ProtocolError } from './protocol'

/** The shadow of one room's document; {@link ShadowDoc.destroy} it with the room. */
export class ShadowDoc {
  private readonly doc: Y.Doc
  private readonly copy: (doc: Y.Doc) => Y.Doc
  private readonly onMirrored: ((transaction: Y.Transaction) => void) | null
  private shadow: Y.Doc
  /** While a tried update is applied to the room's document, its own transaction is already here. */
  private applying: { origin: unknown } | null = null

  /**
   * Shadows `doc`, made with `copy` (a fresh doc holding what `doc` holds, pending structs included);
   * `onMirrored` is told of every transaction that mirroring makes in the shadow.
   */
  constructor(doc: Y.Doc, copy: (doc: Y.Doc) => Y.Doc, onMirrored?: (transaction: Y.Transaction) => void) {
    this.doc = doc
    this.copy = copy
    this.onMirrored = onMirrored ?? null
    this.shadow = copy(doc)
    doc.on('update', this.mirror)
  }

  /** The shadow document now (a rebuild replaces it). */
  get current(): Y.Doc {
    return this.shadow
  }

  /**
   * Applies `update` to the shadow, telling `inspect` of each transaction it makes (Yjs may follow
   * the update's own with one of its own, formatting cleanup). An update that does not apply
   * rebuilds the shadow and throws a `ProtocolError` with `MALFORMED_MESSAGE`.
   */
  trial(update: Uint8Array, inspect: (transaction: Y.Transaction) => void): void {
    const shadow = this.shadow
    shadow.on('afterTransaction', inspect)
    try {
      Y.applyUpdate(shadow, update)
    } catch (cause) {
      this.rebuild()
      throw new ProtocolError(CLOSE_CODES.MALFORMED_MESSAGE, 'Malformed update: it could not be applied', {
        cause,
      })
    } finally {
      shadow.off('afterTransaction', inspect)
    }
  }

  /**
   * Runs `apply`, which applies the tried update to the room's document with transaction origin
   * `origin`, without mirroring it again; if it throws, the shadow is rebuilt so the two never differ.
   */
  commit(origin: unknown, apply: () => void): void {
    this.applying = { origin }
    try {
      apply()
    } catch (error) {
      this.rebuild()
      throw error
    } finally {
      this.applying = null
    }
  }

  /** Replaces the shadow by a fresh copy of the room's document (after a refused trial). */
  rebuild(): void {
    this.shadow.destroy()
    this.shadow = this.copy(this.doc)
  }

  /** Stops mirroring the room's document and frees the shadow. */
  destroy(): void {
    this.doc.off('update', this.mirror)
    this.shadow.destroy()
  }

  private readonly mirror = (update: Uint8Array, origin: unknown): void => {
    if (this.applying && origin === this.applying.origin) return
    const onMirrored = this.onMirrored
    if (!onMirrored) {
      Y.applyUpdate(this.shadow, update)
      return
    }
    const shadow = this.shadow
    shadow.on('afterTransaction', onMirrored)
    try {
      Y.applyUpdate(shadow, update)
    } finally {
      shadow.off('afterTransaction', onMirrored)
    }
  }
}
