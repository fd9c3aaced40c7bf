/**
 * A test double for an editing peer: a Y.Doc with its own client id, edited the way the Tiptap
 * collaboration binding edits it (a new ProseMirror document diffed into the Y.XmlFragment with
 * y-tiptap's `updateYFragment`), and synced with other peers by exchanging Yjs updates.
 */
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { initProseMirrorDoc, updateYFragment } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { noticeSchema } from '../notice-extensions'
import { CONTENT_FIELD } from '../ydoc'

/** One peer editing a notice. */
export class Peer {
  readonly ydoc: Y.Doc

  constructor(clientID: number) {
    this.ydoc = new Y.Doc()
    this.ydoc.clientID = clientID
  }

  /** The Y.XmlFragment holding the document. */
  get fragment(): Y.XmlFragment {
    return this.ydoc.getXmlFragment(CONTENT_FIELD)
  }

  /** The current document, as the binding would show it. */
  get doc(): ProseMirrorNode {
    return initProseMirrorDoc(this.fragment, noticeSchema).doc
  }

  /** Applies an edit (old document -> new document) as the editor binding would. */
  edit(change: (doc: ProseMirrorNode) => ProseMirrorNode): void {
    const { doc, meta } = initProseMirrorDoc(this.fragment, noticeSchema)
    const next = change(doc)
    this.ydoc.transact(() => updateYFragment(this.ydoc, this.fragment, next, meta))
  }

  /** Sends to `other` every update it has not seen yet. */
  sendTo(other: Peer): void {
    Y.applyUpdate(other.ydoc, Y.encodeStateAsUpdate(this.ydoc, Y.encodeStateVector(other.ydoc)))
  }
}

/** Syncs every peer with every other one. */
export function syncAll(peers: readonly Peer[]): void {
  for (const from of peers) for (const to of peers) if (from !== to) from.sendTo(to)
}
