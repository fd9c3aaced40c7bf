/**
 * The one error type of accounts and roles. Its `kind` says what went wrong in terms any front
 * door understands; the HTTP layer turns a kind into a status with {@link ACCOUNT_ERROR_STATUS}.
 */

/** What kind of refusal an {@link AccountError} is, and the HTTP status each becomes. */
export const ACCOUNT_ERROR_STATUS = {
  /** The input is not acceptable (a bad username, a short password). */
  invalid: 400,
  /** Not signed in, or the credentials are wrong. */
  unauthenticated: 401,
  /** Signed in, but not allowed. */
  forbidden: 403,
  /** No such user (or notice, for someone without a role on it). */
  notFound: 404,
  /** The change would break a rule (the username is taken, a notice would lose its last owner). */
  conflict: 409,
  /** Too many failed sign-ins. */
  rateLimited: 429,
} as const

/** One of the keys of {@link ACCOUNT_ERROR_STATUS}. */
export type AccountErrorKind = keyof typeof ACCOUNT_ERROR_STATUS

/** A refused account or role operation, with a message meant for the user. */
export class AccountError extends Error {
  /** What kind of refusal this is. */
  readonly kind: AccountErrorKind
  /** The input field refused (`username`, `password`, `displayName`), when the refusal is about one. */
  readonly field: string | undefined
  constructor(kind: AccountErrorKind, message: string, options?: ErrorOptions & { field?: string }) {
    super(message, options)
    this.name = 'AccountError'
    this.kind = kind
    this.field = options?.field
  }
}

/** A sign-in refused for now, before its password is checked: it may be tried again after `retryAfterMs`. */
export class LoginBackoffError extends AccountError {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super('rateLimited', message)
    this.name = 'LoginBackoffError'
  }
}
