/**
 * The guard of a notice room: no update from a peer reaches the room's document, its storage or
 * the other peers unless the document it leaves is still a valid notice (packages/schema
 * `noticeChangeProblems`: schema, metadata rules, nesting depth, attribute sizes).
 *
 * Design note. Yjs cannot roll a change back, and where an update's items land (hence whether
 * their parent's content still fits its schema) is only known once Yjs has integrated them. So
 * the guard keeps a shadow copy of the room's document: a peer's update is applied to the shadow
 * first, the check reads that one transaction (only what it added, and the children of the types
 * it changed, so its cost follows the update, not the notice), and only a clean update is then
 * applied to the room's document. Every other change of the room's document (server changes, move
 * replays, updates from other instances) is mirrored into the shadow as it happens. A refused
 * update has dirtied the shadow, which is rebuilt from the room's document (the one cost that
 * follows the notice's size, paid once per refusal, and a refusal closes the connection).
 * Measured with `pnpm --filter @convene/tests bench:notice-guard` (tests/bench/notice-guard.ts) on
 * a notice of 500 agenda items (368 KB of state): a keystroke costs 0.76 ms applied directly and
 * 1.3 ms through the guard, a pasted top-level paragraph 3.0 and 1.8 ms (noise: both sides apply
 * it), where a full scratch copy per update costs 66 to 72 ms; the shadow takes about as much
 * memory as the document (5.1 MiB next to 4.4 MiB).
 */
import { newNoticeYDoc, noticeChangeProblems, openNoticeRoots } from '@convene/schema'
import * as Y from 'yjs'
import { CLOSE_CODES, ProtocolError } from './protocol'
import { ShadowDoc } from './shadow-doc'

/** What a room asks of its guard. */
export interface UpdateGuard {
  /**
   * Calls `apply` (which applies `update` to the room's document with transaction origin
   * `origin`) if the change `update` makes is acceptable. Otherwise throws a `ProtocolError`
   * naming the problem (`INVALID_CHANGE` for a notice), and nothing is applied.
   */
  admit(update: Uint8Array, origin: unknown, apply: () => void): void
  /** Stops mirroring the room's document and frees the shadow. */
  destroy(): void
}

/**
 * Makes the guard of the room of notice `noticeId` holding `doc`; the registry waits for it
 * before the room opens (a comments guard first opens the notice's text).
 */
export type UpdateGuardFactory = (doc: Y.Doc, noticeId: string) => UpdateGuard | Promise<UpdateGuard>

/** A fresh notice doc holding what `doc` holds (pending structs included). */
function copyOf(doc: Y.Doc): Y.Doc {
  const copy = newNoticeYDoc()
  openNoticeRoots(copy)
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

/** The guard of a notice room (see the design note above). */
export function noticeUpdateGuard(doc: Y.Doc): UpdateGuard {
  openNoticeRoots(doc)
  const shadow = new ShadowDoc(doc, copyOf)
  return {
    admit(update, origin, apply) {
      const problems: string[] = []
      shadow.trial(update, (transaction) => {
        problems.push(...noticeChangeProblems(transaction))
      })
      if (problems.length > 0) {
        shadow.rebuild()
        throw new ProtocolError(
          CLOSE_CODES.INVALID_CHANGE,
          `Refused update: it would make the notice invalid: ${problems.join('; ')}`,
        )
      }
      shadow.commit(origin, apply)
    },
    destroy() {
      shadow.destroy()
    },
  }
}
