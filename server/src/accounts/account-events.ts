/**
 * What changes in accounts while connections are open: a role granted or revoked, sessions ended,
 * a user changed. The connection monitor listens, so that open websockets follow at once; the
 * account code never depends on who listens.
 */

/** One change. */
export type AccountEvent =
  /** A user's role on a notice was granted, changed or revoked. */
  | { type: 'membership-changed'; noticeId: string; userId: string }
  /** These sessions ended (sign-out, revocation, a disabled or deleted user). */
  | { type: 'sessions-ended'; sessionIds: readonly string[] }
  /** A user's account changed (administrator flag, disabled, deleted). */
  | { type: 'user-changed'; userId: string }

/** A listener of {@link AccountEvent}s; it must not throw. */
export type AccountEventListener = (event: AccountEvent) => void

/** A minimal synchronous event bus for {@link AccountEvent}s. */
export class AccountEvents {
  private readonly listeners = new Set<AccountEventListener>()

  /** Adds a listener; returns the function that removes it. */
  on(listener: AccountEventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Tells every listener, in the order they were added. */
  emit(event: AccountEvent): void {
    for (const listener of this.listeners) listener(event)
  }
}
