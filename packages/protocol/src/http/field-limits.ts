/**
 * The limits of what people type into the API, in one place: the server refuses beyond them and the
 * client's inputs stop at them (`maxLength`), so a form never lets through what the server refuses.
 * Limits of the notice model itself (metadata fields, comments) are @convene/schema's.
 */

/** What a username looks like: 2 to 32 lowercase letters, digits, `.`, `_` or `-`, starting with a letter or digit. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/

/** The longest username, in characters (see {@link USERNAME_PATTERN}). */
export const USERNAME_MAX_LENGTH = 32

/** The shortest password accepted, in characters. */
export const PASSWORD_MIN_LENGTH = 10

/** The longest password accepted, in characters (scrypt hashes any length, but a limit bounds the work). */
export const PASSWORD_MAX_LENGTH = 1024

/** The longest display name accepted, in characters (after trimming). */
export const DISPLAY_NAME_MAX_LENGTH = 100

/** The longest revision label accepted, in characters (after trimming and joining white space). */
export const REVISION_LABEL_MAX_LENGTH = 200

/**
 * The most characters a request may carry in a username or display name (200) and in a password
 * (4096) before the value is even looked at: beyond the limits above, so that the message about the
 * real limit is the one people see, and bounded, so that nobody makes the server read a megabyte.
 */
export const NAME_INPUT_MAX_LENGTH = 200

/** See {@link NAME_INPUT_MAX_LENGTH}. */
export const PASSWORD_INPUT_MAX_LENGTH = 4096
