/**
 * What a connection may do in its room, decided outside the sync code (by the accounts layer, from
 * the connection's session and role) and enforced by the room on every message. A peer without a
 * policy may do everything (unit tests, tools); the server gives every websocket one.
 */
import type * as Y from 'yjs'
import type { CommentActor } from '../comments/comment-change-check'
import type { CloseCode } from './protocol'

/** What one connection may do. */
export interface PeerPolicy {
  /**
   * Who the connection acts for. Awareness client ids move freely between connections with the
   * same `actorId` (a reconnect whose old socket is not closed yet); across actors they never do.
   */
  readonly actorId: string
  /**
   * Decides on a document update (`kind`: a sync step 2 or a live update) before anything applies
   * it: true to apply it, false to ignore it (it changes nothing), or throws a `ProtocolError` with
   * `PERMISSION_DENIED` whose message is the reason sent to the client.
   */
  admitUpdate(doc: Y.Doc, update: Uint8Array, kind: 'sync-step-2' | 'update'): boolean
  /**
   * The awareness state to relay for a state the client sent (never null): typically the same
   * state with its `user` field replaced by the identity the server knows.
   */
  rewriteAwarenessState(state: Record<string, unknown>): Record<string, unknown>
  /**
   * Who the connection writes comments as, in a comments room whose guard (comments-guard.ts)
   * checks every change against it; absent where it writes no comments.
   */
  readonly commentActor?: CommentActor
}

/** What the gateway is told about a connection before it joins a room. */
export type PeerGrant =
  | {
      kind: 'admit'
      policy: PeerPolicy
      /**
       * Called once the peer exists, so the grantor can close it later (a revoked session, a
       * changed role); returns the function the gateway calls when the connection closes.
       */
      attach?(close: (code: CloseCode, reason: string) => void): () => void
    }
  /** Close the connection at once with `code`, sending nothing else. */
  | { kind: 'refuse'; code: CloseCode; reason: string }
